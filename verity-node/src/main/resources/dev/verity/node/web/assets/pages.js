// The dashboard's pages. Each renders into view from the node's API; every text goes through t().
import { t, tOr, fmtNum, fmtDate, fmtDateTime, fmtMonth, fmtWeekday, fmtAge } from './i18n.js';
import { get, post, ApiError } from './api.js';
import { el, badge, table, pagedTable, errorBox, todayUtc } from './dom.js';
import { lineChart } from './chart.js';
import { b64ToBytes, parseCheckpoint, toHex, verifyInclusion } from './merkle.js';
import { escrow } from './escrow.js';
import { reconciliation } from './reconciliation.js';
import { fieldValue, worthShowing } from './entries.js';
import { composeTypes, isStep, labelKey, latestCheckpoints, notificationFields, optional, parseStep,
  stepFieldNames, stepHint, stepInput } from './stepfields.js';

const COLOURS = ['#1f5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d98c00'];
export const partyName = (agr, id) => tOr('party.' + id, agr.parties.find(p => p.id === id)?.name || id);
const limitName = l => tOr('limit.' + l, l);
export const typeName = (agr, id) => tOr('msgtype.' + id, agr.messages.find(m => m.id === id)?.name || id);
export const statusBadge = (family, s) => badge(s, tOr(family + '.' + s, s));
export const isDate = s => /^\d{4}-\d{2}-\d{2}$/.test(s || '');
export const agreement = () => get('/api/v1/agreement', true);

/** The node's day: an exercise node's clock (a drill set years back), else today (UTC). */
export const nodeToday = ctx => (ctx.session.exercise?.now || todayUtc()).slice(0, 10);
/** The button back to the node's day: "Today", or on an exercise node its clock. */
export const todayLabel = ctx => t(ctx.session.exercise ? 'exercise.now' : 'common.today');

export function header(title, ...tools) {
  return el('div.page-head', {}, el('h1', {}, title), el('div.page-tools', {}, tools));
}

export function datePicker(id, value, onchange) {
  const input = el('input', { type: 'date', id, value, min: '2010-01-01', max: '2099-12-31' });
  input.addEventListener('change', () => { if (isDate(input.value)) onchange(input.value); });
  return el('label.inline', { for: id }, el('span', {}, t('common.asOf')), input);
}

// ---------- Overview ----------
async function overview(view, ctx) {
  const asOf = isDate(ctx.params.get('asOf')) ? ctx.params.get('asOf') : nodeToday(ctx);
  const [agr, comp, hist] = await Promise.all([agreement(), get('/api/v1/compliance?asOf=' + asOf),
    get('/api/v1/history', true)]);
  if (ctx.stale()) return;
  view.append(header(t('overview.title'), datePicker('asof', asOf, d => ctx.go('overview', [], { asOf: d })),
    el('button.secondary', { type: 'button', id: 'asof-today', onclick: () => ctx.go('overview', [], {}) }, todayLabel(ctx))));
  view.append(el('p.muted', { id: 'asof-label' }, t('overview.asOfText', { date: fmtDate(asOf), agreement: tOr('agreement.' + agr.id, agr.title) })));
  const cards = el('div.cards');
  if (!comp.parties.length) cards.append(el('p.muted', {}, t('overview.nodata')));
  for (const p of comp.parties) {
    const rows = p.limits.map(l => el('tr', { 'data-party': p.party, 'data-limit': l.name },
      el('th', { scope: 'row' }, limitName(l.name)),
      el('td.num.value', {}, fmtNum(l.value)), el('td.num.max', {}, fmtNum(l.max)),
      el('td.num.margin', {}, fmtNum(l.margin)), el('td', {}, statusBadge('limitstatus', l.status))));
    const worst = p.limits.some(l => l.status === 'exceeds') ? 'exceeds' : p.limits[0]?.status;
    cards.append(el('article.card.party', { 'data-party': p.party },
      el('h2', {}, partyName(agr, p.party), ' ', worst ? statusBadge('limitstatus', worst) : null),
      table([t('overview.limit'), t('overview.value'), t('overview.max'), t('overview.margin'), t('overview.status')], rows)));
  }
  view.append(cards);
  // history charts, one per limit
  view.append(el('h2', {}, t('overview.history')));
  const from = agr.entryIntoForce || '2011-01-01';
  const to = [todayUtc(), asOf, agr.endsOn || ''].sort().pop();
  const charts = el('div.charts', { id: 'charts' });
  const parties = agr.parties.map(p => p.id);
  for (const lim of agr.limits) {
    const series = [];
    parties.forEach((party, i) => {
      const pub = hist.published.filter(r => r.party === party && r.values[lim.aggregate] != null)
        .map(r => [r.date, r.values[lim.aggregate]]);
      const own = hist.node.filter(r => r.party === party && r.values[lim.aggregate] != null)
        .map(r => [r.date, r.values[lim.aggregate]]);
      if (pub.length) series.push({ label: t('chart.published', { party: partyName(agr, party) }), colour: COLOURS[i % 5], points: pub });
      if (own.length) series.push({ label: t('chart.node', { party: partyName(agr, party) }), colour: COLOURS[i % 5], dashed: true, points: own });
    });
    const markers = [{ date: lim.appliesFrom, label: t('chart.inForce', { date: fmtDate(lim.appliesFrom) }), cls: 'in-force' }];
    if (agr.endsOn) markers.push({ date: agr.endsOn, label: t('chart.expiry', { date: fmtDate(agr.endsOn) }), cls: 'expiry' });
    markers.push({ date: asOf, label: t('chart.asOf'), cls: 'asof' });
    const svg = lineChart({ title: limitName(lim.name), from, to, series, markers,
      limit: { value: lim.max, label: t('chart.limit', { max: fmtNum(lim.max) }) },
      fmtNum, fmtYear: y => new Intl.NumberFormat(document.documentElement.lang, { useGrouping: false }).format(y) });
    charts.append(el('figure.card.chart-card', { 'data-limit': lim.name }, el('figcaption', {}, limitName(lim.name)), svg,
      el('ul.legend', {}, series.map(s => el('li', {}, legendSwatch(s), s.label)))));
  }
  view.append(charts);
  view.append(el('p.muted.small', {}, t('overview.sources')));
}

