// A message type's typed fields as the agreement declares them (GET /api/v1/agreement, each
// type's `fields`: {name: {kind, required, label, ...}}, docs/formats/agreement.md "Message
// fields"), and the checks the compose form makes from them. They mirror the node's schema
// (dev.verity.core.schema): same kinds, bounds, patterns and geographic shapes; the node stays the
// judge and answers 400 naming the field.
import { t } from './i18n.js';

const ID_LENGTH = 128;
const TEXT_LENGTH = 1000;
const LONG_TEXT_LENGTH = 16000;
const MAX_POINTS = 1000;

/** The schema of message type id: {name: spec}; a node that lists only names gives texts. */
export function schemaOf(agr, id) {
  const fields = agr.messages.find(m => m.id === id)?.fields || {};
  if (!Array.isArray(fields)) return fields;
  return Object.fromEntries(fields.map(f =>
    [f, { kind: 'text', required: true, label: 'field.' + f }]));
}

/** Kinds whose value is one word or number, written in one input. */
const SCALAR = new Set(['id', 'item', 'subject', 'text', 'longText', 'enum', 'integer', 'decimal',
  'boolean', 'instant', 'date', 'duration', 'party', 'entry']);
export const scalar = spec => !spec.list && SCALAR.has(spec.kind);
/** A list of records each of scalar fields: one record a line, its values in field order. */
export const lineRecords = spec => spec.kind === 'record' && spec.list
  && Object.values(spec.fields || {}).every(scalar);

const problem = (key, vars) => ({ error: t(key, vars) });
const ok = value => ({ value });

/** A bound in words: "from 0 to 99", "0 or more", "99 or less". */
function bounds(spec) {
  if (spec.min != null && spec.max != null) {
    return t('compose.err.between', { min: spec.min, max: spec.max });
  }
  if (spec.min != null) return t('compose.err.atLeast', { min: spec.min });
  return spec.max != null ? t('compose.err.atMost', { max: spec.max }) : '';
}

function bounded(spec, n) {
  const inside = (spec.min == null || n >= spec.min) && (spec.max == null || n <= spec.max);
  return inside ? ok(n) : problem('compose.err.outOfRange', { range: bounds(spec) });
}

function text(spec, s) {
  const identifier = ['id', 'item', 'subject'].includes(spec.kind);
  const max = spec.maxLength ?? (identifier ? ID_LENGTH
    : spec.kind === 'longText' ? LONG_TEXT_LENGTH : TEXT_LENGTH);
  if (typeof s !== 'string' || !s.trim()) return problem('compose.err.required');
  if (s.length > max) return problem('compose.err.tooLong', { max });
  if (identifier && /\s/.test(s)) return problem('compose.err.identifier');
  if (spec.kind !== 'longText' && /[\n\r]/.test(s)) return problem('compose.err.oneLine');
  if (spec.pattern && !new RegExp('^(?:' + spec.pattern + ')$').test(s)) {
    return problem('compose.err.pattern', { pattern: spec.pattern });
  }
  return ok(s);
}

function point(v) {
  const good = v && typeof v === 'object' && typeof v.lat === 'number' && typeof v.lon === 'number'
    && Math.abs(v.lat) <= 90 && Math.abs(v.lon) <= 180 && Object.keys(v).length === 2;
  return good ? ok(v) : problem('compose.err.point');
}

function polygon(v) {
  const pts = v?.polygon;
  if (!Array.isArray(pts) || pts.length < 3 || pts.length > MAX_POINTS
    || pts.some(p => point(p).error)) return problem('compose.err.polygon');
  return ok(v);
}

function circle(v) {
  const c = v?.circle;
  const good = c && !point(c.center).error && typeof c.radius === 'number' && c.radius > 0
    && ['km', 'nmi'].includes(c.unit);
  return good ? ok(v) : problem('compose.err.circle');
}

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** Checks a JSON value against one (non-list) field spec, as the node's FieldType does. */
function checkOne(spec, v, participants) {
  switch (spec.kind) {
    case 'enum': return (spec.values || []).includes(v) ? ok(v) : problem('compose.err.enum');
    case 'integer': return Number.isInteger(v) ? bounded(spec, v) : problem('compose.err.integer');
    case 'decimal': return typeof v === 'number' && isFinite(v) ? bounded(spec, v)
      : problem('compose.err.number');
    case 'boolean': return typeof v === 'boolean' ? ok(v) : problem('compose.err.required');
    case 'instant': return INSTANT.test(v) && !isNaN(Date.parse(v)) ? ok(v)
      : problem('compose.err.time');
    case 'date': return /^\d{4}-\d{2}-\d{2}$/.test(v) && !isNaN(Date.parse(v)) ? ok(v)
      : problem('compose.err.date');
    case 'duration': return DURATION.test(v) ? ok(v) : problem('compose.err.duration');
    case 'party': return participants.includes(v) ? ok(v) : problem('compose.err.party');
    case 'entry': return v && participants.includes(v.party) && Number.isInteger(v.index)
      && v.index >= 0 ? ok(v) : problem('compose.err.refs');
    case 'point': return point(v);
    case 'polygon': return polygon(v);
    case 'circle': return circle(v);
    case 'record': return record(spec.fields || {}, v, participants);
    case 'map': return map(spec, v, participants);
    case 'oneOf': return (spec.of || []).some(s => !check(s, v, participants).error) ? ok(v)
      : problem('compose.err.oneOf');
    case 'any': return ok(v);
    default: return text(spec, v);
  }
}

