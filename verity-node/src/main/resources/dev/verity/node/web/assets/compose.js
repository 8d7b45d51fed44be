// The compose form, generated from the chosen message type's schema (schema.js): one input per
// field by its kind (a select for an enum or a party, bounded numbers, date and time pickers in
// UTC, latitude and longitude for a point, text areas for lists, maps, records and shapes), each
// labelled by its label key. The form checks what the schema says before sending; the node
// checks again and answers 400 naming the field, or 422 with the rule a step breaks.
import { t, tOr, fmtNum } from './i18n.js';
import { post } from './api.js';
import { el, errorBox } from './dom.js';
import { register, fieldTool } from './registry.js';
import { agreement, header, typeName } from './pages.js';
import { check, fromText, lineRecord, lineRecords, listItems, mapEntries, schemaOf, scalar }
  from './schema.js';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const absent = { absent: true };

/** The participants' ids, which party and entry fields may name. */
const participants = agr => agr.parties.map(p => p.id);

function select(options) {
  return el('select', {}, el('option', { value: '' }, '—'),
    options.map(([v, label]) => el('option', { value: v }, label)));
}

/** The input of one scalar field, and how its text becomes a value. */
function scalarInput(spec, name, agr) {
  switch (spec.kind) {
    case 'enum': return select((spec.values || []).map(v => [v, tOr(`enum.${name}.${v}`, v)]));
    case 'party': return select(agr.parties.map(p => [p.id, tOr('party.' + p.id, p.name)]));
    case 'boolean': return select([['true', t('common.yes')], ['false', t('common.no')]]);
    case 'integer': return el('input', { type: 'number', step: 1, min: spec.min, max: spec.max });
    case 'decimal':
      return el('input', { type: 'number', step: 'any', min: spec.min, max: spec.max });
    case 'instant': return el('input', { type: 'datetime-local', step: 1 });
    case 'date': return el('input', { type: 'date' });
    case 'longText': return el('textarea', { rows: 3, spellcheck: 'true', dir: 'auto' });
    default: return el('input', { type: 'text', spellcheck: 'false',
      maxlength: spec.maxLength, dir: ['text'].includes(spec.kind) ? 'auto' : 'ltr' });
  }
}

/** A read value checked against the spec: {value}, {error} or absent (empty). */
function judged(spec, value, agr) {
  return value === undefined ? absent : check(spec, value, participants(agr));
}

/**
 * The control of one field: the element(s) after its label, the element the label names, and
 * read(), giving {value}, {error} or {absent}.
 */
function control(spec, name, agr) {
  if (scalar(spec)) {
    const input = scalarInput(spec, name, agr);
    return { input, read: () => input.value.trim() === '' ? absent
      : judged(spec, fromText(spec, input.value), agr) };
  }
  if (spec.kind === 'point' && !spec.list) return pointControl(spec, agr);
  const area = el('textarea.ltr', { rows: 4, spellcheck: 'false', dir: 'ltr' });
  const raw = () => area.value.trim();
  let parse;
  if (spec.list && SCALAR_LIST(spec)) {
    parse = s => listItems(spec, s).map(x => fromText(spec, x));
  } else if (lineRecords(spec)) {
    parse = s => s.split(/\r?\n/).filter(l => l.trim()).map(l => lineRecord(spec, l));
  } else if (spec.kind === 'map' && scalar(spec.of || {})) {
    parse = s => mapEntries(spec, s);
  } else {
    parse = s => {
      try { return JSON.parse(s); } catch (e) { return spec.kind === 'any' ? s : null; }
    };
  }
  return { input: area, read: () => {
    if (!raw()) return absent;
    const v = parse(raw());
    if (v === null) {
      return { error: t(spec.kind === 'map' ? 'compose.err.map' : 'compose.err.json') };
    }
    return judged(spec, v, agr);
  } };
}

const SCALAR_LIST = spec => scalar({ ...spec, list: false });

/** A point as latitude and longitude in WGS 84 degrees. */
function pointControl(spec, agr) {
  const lat = el('input', { type: 'number', step: 'any', min: -90, max: 90 });
  const lon = el('input', { type: 'number', step: 'any', min: -180, max: 180 });
  const box = el('span.point', {}, el('label.inline', {}, el('span', {}, t('compose.lat')), lat),
    ' ', el('label.inline', {}, el('span', {}, t('compose.lon')), lon));
  return { input: lat, extra: lon, node: box, read: () => {
    if (!lat.value.trim() && !lon.value.trim()) return absent;
    return judged(spec, { lat: Number(lat.value), lon: Number(lon.value) }, agr);
  } };
}