function legendSwatch(s) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 22 8');
  svg.setAttribute('class', 'swatch');
  const line = document.createElementNS(NS, 'line');
  for (const [k, v] of Object.entries({ x1: 1, x2: 21, y1: 4, y2: 4, stroke: s.colour, 'stroke-width': 2.5,
    'stroke-dasharray': s.dashed ? '5 3' : 'none' })) line.setAttribute(k, v);
  svg.appendChild(line);
  return svg;
}

// ---------- Messages ----------
async function messages(view, ctx) {
  const p = ctx.params;
  const direction = ['in', 'out'].includes(p.get('direction')) ? p.get('direction') : '';
  const type = p.get('type') || '';
  const status = p.get('status') || '';
  const q = new URLSearchParams({ limit: '10000' });
  if (direction) q.set('direction', direction);
  if (type) q.set('type', type);
  const [agr, list, obl] = await Promise.all([agreement(), get('/api/v1/messages?' + q), get('/api/v1/obligations')]);
  if (ctx.stale()) return;
  // a notification's deadline: the inventory obligation whose subject is its number
  const deadline = new Map(obl.obligations.filter(o => o.regime === 'inventory' && o.type !== 'data-exchange')
    .map(o => [o.party + '#' + o.subject, o.status]));
  const params = { direction, type, status };
  const sel = (id, value, options, key) => {
    const s = el('select', { id, onchange: () => ctx.go('messages', [], { ...params, [key]: s.value }) },
      options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)));
    return el('label.inline', { for: id }, el('span', {}, t('messages.filter.' + key)), s);
  };
  view.append(header(t('messages.title'),
    sel('f-direction', direction, [['', t('messages.all')], ['in', t('messages.inbox')], ['out', t('messages.outbox')]], 'direction'),
    sel('f-type', type, [['', t('messages.allTypes')], ['declaration', t('msgtype.declaration')],
      ...composeTypes(agr).map(m => [m.id, typeName(agr, m.id)])], 'type'),
    sel('f-status', status, [['', t('messages.allStatuses')], ...['appended', 'published', 'cosigned', 'received']
      .map(s => [s, t('receipt.' + s)])], 'status')));
  const shown = list.messages.filter(m => !status || m.status === status);
  view.append(el('p.muted', { id: 'message-count' }, t('messages.count', { n: fmtNum(shown.length) })));
  const row = m => {
    const body = m.entry?.body || {};
    const d = m.type === 'declaration' ? null : deadline.get(m.party + '#' + body.number);
    return el('tr', { 'data-party': m.party, 'data-index': m.index, 'data-status': m.status },
      el('td.nowrap', {}, el('a', { href: `#/message/${m.party}/${m.index}` }, `${m.party} #${fmtNum(m.index)}`)),
      el('td', {}, m.direction === 'in' ? t('messages.in') : t('messages.out')),
      el('td', {}, typeName(agr, m.type), unreadableMark(m)),
      el('td.time', {}, fmtDateTime(m.entry?.createdAt)),
      el('td.time', {}, effective(m)),
      el('td.time', {}, fmtDateTime(m.receivedAt)),
      el('td.receipt', {}, statusBadge('receipt', m.status), ' ', correctionNote(m)),
      el('td', {}, d ? statusBadge('obl', d) : '—'));
  };
  view.append(pagedTable([t('messages.col.entry'), t('messages.col.direction'), t('messages.col.type'),
    t('messages.col.created'), t('messages.col.effective'), t('messages.col.received'), t('messages.col.receipt'),
    t('messages.col.deadline')], shown, row, { id: 'messages-table' }));
}

/** A superseded notification or a correction says so, with the other entry. */
function correctionNote(m) {
  if (m.supersededBy) return el('span.badge.b-late.superseded', { 'data-superseded-by': m.supersededBy.index },
    t('messages.superseded', { index: fmtNum(m.supersededBy.index) }));
  if (m.supersedes) return el('span.badge.b-pending.corrects', { 'data-supersedes': m.supersedes.index },
    t('messages.corrects', { index: fmtNum(m.supersedes.index) }));
  return null;
}

