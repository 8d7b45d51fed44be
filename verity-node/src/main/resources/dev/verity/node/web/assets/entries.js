// How log entries, identifiers and the fields of inspection and commission steps are shown
// (the inspection pages, a message page and the protocol pages).
import { t, tOr, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { el } from './dom.js';

/** A link to the message page of a log entry {party, index}, which verifies its inclusion proof. */
export function entryLink(ref) {
  if (!ref) return '—';
  return el('a.entry-ref', { href: `#/message/${encodeURIComponent(ref.party)}/${ref.index}`, dir: 'ltr',
    'data-entry': `${ref.party}/${ref.index}` }, `${ref.party} #${fmtNum(ref.index)}`);
}

export const refs = list => (list || []).length ? el('span.refs', {}, list.map(entryLink)) : '—';
export const ids = list => (list || []).length ? el('span.ids', {}, list.map(id => el('code', {}, id))) : '—';
export const typeLabel = n => n == null ? '—' : t('insp.type' + n);

const INSTANTS = new Set(['arrivalTime', 'from', 'until', 'effectiveFrom', 'eventTime']);

/** True for a value worth a line: not null, not an empty list or object. */
export const worthShowing = v => v != null && !(Array.isArray(v) && !v.length) && !(typeof v === 'object' && !Object.keys(v).length);

/** A step's field shown by what it is: times, parties, identifiers, entry references, else as given. */
export function fieldValue(k, v) {
  if (INSTANTS.has(k)) return fmtDateTime(v);
  if (k === 'date') return fmtDate(v);
  if (k === 'inspectedParty') return tOr('party.' + v, v);
  if (k === 'inspectionType') return typeLabel(v);
  if (k === 'concerning') return refs(v);
  if (k === 'checkpoints' && Array.isArray(v)) return el('span.lines', {}, v.map(c => el('code', {}, `${c.origin} @ ${c.size}`)));
  if (Array.isArray(v) && v.every(x => typeof x === 'string')) return ids(v);
  if (typeof v === 'number') return fmtNum(v);
  if (typeof v === 'object') return el('code.json', {}, JSON.stringify(v));
  return /^[0-9a-f]{32,}$/i.test(String(v)) ? el('code.hash', {}, String(v)) : String(v);
}


/** A place in words: a point's degrees, a circle's centre and radius, a polygon's size. */
export function geoText(v) {
  // latitude then longitude, isolated left to right (LRI ... PDI): in an Arabic line the pair
  // would otherwise be read, and shown, in the other order
  const deg = p => `\u2066${fmtNum(p.lat)}°, ${fmtNum(p.lon)}°\u2069`;
  if (v?.circle) return t('geo.circle', { center: deg(v.circle.center), radius: fmtNum(v.circle.radius),
    unit: tOr('unit.' + v.circle.unit, v.circle.unit) });
  if (v?.polygon) return t('geo.polygon', { n: fmtNum(v.polygon.length) });
  return v && v.lat != null ? deg(v) : null;
}

/** A field shown by the kind its schema gives it; without a schema, by its name as above. */
export function showField(k, v, spec) {
  if (!spec) return fieldValue(k, v);
  const one = x => {
    switch (spec.kind) {
      case 'instant': return fmtDateTime(x);
      case 'date': return fmtDate(x);
      case 'party': return tOr('party.' + x, x);
      case 'entry': return entryLink(x);
      case 'enum': return tOr(`enum.${k}.${x}`, x);
      case 'boolean': return t(x ? 'common.yes' : 'common.no');
      case 'integer': case 'decimal': return fmtNum(x);
      case 'point': case 'polygon': case 'circle': return geoText(x) || fieldValue(k, x);
      case 'id': case 'item': case 'subject': return el('code', {}, String(x));
      default: return fieldValue(k, x);
    }
  };
  if (spec.list && Array.isArray(v)) return el('span.list', {}, v.map((x, i) => [i ? ', ' : '', one(x)]).flat());
  return one(v);
}
