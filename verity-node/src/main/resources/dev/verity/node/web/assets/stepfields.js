// Compose forms for inspection, exhibition and commission steps (issue 6): each field by what it
// holds (dev.verity.core.inspection.InspectionMessage, dev.verity.core.commission.CommissionMessage),
// parsed into the step body the node expects. A step carries no eventTime and no number: its time
// is the entry's (inspection-api-contract, "Submitting steps").
import { t, tOr } from './i18n.js';
import { el } from './dom.js';
import { get } from './api.js';

export const isStep = type => /^(inspection|exhibition|commission)-/.test(type.id);

const KINDS = {
  arrivalTime: 'instant', from: 'instant', until: 'instant', effectiveFrom: 'instant',
  date: 'date',
  inspectionType: 'inspectionType', bomberCount: 'integer', reentryVehicles: 'integer',
  bombers: 'ids', uniqueIdentifiers: 'ids',
  concerning: 'refs',
  checkpoints: 'checkpoints', bomberArmaments: 'counts', amendments: 'amendments',
  commitment: 'hex', secret: 'hex', digest: 'hex',
  inspectedParty: 'party', itemKind: 'itemKind',
  text: 'longText', title: 'text', resolution: 'longText',
};

/**
 * The commission's steps (CommissionMessage; New START Part Six, the Bilateral Consultative
 * Commission): the node takes them under every agreement, though no agreement's catalogue lists them.
 */
const COMMISSION_SOURCE = 'Treaty Article XII, Protocol Part Six (Bilateral Consultative Commission)';
export const COMMISSION_TYPES = [
  { id: 'commission-session', fields: ['session', 'date', 'place'] },
  { id: 'commission-agenda-item', fields: ['session', 'item', 'title', 'concerning'] },
  { id: 'commission-decision', fields: ['decision', 'session', 'item', 'text', 'effectiveFrom', 'amendments'] },
  { id: 'commission-decision-signed', fields: ['decision'] },
  { id: 'commission-item-closed', fields: ['item', 'resolution'] },
].map(c => ({ ...c, effect: 'none', source: COMMISSION_SOURCE }));

/** The agreement's message types, then the commission's that its catalogue does not list. */
export function composeTypes(agr) {
  return [...agr.messages, ...COMMISSION_TYPES.filter(c => !agr.messages.some(m => m.id === c.id))];
}

/** Fields a step's record takes beyond those the catalogue requires (InspectionMessage.AmbiguityRaised.concerning). */
const EXTRA = { 'inspection-ambiguity': ['concerning'] };
/** Fields that may be left empty, as the node's StepParser allows (a Type Two inspection designates no missile). */
const OPTIONAL = new Set(['missile', 'bombers', 'uniqueIdentifiers', 'reentryVehicles', 'bomberArmaments', 'reason', 'concerning']);
const OPTIONAL_IN = { 'commission-session': ['place'], 'commission-decision': ['item', 'effectiveFrom', 'amendments'],
  'commission-item-closed': ['resolution'] };

export const kindOf = f => KINDS[f] || 'text';

/** The label's key: a commission step's item is an agenda item, not a unique identifier. */
export const labelKey = (type, f) => f === 'item' && type.id.startsWith('commission-') ? 'field.agendaItem' : 'field.' + f;

/**
 * A type's field names. The agreement serves its typed schema ({name: {kind, required, label}},
 * docs/formats/agreement.md); the built-in commission list above still gives names only.
 */
export const fieldNames = type =>
  Array.isArray(type.fields) ? type.fields : Object.keys(type.fields || {});

/** A notification's fields asked one by one (its time and new item have inputs of their own). */
export const notificationFields = type =>
  fieldNames(type).filter(f => f !== 'eventTime' && f !== 'newItem');

export function stepFieldNames(type) {
  const names = fieldNames(type);
  return [...names, ...(EXTRA[type.id] || []).filter(f => !names.includes(f))];
}

export function optional(type, f) {
  return OPTIONAL.has(f) || (OPTIONAL_IN[type.id] || []).includes(f);
}

const MULTI_LINE = new Set(['ids', 'refs', 'checkpoints', 'counts', 'amendments', 'longText']);

/** The input for a step field; list-like fields are text areas with a hint on how to write them. */
export function stepInput(f, agr, party) {
  const kind = kindOf(f);
  if (kind === 'instant') return el('input', { type: 'datetime-local', step: 1 });
  if (kind === 'date') return el('input', { type: 'date' });
  if (kind === 'integer') return el('input', { type: 'number', min: 0, step: 1 });
  if (kind === 'inspectionType') return el('select', {}, el('option', { value: '' }, '—'),
    [1, 2].map(n => el('option', { value: String(n) }, t('insp.type' + n))));
  if (kind === 'party') return el('select', {}, el('option', { value: '' }, '—'), agr.parties.filter(p => p.id !== party)
    .map(p => el('option', { value: p.id }, tOr('party.' + p.id, p.name))));
  if (kind === 'itemKind') return el('select', {}, el('option', { value: '' }, '—'),
    agr.itemKinds.map(k => el('option', { value: k.id }, tOr('kind.' + k.id, k.name))));
  if (MULTI_LINE.has(kind)) return el('textarea' + (kind === 'longText' ? '' : '.ltr'), { rows: kind === 'longText' ? 3 : 4, spellcheck: kind === 'longText' ? 'true' : 'false' });
  return el('input', { type: 'text', spellcheck: 'false' });
}