/** An entry listed without its content: not a Verity entry (in the log all the same), or damaged storage. */
function unreadableMark(m) {
  if (m.storageCorrupt) return el('span', {}, ' ', badge('storage-corrupt', t('messages.storageCorrupt')));
  return m.unreadable ? el('span', {}, ' ', badge('unreadable', t('messages.unreadable'))) : null;
}

/** When a message takes effect: a declaration's as-of date, a notification's event time, a step's entry time (D17). */
function effective(m) {
  const body = m.entry?.body || {};
  if (m.type === 'declaration') return fmtDate(body.declaration?.asOf);
  return fmtDateTime(isStep({ id: m.type }) ? m.entry?.createdAt : body.eventTime);
}

async function message(view, ctx) {
  const [party, index] = ctx.args;
  const [agr, m] = await Promise.all([agreement(), get(`/api/v1/messages/${encodeURIComponent(party)}/${encodeURIComponent(index)}`)]);
  if (ctx.stale()) return;
  const body = m.entry?.body || {};
  view.append(header(t('message.title', { party: m.party, index: fmtNum(m.index) }),
    el('a.button.secondary', { href: '#/messages' }, t('message.back'))));
  const dl = (pairs) => el('dl.fields', {}, pairs.filter(([, v]) => v !== undefined).map(([k, v]) =>
    [el('dt', {}, k), el('dd', {}, v ?? '—')]).flat());
  view.append(el('div.cards', {},
    el('article.card', {}, el('h2', {}, t('message.summary')), dl([
      [t('messages.col.type'), typeName(agr, m.type)],
      [t('messages.col.direction'), m.direction === 'in' ? t('messages.in') : t('messages.out')],
      [t('messages.col.receipt'), statusBadge('receipt', m.status)],
      [t('messages.col.created'), fmtDateTime(m.entry?.createdAt)],
      [t('messages.col.effective'), effective(m)],
      [t('messages.col.received'), fmtDateTime(m.receivedAt)],
      [t('message.cosignedBy'), m.cosignedBy ? el('span', {}, Object.entries(m.cosignedBy).map(([p, yes]) =>
        el('span.peer-receipt', {}, p, ' ', statusBadge('receipt', yes ? 'cosigned' : 'published')))) : undefined],
      [t('message.supersededBy'), m.supersededBy ? el('span', { id: 'superseded-by' },
        el('a', { href: `#/message/${m.party}/${m.supersededBy.index}` }, `${m.party} #${fmtNum(m.supersededBy.index)}`),
        ' — ', t('message.receivedAt', { time: fmtDateTime(m.supersededBy.receivedAt) }), ' — ', m.supersededBy.reason || '')
        : undefined],
      [t('message.supersedes'), m.supersedes ? el('span', { id: 'supersedes' },
        el('a', { href: `#/message/${m.party}/${m.supersedes.index}` }, `${m.party} #${fmtNum(m.supersedes.index)}`),
        ' — ', t('message.receivedAt', { time: fmtDateTime(m.supersedes.receivedAt) })) : undefined],
      [t('message.clientId'), m.entry?.clientId || '—'],
      [t('message.leafHash'), el('code.hash', {}, m.leafHash)]])),
    el('article.card', {}, el('h2', {}, t('message.fields')), m.unreadable
      ? el('div', { id: 'unreadable' }, el('p', {}, t('message.unreadable', { party: m.party })),
        dl([[t('message.problem'), el('code', { dir: 'ltr' }, m.problem)]]))
      : m.type === 'declaration'
      ? dl([[t('message.part'), `${fmtNum((body.part ?? 0) + 1)} / ${fmtNum(body.parts)}`],
        [t('common.asOf'), fmtDate(body.declaration?.asOf)],
        [t('inventory.facilities'), fmtNum(body.declaration?.facilities?.length || 0)],
        [t('inventory.items'), fmtNum(body.declaration?.items?.length || 0)]])
      : isStep({ id: m.type }) ? stepBody(m.type, body)
      : dl(Object.entries(body).map(([k, v]) => [tOr('field.' + k, k),
        k === 'newItem' && v ? [v.id, tOr('kind.' + v.kind, v.kind), v.facility].filter(Boolean).join(' · ')
          : typeof v === 'object' ? JSON.stringify(v) : k === 'number' ? fmtNum(v) : k === 'type' ? typeName(agr, v)
          : k === 'eventTime' ? fmtDateTime(v) : String(v)])))));
  // proof and verification
  const result = el('div', { id: 'verify-result', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', id: 'verify', onclick: async () => {
    result.replaceChildren(el('p.muted', {}, t('verify.running')));
    try {
      const cp = parseCheckpoint(m.proof.checkpoint);
      const entry = b64ToBytes(m.entryBase64);
      const r = await verifyInclusion(entry, m.proof.index, m.proof.treeSize, m.proof.path.map(b64ToBytes), cp.root);
      const leafOk = toHex(r.leaf) === m.leafHash;
      const ok = r.ok && leafOk && cp.size === m.proof.treeSize;
      result.dataset.ok = ok ? 'yes' : 'no';
      result.replaceChildren(el('div.alert.' + (ok ? 'ok' : 'error'), { role: 'status' },
        ok ? t('verify.ok', { index: fmtNum(m.index), size: fmtNum(cp.size), origin: cp.origin })
          : t('verify.fail', { reason: !leafOk ? t('verify.reason.leaf') : tOr('verify.reason.' + (r.reason || 'root'), r.reason) })));
    } catch (e) {
      result.dataset.ok = 'no';
      result.replaceChildren(errorBox(e));
    }
  } }, t('verify.button'));
  view.append(el('article.card', {}, el('h2', {}, t('message.proof')),
    el('p.muted', {}, t('verify.explain')),
    dl([[t('message.treeSize'), fmtNum(m.proof.treeSize)], [t('message.pathLength'), fmtNum(m.proof.path.length)]]),
    button, result,
    el('details', {}, el('summary', {}, t('message.checkpoint')), el('pre.code', {}, m.proof.checkpoint))));
  view.append(el('article.card', {}, el('h2', {}, t('message.entry')),
    el('pre.code', { id: 'entry-json' }, m.unreadable ? m.entryBase64 : JSON.stringify(m.entry, null, 2))));
}