function map(spec, v, participants) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return problem('compose.err.map');
  for (const [k, x] of Object.entries(v)) {
    if (!k || /\s/.test(k) || check(spec.of || {}, x, participants).error) {
      return problem('compose.err.map');
    }
  }
  return ok(v);
}

function record(fields, v, participants) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return problem('compose.err.json');
  for (const [name, s] of Object.entries(fields)) {
    if (v[name] == null) {
      if (s.required) return problem('compose.err.fieldRequired', { field: name });
    } else {
      const r = check(s, v[name], participants);
      if (r.error) return problem('compose.err.fieldBad', { field: name, error: r.error });
    }
  }
  const extra = Object.keys(v).find(k => !(k in fields));
  return extra ? problem('compose.err.fieldUnknown', { field: extra }) : ok(v);
}

/** Checks a JSON value against a field spec, lists included: {value} or {error}. */
export function check(spec, v, participants = []) {
  if (!spec.list) return checkOne(spec, v, participants);
  const min = spec.minItems ?? 0;
  const max = spec.maxItems ?? 1000;
  if (!Array.isArray(v) || v.length < min || v.length > max) {
    return problem('compose.err.count', { min, max });
  }
  const one = { ...spec, list: false };
  for (let i = 0; i < v.length; i++) {
    const r = checkOne(one, v[i], participants);
    if (r.error) return problem('compose.err.element', { n: i + 1, error: r.error });
  }
  return ok(v);
}

/** An instant typed in a datetime-local input (UTC), as the node writes it. */
export function instantOf(raw) {
  if (isNaN(Date.parse(raw + 'Z'))) return raw;
  return new Date(raw + (raw.length === 16 ? ':00' : '') + 'Z').toISOString().replace('.000Z', 'Z');
}

/** One scalar value as typed into its input, converted to JSON by its kind (unchecked). */
export function fromText(spec, raw) {
  const s = raw.trim();
  switch (spec.kind) {
    case 'integer': return /^-?\d+$/.test(s) ? Number(s) : s;
    case 'decimal': return s !== '' && isFinite(Number(s)) ? Number(s) : s;
    case 'boolean': return s === 'true' ? true : s === 'false' ? false : s;
    case 'instant': return instantOf(s);
    case 'entry': {
      const m = /^([A-Za-z]{2,16})\s*[#/ ]\s*(\d+)$/.exec(s);
      return m ? { party: m[1].toUpperCase(), index: Number(m[2]) } : s;
    }
    case 'longText': return raw;
    default: return s;
  }
}

/** The entries of a list typed in a text area: one a line, or separated by commas. */
export function listItems(spec, raw) {
  const sep = ['id', 'item', 'subject', 'party'].includes(spec.kind) ? /[\s,;]+/ : /[\n,;]+/;
  return raw.split(sep).map(x => x.trim()).filter(Boolean);
}

/** One record a line, its values in field order separated by spaces (the last takes the rest). */
export function lineRecord(spec, line) {
  const names = Object.keys(spec.fields);
  const parts = line.trim().split(/\s+/);
  const rest = parts.slice(names.length - 1).join(' ');
  const values = [...parts.slice(0, names.length - 1), rest];
  const out = {};
  names.forEach((n, i) => { if (values[i]) out[n] = fromText(spec.fields[n], values[i]); });
  return out;
}

/** A map typed one entry a line: an identifier, then its value ("RU-TU160-1 6", "a = 6"). */
export function mapEntries(spec, raw) {
  const out = {};
  for (const line of raw.split(/\r?\n/).map(s => s.trim()).filter(Boolean)) {
    const m = /^(\S+?)\s*[=:\s]\s*(.+)$/.exec(line);
    if (!m) return null;
    out[m[1]] = fromText(spec.of || {}, m[2]);
  }
  return out;
}