export function stepHint(f) {
  const kind = kindOf(f);
  return ['instant', 'ids', 'refs', 'checkpoints', 'counts', 'amendments', 'hex'].includes(kind) ? t('compose.hint.' + kind) : null;
}

/**
 * The latest checkpoint of this node's log and of each peer's log it mirrors, one per line as the
 * checkpoints field takes them (PARTY ORIGIN SIZE ROOT-HASH): what a selection commitment fixes.
 */
export async function latestCheckpoints() {
  const log = await get('/api/v1/log');
  const out = [line(log.party, log.checkpoint)];
  for (const p of log.peers.filter(x => x.mirroredSize > 0)) {
    const m = await get(`/api/v1/messages/${encodeURIComponent(p.party)}/${p.mirroredSize - 1}`);
    out.push(line(p.party, m.proof.checkpoint));
  }
  return out.join('\n');
}

/** The first three lines of a signed checkpoint are its origin, size and root hash (C2SP tlog-checkpoint). */
function line(party, checkpoint) {
  const [origin, size, root] = checkpoint.split('\n');
  return `${party} ${origin} ${size} ${root}`;
}

const lines = raw => raw.split(/\r?\n/).map(s => s.trim()).filter(Boolean);
const tokens = raw => raw.split(/[\s,;]+/).filter(Boolean);
const bad = key => ({ error: t(key) });

const PARSERS = {
  text: raw => ({ value: raw }),
  longText: raw => ({ value: raw }),
  party: raw => ({ value: raw }),
  itemKind: raw => ({ value: raw }),
  instant: raw => isNaN(Date.parse(raw + 'Z')) ? bad('compose.err.time')
    : { value: new Date(raw + (raw.length === 16 ? ':00' : '') + 'Z').toISOString().replace('.000Z', 'Z') },
  date: raw => /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { value: raw } : bad('compose.err.date'),
  integer: raw => /^\d+$/.test(raw) ? { value: Number(raw) } : bad('compose.err.integer'),
  inspectionType: raw => /^[12]$/.test(raw) ? { value: Number(raw) } : bad('compose.err.required'),
  hex: raw => /^([0-9a-fA-F]{2})+$/.test(raw) ? { value: raw.toLowerCase() } : bad('compose.err.hex'),
  ids: raw => ({ value: tokens(raw) }),
  refs: raw => {
    const out = [];
    for (const tok of raw.split(/[,;\n]+/).map(s => s.trim()).filter(Boolean)) {
      const m = /^([A-Za-z]{2,16})\s*[#/ ]\s*(\d+)$/.exec(tok);
      if (!m) return bad('compose.err.refs');
      out.push({ party: m[1].toUpperCase(), index: Number(m[2]) });
    }
    return { value: out };
  },
  checkpoints: raw => {
    const out = [];
    for (const line of lines(raw)) {
      const p = line.split(/\s+/);
      if (p.length !== 4 || !/^\d+$/.test(p[2])) return bad('compose.err.checkpoints');
      out.push({ party: p[0], origin: p[1], size: Number(p[2]), rootHash: p[3] });
    }
    return { value: out };
  },
  counts: raw => {
    const out = {};
    for (const line of lines(raw)) {
      const m = /^(\S+)\s*[=: ]\s*(\d+)$/.exec(line);
      if (!m) return bad('compose.err.counts');
      out[m[1]] = Number(m[2]);
    }
    return { value: out };
  },
  amendments: raw => {
    const out = [];
    for (const line of lines(raw)) {
      const i = line.indexOf('=');
      if (i <= 0) return bad('compose.err.amendments');
      const v = line.slice(i + 1).trim();
      let value;
      try { value = JSON.parse(v); } catch (e) { value = v; }
      out.push({ path: line.slice(0, i).trim(), value });
    }
    return { value: out };
  },
};

/**
 * The step body from the form's raw values, or the errors by field name (the same checks the
 * node's schema step makes: required fields, numbers, times, hex, references).
 */
export function parseStep(type, raw) {
  const message = {};
  const errors = {};
  for (const f of stepFieldNames(type)) {
    const v = (raw[f] || '').trim();
    if (!v) {
      if (!optional(type, f)) errors[f] = t('compose.err.required');
      continue;
    }
    const r = PARSERS[kindOf(f)](v);
    if (r.error) errors[f] = r.error;
    else message[f] = r.value;
  }
  return { message, errors };
}