/** An inspection or commission step's fields, by what each holds, and a link to its inspection. */
function stepBody(type, body) {
  return el('div', {}, el('dl.fields', {}, Object.entries(body).filter(([, v]) => worthShowing(v)).map(([k, v]) =>
    [el('dt', {}, tOr(labelKey({ id: type }, k), k)), el('dd', {}, k === 'inspection'
      ? el('a', { href: '#/inspection/' + encodeURIComponent(v), id: 'inspection-link' }, el('code', {}, v)) : fieldValue(k, v))]).flat()));
}

// ---------- Compose ----------
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The same checks as the API's schema step (MessageValidator): errors by field name. */
export function validate(type, v) {
  const errors = {};
  if (!CLIENT_ID.test(v.clientId || '')) errors.clientId = t('compose.err.clientId');
  if (!v.eventTime) errors.eventTime = t('compose.err.required');
  else if (isNaN(Date.parse(v.eventTime))) errors.eventTime = t('compose.err.time');
  for (const f of notificationFields(type)) {
    if (f === 'warheads') {
      if (v.warheads === '' || v.warheads == null) errors.warheads = t('compose.err.required');
      else if (!/^\d+$/.test(String(v.warheads))) errors.warheads = t('compose.err.integer');
    } else if (!v[f]) errors[f] = t('compose.err.required');
  }
  if (type.effect === 'add') {
    if (!v['newItem.id']) errors['newItem.id'] = t('compose.err.required');
    else if (v.item && v['newItem.id'] !== v.item) errors['newItem.id'] = t('compose.err.sameItem');
    if (!v['newItem.kind']) errors['newItem.kind'] = t('compose.err.required');
  }
  return errors;
}