const HINTED = ['instant', 'entry', 'duration', 'point', 'polygon', 'circle'];

/** The hint under a field: how to write it, for kinds an input alone does not make plain. */
function hint(spec) {
  if (spec.list && SCALAR_LIST(spec)) {
    return t(spec.kind === 'entry' ? 'compose.hint.entries' : 'compose.hint.list');
  }
  if (lineRecords(spec)) {
    return t('compose.hint.records', { fields: Object.keys(spec.fields).join(' ') });
  }
  if (spec.kind === 'map' && scalar(spec.of || {})) return t('compose.hint.map');
  if (HINTED.includes(spec.kind)) return t('compose.hint.' + spec.kind);
  if (spec.pattern) return t('compose.hint.pattern', { pattern: spec.pattern });
  return scalar(spec) ? null : t('compose.hint.json');
}

/** Fields a record holds, each a nested control named parent.child. */
function recordFields(spec, name, agr, add) {
  return el('fieldset', { 'data-field': name }, el('legend', {}, tOr(spec.label, name)),
    Object.entries(spec.fields || {}).map(([n, s]) => add(name + '.' + n, s)));
}

/** The node's refusal of a step under the agreement's rules (422 with refusal and reason). */
function refusalBox(e) {
  return el('div.alert.error', { id: 'compose-refusal', 'data-refusal': e.refusal },
    t('compose.refusedByRules'), ' ',
    el('span.refusal-name', {}, tOr('refusal.' + e.refusal, e.refusal)), ' — ',
    el('span.refusal-reason', {}, e.reason || e.message));
}

/** The treaty reference of the agreement: data in English, isolated from the page's direction. */
function sourceNote(source) {
  const [before, after] = t('compose.source', { source: '\u0000' }).split('\u0000');
  return el('span', {}, before, el('bdi', { lang: 'en' }, source), after);
}

function deadlineText(d) {
  if (d.afterEventDays != null) return t('deadline.after', { n: fmtNum(d.afterEventDays) });
  if (d.afterEventHours != null) return t('deadline.afterHours', { n: fmtNum(d.afterEventHours) });
  if (d.beforeEventHours != null) return t('deadline.before', { n: fmtNum(d.beforeEventHours) });
  if (d.nextDataExchange) return t('deadline.exchange');
  return '';
}

const idOf = name => 'f-' + name.replace(/\./g, '-');
const errIdOf = name => 'err-' + name.replace(/\./g, '-');

/** Reads the controls into the message: the values, and the errors by field name. */
function readMessage(schema, controls) {
  const message = {};
  const errors = {};
  const fill = (obj, specs, prefix) => {
    for (const [n, spec] of Object.entries(specs)) {
      const name = prefix + n;
      if (spec.kind === 'record' && !spec.list) {
        const sub = {};
        fill(sub, spec.fields || {}, name + '.');
        if (Object.keys(sub).length || spec.required) obj[n] = sub;
        continue;
      }
      const r = controls[name].read();
      if (r.absent) {
        if (spec.required) errors[name] = t('compose.err.required');
      } else if (r.error) errors[name] = r.error;
      else obj[n] = r.value;
    }
  };
  fill(message, schema, '');
  return { message, errors };
}

/** A field the node named in its answer ("message.newItem.kind", "message.checkpoints[1]"). */
function fieldNamed(field, known) {
  const path = (field || '').replace(/^message\./, '').replace(/\[\d+].*$/, '');
  const parts = path.split('.');
  for (let i = parts.length; i > 0; i--) {
    if (known[parts.slice(0, i).join('.')]) return parts.slice(0, i).join('.');
  }
  return null;
}

