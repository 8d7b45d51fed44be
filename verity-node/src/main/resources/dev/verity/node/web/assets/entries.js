// How log entries, identifiers and the fields of inspection and commission steps are shown
// (the inspection pages and a step's message page).
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