async function compose(view, ctx) {
  view.append(header(t('compose.title')));
  if (ctx.session.role !== 'operator') {
    view.append(el('div.alert.error', { id: 'compose-refused', role: 'alert' }, t('compose.refused')));
    return;
  }
  const agr = await agreement();
  if (ctx.stale()) return;
  const types = composeTypes(agr);
  let type = types.find(m => m.id === ctx.params.get('type')) || types[0];
  const form = el('form.card.compose', { id: 'compose-form', novalidate: true });
  const out = el('div', { id: 'compose-result', 'aria-live': 'polite' });
  const inputs = {};
  const errs = {};
  const field = (name, label, input, hint) => {
    inputs[name] = input;
    input.id = 'f-' + name.replace('.', '-');
    input.name = name;
    errs[name] = el('div.field-error', { id: 'err-' + name.replace('.', '-') });
    input.setAttribute('aria-describedby', errs[name].id);
    return el('div.field', { 'data-field': name }, el('label', { for: input.id }, label), input,
      hint ? el('div.hint', {}, hint) : null, errs[name]);
  };
  const typeSel = el('select', {}, types.map(m => el('option', { value: m.id, selected: m === type }, typeName(agr, m.id))));
  const build = () => {
    for (const k of Object.keys(inputs)) delete inputs[k];
    const now = new Date().toISOString().slice(0, 16);
    const parts = [field('type', t('compose.type'), typeSel, type.source ? sourceNote(type.source) : null),
      field('clientId', t('compose.clientId'), el('input', { type: 'text', value: `${ctx.session.party}-ui-${Date.now()}` }),
        t('compose.clientIdHint'))];
    if (isStep(type)) {
      parts.push(el('p.muted.small', {}, t('compose.stepTime')));
      for (const f of stepFieldNames(type)) {
        const label = tOr(labelKey(type, f), f) + (optional(type, f) ? ' ' + t('compose.optional') : '');
        parts.push(field(f, label, stepInput(f, agr, ctx.session.party), stepHint(f)));
      }
      if (inputs.checkpoints) parts.push(fillCheckpoints(inputs.checkpoints, errs.checkpoints));
      finish(parts);
      return;
    }
    parts.push(field('eventTime', t('compose.eventTime'), el('input', { type: 'datetime-local', value: now, step: 1 }), t('compose.utc')));
    for (const f of notificationFields(type)) {
      parts.push(field(f, tOr('field.' + f, f), f === 'warheads' ? el('input', { type: 'number', min: 0, step: 1 })
        : el('input', { type: 'text', spellcheck: 'false' })));
    }
    if (type.effect === 'add') {
      parts.push(el('fieldset', {}, el('legend', {}, t('field.newItem')),
        field('newItem.id', t('field.newItem.id'), el('input', { type: 'text', spellcheck: 'false' })),
        field('newItem.kind', t('field.newItem.kind'), el('select', {}, el('option', { value: '' }, '—'),
          agr.itemKinds.map(k => el('option', { value: k.id }, tOr('kind.' + k.id, k.name))))),
        field('newItem.facility', t('field.facility'), el('input', { type: 'text', spellcheck: 'false' }))));
    }
    finish(parts);
  };
  const finish = parts => {
    if (type.deadline) parts.push(el('p.muted', {}, deadlineText(type.deadline)));
    form.replaceChildren(...parts, el('div.form-error', { id: 'err-form', role: 'alert' }),
      el('button', { type: 'submit', id: 'send' }, t('compose.send')));
  };
  typeSel.addEventListener('change', () => { type = types.find(m => m.id === typeSel.value); build(); });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    Object.values(errs).forEach(e => e.replaceChildren());
    form.querySelector('#err-form').replaceChildren();
    out.replaceChildren();
    const v = Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()]));
    const { message, errors } = isStep(type) ? stepMessage(type, v) : notificationMessage(type, v);
    for (const [k, msg] of Object.entries(errors)) errs[k]?.replaceChildren(msg);
    form.querySelectorAll('.field').forEach(f => f.classList.toggle('invalid', !!errors[f.dataset.field]));
    if (Object.keys(errors).length) { inputs[Object.keys(errors)[0]]?.focus(); return; }
    const send = form.querySelector('#send');
    send.disabled = true;
    try {
      const r = await post('/api/v1/messages', { clientId: v.clientId, type: type.id, message });
      out.replaceChildren(el('div.alert.ok', { role: 'status', id: 'compose-ok' },
        t(r.duplicate ? 'compose.duplicate' : 'compose.sent', { index: fmtNum(r.index) }), ' ',
        el('a', { href: `#/message/${r.party}/${r.index}`, id: 'sent-link' }, t('compose.open'))));
      inputs.clientId.value = `${ctx.session.party}-ui-${Date.now()}`;
    } catch (e) {
      const name = (e.field || '').replace(/^message\./, '');
      if (e.status === 403) {
        form.querySelector('#err-form').replaceChildren(errorBox(e));
      } else if (e.refusal) {
        form.querySelector('#err-form').replaceChildren(refusalBox(e));
      } else if (errs[name]) {
        errs[name].replaceChildren(t('compose.apiSays', { error: e.message }));
        errs[name].parentElement.classList.add('invalid');
      } else {
        form.querySelector('#err-form').replaceChildren(el('div.alert.error', {}, t('compose.refusedByNode', { error: e.message })));
      }
    } finally {
      send.disabled = false;
    }
  });
  build();
  view.append(form, out);
}

function notificationMessage(type, v) {
  const errors = validate(type, v);
  if (Object.keys(errors).length) return { message: null, errors };
  const message = { eventTime: new Date(v.eventTime + (v.eventTime.length === 16 ? ':00' : '') + 'Z').toISOString().replace('.000Z', 'Z') };
  for (const f of notificationFields(type)) {
    message[f] = f === 'warheads' ? Number(v.warheads) : v[f];
  }
  if (type.effect === 'add') {
    message.newItem = { id: v['newItem.id'], kind: v['newItem.kind'] };
    if (v['newItem.facility']) message.newItem.facility = v['newItem.facility'];
  }
  return { message, errors };
}

function stepMessage(type, v) {
  const r = parseStep(type, v);
  if (!CLIENT_ID.test(v.clientId || '')) r.errors.clientId = t('compose.err.clientId');
  return r;
}

/** A button that fills the checkpoints field with both logs' latest checkpoints as this node has them. */
function fillCheckpoints(input, err) {
  return el('button.secondary.fill', { type: 'button', id: 'fill-checkpoints', onclick: async () => {
    err.replaceChildren();
    try { input.value = await latestCheckpoints(); } catch (e) { err.replaceChildren(errorBox(e)); }
  } }, t('compose.fillCheckpoints'));
}

/** The node's refusal of a step under the agreement's rules (422 with refusal and reason). */
function refusalBox(e) {
  return el('div.alert.error', { id: 'compose-refusal', 'data-refusal': e.refusal },
    t('compose.refusedByRules'), ' ', el('span.refusal-name', {}, tOr('refusal.' + e.refusal, e.refusal)), ' — ',
    el('span.refusal-reason', {}, e.reason || e.message));
}