async function compose(view, ctx) {
  view.append(header(t('compose.title')));
  if (ctx.session.role !== 'operator') {
    view.append(el('div.alert.error', { id: 'compose-refused', role: 'alert' },
      t('compose.refused')));
    return;
  }
  const agr = await agreement();
  if (ctx.stale()) return;
  const types = agr.messages;
  let type = types.find(m => m.id === ctx.params.get('type')) || types[0];
  const form = el('form.card.compose', { id: 'compose-form', novalidate: true });
  const out = el('div', { id: 'compose-result', 'aria-live': 'polite' });
  let controls = {};
  const errs = {};
  const field = (name, label, input, hintText, node, spec) => {
    input.id = idOf(name);
    input.name = name;
    errs[name] = el('div.field-error', { id: errIdOf(name) });
    input.setAttribute('aria-describedby', errs[name].id);
    const tool = spec && fieldTool(type.id, name);
    return el('div.field', { 'data-field': name, 'data-kind': spec?.kind },
      el('label', { for: input.id }, label),
      node || input, hintText ? el('div.hint', {}, hintText) : null,
      tool ? tool(input, errs[name]) : null, errs[name]);
  };
  const add = (name, spec) => {
    if (spec.kind === 'record' && !spec.list) return recordFields(spec, name, agr, add);
    const c = control(spec, name, agr);
    controls[name] = c;
    if (c.extra) c.extra.id = idOf(name) + '-lon';
    // a record's field may be labelled in its record's words (field.newItem.id: the new item's)
    const own = tOr(spec.label, name.split('.').pop());
    const label = (name.includes('.') ? tOr('field.' + name, own) : own)
      + (spec.required ? '' : ' ' + t('compose.optional'));
    return field(name, label, c.input, hint(spec), c.node, spec);
  };
  const typeSel = el('select', {}, types.map(m =>
    el('option', { value: m.id, selected: m === type }, typeName(agr, m.id))));
  const clientId = el('input', { type: 'text', value: `${ctx.session.party}-ui-${Date.now()}` });
  const build = () => {
    controls = {};
    for (const k of Object.keys(errs)) delete errs[k];
    form.dataset.type = type.id;
    const schema = schemaOf(agr, type.id);
    const source = type.source ? sourceNote(type.source) : null;
    const parts = [field('type', t('compose.type'), typeSel, source),
      field('clientId', t('compose.clientId'), clientId, t('compose.clientIdHint'))];
    if (!type.effect) parts.push(el('p.muted.small', {}, t('compose.stepTime')));
    for (const [name, spec] of Object.entries(schema)) parts.push(add(name, spec));
    prefill(type, schema, controls);
    if (type.deadline) parts.push(el('p.muted', {}, deadlineText(type.deadline)));
    form.replaceChildren(...parts, el('div.form-error', { id: 'err-form', role: 'alert' }),
      el('button', { type: 'submit', id: 'send' }, t('compose.send')));
  };
  typeSel.addEventListener('change', () => {
    type = types.find(m => m.id === typeSel.value);
    build();
  });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    Object.values(errs).forEach(e => e.replaceChildren());
    form.querySelector('#err-form').replaceChildren();
    out.replaceChildren();
    const { message, errors } = readMessage(schemaOf(agr, type.id), controls);
    if (!CLIENT_ID.test(clientId.value.trim())) errors.clientId = t('compose.err.clientId');
    for (const [k, msg] of Object.entries(errors)) errs[k]?.replaceChildren(msg);
    form.querySelectorAll('.field')
      .forEach(f => f.classList.toggle('invalid', !!errors[f.dataset.field]));
    if (Object.keys(errors).length) {
      document.getElementById(idOf(Object.keys(errors)[0]))?.focus();
      return;
    }
    const body = { clientId: clientId.value.trim(), type: type.id, message };
    await send(form, out, body, errs, ctx, clientId);
  });
  build();
  view.append(form, out);
}

/** A notification's time is most often now: its required instants start at this minute (UTC). */
function prefill(type, schema, controls) {
  if (!type.effect) return;
  const now = new Date().toISOString().slice(0, 16);
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.kind === 'instant' && spec.required && !spec.list) controls[name].input.value = now;
  }
}

async function send(form, out, body, errs, ctx, clientId) {
  const button = form.querySelector('#send');
  button.disabled = true;
  try {
    const r = await post('/api/v1/messages', body);
    out.replaceChildren(el('div.alert.ok', { role: 'status', id: 'compose-ok' },
      t(r.duplicate ? 'compose.duplicate' : 'compose.sent', { index: fmtNum(r.index) }), ' ',
      el('a', { href: `#/message/${r.party}/${r.index}`, id: 'sent-link' }, t('compose.open'))));
    clientId.value = `${ctx.session.party}-ui-${Date.now()}`;
  } catch (e) {
    const name = fieldNamed(e.field, errs);
    if (e.status === 403) {
      form.querySelector('#err-form').replaceChildren(errorBox(e));
    } else if (e.refusal) {
      form.querySelector('#err-form').replaceChildren(refusalBox(e));
    } else if (name) {
      errs[name].replaceChildren(t('compose.apiSays', { error: e.message }));
      errs[name].parentElement.classList.add('invalid');
    } else {
      form.querySelector('#err-form').replaceChildren(el('div.alert.error', {},
        t('compose.refusedByNode', { error: e.message })));
    }
  } finally {
    button.disabled = false;
  }
}

register({ id: 'compose', nav: 'nav.compose', order: 30, render: compose, role: 'operator' });