/** The treaty reference from the agreement definition: data in English, isolated from the page's direction. */
function sourceNote(source) {
  const [before, after] = t('compose.source', { source: '\u0000' }).split('\u0000');
  return el('span', {}, before, el('bdi', { lang: 'en' }, source), after);
}

function deadlineText(d) {
  if (d.afterEventDays != null) return t('deadline.after', { n: fmtNum(d.afterEventDays) });
  if (d.beforeEventHours != null) return t('deadline.before', { n: fmtNum(d.beforeEventHours) });
  if (d.nextDataExchange) return t('deadline.exchange');
  return '';
}

// ---------- Inventory ----------
async function inventory(view, ctx) {
  const p = ctx.params;
  const asOf = isDate(p.get('asOf')) ? p.get('asOf') : nodeToday(ctx);
  const agr = await agreement();
  const party = agr.parties.some(x => x.id === p.get('party')) ? p.get('party') : ctx.session.party;
  const facility = p.get('facility') || '';
  const find = p.get('q') || '';
  const params = { asOf: p.get('asOf') || '', party, facility, q: find };
  const inv = await get('/api/v1/inventory?asOf=' + asOf);
  if (ctx.stale()) return;
  const partySel = el('select', { id: 'inv-party', onchange: () => ctx.go('inventory', [], { ...params, party: partySel.value, facility: '' }) },
    agr.parties.map(x => el('option', { value: x.id, selected: x.id === party }, partyName(agr, x.id))));
  const search = el('input', { type: 'search', id: 'inv-find', value: find, placeholder: 'US-MM3-…' });
  const searchForm = el('form.inline', { onsubmit: ev => { ev.preventDefault(); ctx.go('inventory', [], { ...params, q: search.value.trim(), facility: '' }); } },
    el('label.inline', { for: 'inv-find' }, el('span', {}, t('inventory.find')), search));
  view.append(header(t('inventory.title'), el('label.inline', { for: 'inv-party' }, el('span', {}, t('common.party')), partySel),
    datePicker('asof', asOf, d => ctx.go('inventory', [], { ...params, asOf: d })), searchForm));
  const mine = inv.parties[party];
  if (!mine) { view.append(el('p.muted', {}, t('inventory.none'))); return; }
  if (mine.error) { view.append(el('div.alert.error', {}, mine.error)); return; }
  view.append(el('div.cards', {},
    el('article.card', {}, el('h2', {}, partyName(agr, party)), el('dl.fields', {},
      el('dt', {}, t('inventory.items')), el('dd', { id: 'inv-items' }, fmtNum(mine.items)),
      el('dt', {}, t('inventory.clock')), el('dd', {}, fmtDateTime(mine.clock)),
      Object.entries(mine.aggregates || {}).map(([k, v]) => [el('dt', {}, limitName(k)), el('dd', {}, fmtNum(v))]).flat()))));
  if (facility || find) {
    const q = new URLSearchParams({ asOf });
    if (facility) q.set('facility', facility);
    const items = await get(`/api/v1/inventory/${encodeURIComponent(party)}/items?` + q);
    if (ctx.stale()) return;
    const shown = items.items.filter(i => !find || i.id.toLowerCase().includes(find.toLowerCase()));
    const f = items.facilities[facility];
    view.append(el('h2', {}, facility ? t('inventory.at', { facility: f?.name || facility }) : t('inventory.found', { q: find })),
      el('p', {}, el('a', { href: '#/inventory?' + new URLSearchParams({ asOf, party }) }, t('inventory.allFacilities')),
        ' · ', t('inventory.count', { n: fmtNum(shown.length) })));
    view.append(pagedTable([t('inventory.uid'), t('inventory.kind'), t('inventory.status'), t('field.facility'),
      t('field.launcher'), t('inventory.carrier'), t('field.warheads')], shown, i => el('tr', { 'data-item': i.id },
      el('td', {}, el('code', {}, i.id)), el('td', {}, tOr('kind.' + i.kind, i.kind)), el('td', {}, statusBadge('itemstatus', i.status)),
      el('td', {}, i.facility || '—'), el('td', {}, i.launcher || '—'), el('td', {}, i.carrier || '—'),
      el('td.num', {}, i.warheads == null ? '—' : fmtNum(i.warheads))), { id: 'items-table' }));
    return;
  }
  const rows = Object.entries(mine.itemsByFacility || {}).map(([id, n]) => el('tr', { 'data-facility': id },
    el('td', {}, el('a', { href: '#/inventory?' + new URLSearchParams({ ...params, facility: id }) }, id)),
    el('td.num', {}, fmtNum(n))));
  view.append(el('h2', {}, t('inventory.facilities')),
    el('div.scroll', {}, table([t('field.facility'), t('inventory.items')], rows, { id: 'facilities-table' })));
}

// ---------- Obligations ----------
/** An obligation's typed status (dev.verity.core.regime.Obligation.Status). */
const OBLIGATION_STATUSES = ['pending', 'due', 'met', 'late', 'missing'];

async function obligations(view, ctx) {
  const p = ctx.params;
  const [agr, obl] = await Promise.all([agreement(), get('/api/v1/obligations')]);
  if (ctx.stale()) return;
  const status = p.get('status') || '';
  const all = obl.obligations;
  const latest = all.map(o => o.due).sort().pop();
  const month = /^\d{4}-\d{2}$/.test(p.get('month') || '') ? p.get('month') : (latest || todayUtc()).slice(0, 7);
  const params = { status, month };
  const sel = el('select', { id: 'f-ostatus', onchange: () => ctx.go('obligations', [], { ...params, status: sel.value }) },
    [['', t('obligations.all')], ...OBLIGATION_STATUSES.map(s => [s, t('obl.' + s)])]
      .map(([v, l]) => el('option', { value: v, selected: v === status }, l)));
  view.append(header(t('obligations.title'), el('label.inline', { for: 'f-ostatus' }, el('span', {}, t('overview.status')), sel)));
  const counts = {};
  all.forEach(o => { counts[o.status] = (counts[o.status] || 0) + 1; });
  view.append(el('div.summary', { id: 'obl-summary' }, OBLIGATION_STATUSES.map(s =>
    el('span.stat', { 'data-status': s }, statusBadge('obl', s), ' ', fmtNum(counts[s] || 0)))));
  const shown = all.filter(o => !status || o.status === status);
  // calendar
  const [y, mo] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, mo - 1, 1));
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const byDay = {};
  shown.filter(o => o.due.startsWith(month)).forEach(o => { (byDay[Number(o.due.slice(8, 10))] ||= []).push(o); });
  const shift = n => { const d = new Date(Date.UTC(y, mo - 1 + n, 1)); return d.toISOString().slice(0, 7); };
  const cells = [];
  for (let i = 0; i < 7; i++) cells.push(el('div.cal-head', {}, fmtWeekday(i)));
  for (let i = 0; i < lead; i++) cells.push(el('div.cal-cell.empty'));
  for (let d = 1; d <= days; d++) {
    const os = byDay[d] || [];
    const per = {};
    os.forEach(o => { per[o.status] = (per[o.status] || 0) + 1; });
    cells.push(el('div.cal-cell', { 'data-day': d, title: os.map(o => `${o.party} ${o.subject}`).join(', ') },
      el('span.cal-day', {}, fmtNum(d)),
      el('div.cal-dots', {}, Object.entries(per).map(([s, n]) => el('span.dot.b-' + s, { title: tOr('obl.' + s, s) }, fmtNum(n))))));
  }
  view.append(el('article.card.calendar', { id: 'calendar' },
    el('div.cal-nav', {},
      el('button.secondary', { type: 'button', onclick: () => ctx.go('obligations', [], { ...params, month: shift(-1) }), 'aria-label': t('obligations.prev') }, '‹'),
      el('h2', {}, fmtMonth(y, mo - 1)),
      el('button.secondary', { type: 'button', onclick: () => ctx.go('obligations', [], { ...params, month: shift(1) }), 'aria-label': t('obligations.next') }, '›')),
    el('div.cal-grid', {}, cells)));
  // what is owed, from the obligation's typed fields (docs/formats/api.md, "Obligations")
  const what = o => {
    if (o.regime === 'inventory' && o.type === 'data-exchange') return t('obl.exchange', { date: fmtDate(o.subject) });
    if (o.regime === 'inventory') return t('obl.notification', { n: fmtNum(Number(o.subject)), type: typeName(agr, o.type) });
    if (o.regime !== 'inspections') return `${typeName(agr, o.type)} (${o.subject})`;
    const [before, after] = t('obl.inspection', { type: typeName(agr, o.type), inspection: '\u0000' }).split('\u0000');
    return el('span', {}, before, el('a', { href: '#/inspection/' + encodeURIComponent(o.subject) },
      el('code', {}, o.subject)), after);
  };
  view.append(el('h2', {}, t('obligations.list')), el('p.muted', {}, t('obligations.count', { n: fmtNum(shown.length) })),
    pagedTable([t('common.party'), t('obligations.what'), t('inventory.uid'), t('obligations.due'),
      t('obligations.met'), t('overview.status')], shown.slice().sort((a, b) => b.due.localeCompare(a.due)), o =>
      el('tr', { 'data-status': o.status }, el('td', {}, o.party), el('td', {}, what(o)), el('td', {}, o.item ? el('code', {}, o.item) : '—'),
        el('td.time', {}, fmtDateTime(o.due)), el('td.time', {}, fmtDateTime(o.metAt)), el('td', {}, statusBadge('obl', o.status))),
    { id: 'obligations-table' }));
}

// ---------- Log and witnesses ----------
const SILENT_SECONDS = 3600;

async function log(view, ctx) {
  const [lg, cps] = await Promise.all([get('/api/v1/log'), get('/api/v1/log/checkpoints')]);
  if (ctx.stale()) return;
  view.append(header(t('log.title')));
  const cp = lg.checkpoint ? parseCheckpoint(lg.checkpoint) : null;
  view.append(el('article.card', { id: 'own-log' }, el('h2', {}, t('log.own', { party: lg.party })),
    el('dl.fields', {}, el('dt', {}, t('log.origin')), el('dd', {}, el('code', {}, lg.origin)),
      el('dt', {}, t('message.treeSize')), el('dd', { id: 'log-size' }, fmtNum(lg.size ?? 0)),
      el('dt', {}, t('log.root')), el('dd', {}, cp ? el('code.hash', {}, toHex(cp.root)) : '—')),
    lg.checkpoint ? el('details', {}, el('summary', {}, t('message.checkpoint')), el('pre.code', {}, lg.checkpoint)) : null));
  // ages come from the node, by its clock: an exercise node's time, not this browser's
  const rows = lg.peers.map(p => {
    const silent = !p.lastContact || p.silentSeconds > SILENT_SECONDS;
    const behind = p.cosignedSize < (lg.size ?? 0);
    const c = p.latestCosignature;
    return el('tr', { 'data-peer': p.party },
      el('th', { scope: 'row' }, p.party),
      el('td.num', {}, fmtNum(p.publishedSize)), el('td.num', {}, fmtNum(p.cosignedSize)), el('td.num', {}, fmtNum(p.mirroredSize)),
      el('td.time', {}, c ? fmtDateTime(c.time) : '—'),
      el('td', {}, c ? fmtAge(Math.max(0, c.ageSeconds)) : '—'),
      el('td.time', {}, fmtDateTime(p.lastContact)),
      el('td', {}, silent ? statusBadge('peer', 'silent') : behind ? statusBadge('peer', 'behind') : statusBadge('peer', 'ok')));
  });
  view.append(el('h2', {}, t('log.witnesses')), el('div.scroll', {}, table([t('log.peer'), t('log.published'), t('log.cosigned'),
    t('log.mirrored'), t('log.latestCosignature'), t('log.age'), t('log.lastContact'), t('overview.status')], rows, { id: 'peers-table' })));
  view.append(el('h2', {}, t('log.checkpoints')), el('p.muted', {}, t('log.checkpointsExplain')),
    pagedTable([t('message.treeSize'), t('log.firstCosigned')], cps.checkpoints, c => el('tr', { 'data-size': c.size },
      el('td.num', {}, fmtNum(c.size)), el('td.time', {}, fmtDateTime(c.firstCosignedAt))), { id: 'checkpoints-table' }, 20));
  view.append(el('h2', {}, t('log.alarms')), alarmList(lg), problemList(lg));
}

/** One alarm: its kind, whom and where it was seen, how often and when, what was seen last. */
function alarmItem(a) {
  return el('li.alert.error', { 'data-kind': a.kind, 'data-source': a.source },
    el('strong', {}, tOr('alarm.' + a.kind, a.kind)), ' — ', a.peer, ' — ', tOr('alarmsource.' + a.source, a.source),
    el('div.small', {}, t('log.alarmSeen', { count: fmtNum(a.count), first: fmtDateTime(a.at), last: fmtDateTime(a.lastSeen) })),
    el('div.small', {}, el('code', { dir: 'auto' }, a.detail)));
}

/**
 * A list of the first items the log view carries, then a button that fetches the rest a page at a
 * time from {@code path} (GET /api/v1/alarms, /problems), so a peer that floods cannot stall the page.
 */
function pagedList(listEl, first, count, path, key, render) {
  let shown = first.length;
  let total = count;
  const more = el('button.secondary.more', { type: 'button', id: listEl.id + '-more' });
  const update = () => {
    more.hidden = shown >= total;
    more.textContent = t('common.showMore', { n: fmtNum(total - shown) });
  };
  more.addEventListener('click', async () => {
    const page = await get(`${path}?offset=${shown}&limit=200`);
    page[key].forEach(x => listEl.appendChild(render(x)));
    shown += page[key].length;
    if (!page[key].length) total = shown; // problems beyond those kept are counted, not listed
    update();
  });
  first.forEach(x => listEl.appendChild(render(x)));
  update();
  return el('div', {}, listEl, more);
}

function alarmList(lg) {
  const alarms = lg.alarms || [];
  if (!alarms.length) return el('p.ok-text', { id: 'alarms' }, t('log.noAlarms'));
  return el('div', {}, el('p.muted', { id: 'alarm-total' }, t('log.alarmTotal', { n: fmtNum(lg.alarmCount) })),
    pagedList(el('ul.alarms', { id: 'alarms' }), alarms, lg.alarmCount, '/api/v1/alarms', 'alarms', alarmItem));
}

function problemList(lg) {
  if (!(lg.problems || []).length) return null;
  return el('div', {}, el('h2', {}, t('log.problems')), el('p.muted', {}, t('log.problemTotal', { n: fmtNum(lg.problemCount) })),
    pagedList(el('ul.problems', { id: 'problems' }), lg.problems, lg.problemCount, '/api/v1/problems', 'problems',
      p => el('li', {}, el('code', { dir: 'auto' }, p))));
}

export const PAGES = { overview, messages, message, compose, inventory, obligations, log };
export { ApiError };
// escrowed declarations (escrow.js)
PAGES.escrow = escrow;
// data exchanges reconciled in the node (reconciliation.js)
PAGES.reconciliation = reconciliation;
