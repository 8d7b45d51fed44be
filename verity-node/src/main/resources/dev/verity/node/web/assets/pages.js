// The pages every agreement has: messages, one message with its proof, obligations, the log and
// its witnesses. Each registers itself (registry.js); every text goes through t().
import { t, tOr, fmtNum, fmtDate, fmtDateTime, fmtMonth, fmtWeekday, fmtAge } from './i18n.js';
import { get } from './api.js';
import { el, badge, table, pagedTable, errorBox, todayUtc } from './dom.js';
import { b64ToBytes, parseCheckpoint, toHex, verifyInclusion } from './merkle.js';
import { entryLink, showField, worthShowing } from './entries.js';
import { register } from './registry.js';
import { schemaOf } from './schema.js';

export const partyName = (agr, id) => tOr('party.' + id, agr.parties.find(p => p.id === id)?.name || id);
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
  const deadline = metByEntry(obl.obligations);
  const params = { direction, type, status };
  const sel = (id, value, options, key) => {
    const s = el('select', { id, onchange: () => ctx.go('messages', [], { ...params, [key]: s.value }) },
      options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)));
    return el('label.inline', { for: id }, el('span', {}, t('messages.filter.' + key)), s);
  };
  view.append(header(t('messages.title'),
    sel('f-direction', direction, [['', t('messages.all')], ['in', t('messages.inbox')], ['out', t('messages.outbox')]], 'direction'),
    sel('f-type', type, [['', t('messages.allTypes')], ['declaration', t('msgtype.declaration')],
      ...agr.messages.map(m => [m.id, typeName(agr, m.id)])], 'type'),
    sel('f-status', status, [['', t('messages.allStatuses')], ...['appended', 'published', 'cosigned', 'received']
      .map(s => [s, t('receipt.' + s)])], 'status')));
  const shown = list.messages.filter(m => !status || m.status === status);
  view.append(el('p.muted', { id: 'message-count' }, t('messages.count', { n: fmtNum(shown.length) })));
  const row = m => {
    const body = m.entry?.body || {};
    const d = m.type === 'declaration' ? null
      : deadline.get(m.party + '/' + m.index) || deadline.get(m.party + '#' + body.number);
    // all agreements (the switcher's "all"): each row names its agreement
    return el('tr', { 'data-party': m.party, 'data-index': m.index, 'data-status': m.status,
      'data-agreement': m.agreement || null },
      el('td.nowrap', {}, el('a', { href: `#/message/${m.party}/${m.index}` }, `${m.party} #${fmtNum(m.index)}`)),
      el('td', {}, m.direction === 'in' ? t('messages.in') : t('messages.out')),
      el('td', {}, m.agreement ? m.agreement + ': ' + m.type : typeName(agr, m.type), unreadableMark(m)),
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

/**
 * When a message takes effect: a declaration's as-of date, a notification's event time, else its
 * entry's time (D17).
 */
function effective(m) {
  const body = m.entry?.body || {};
  if (m.type === 'declaration') return fmtDate(body.declaration?.asOf);
  return fmtDateTime(body.eventTime || m.entry?.createdAt);
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
      : messageBody(agr, m.type, body))));
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

/**
 * A message's fields, each labelled and shown by the kind its type's schema gives it (a field the
 * schema does not know is shown as it came); a field naming an inspection links to it.
 */
function messageBody(agr, type, body) {
  const schema = schemaOf(agr, type);
  const shown = Object.entries(body).filter(([, v]) => worthShowing(v));
  return el('dl.fields', {}, shown.map(([k, v]) => {
    const spec = schema[k];
    const dd = k === 'inspection' && type.startsWith('inspection-')
      ? el('a', { href: '#/inspection/' + encodeURIComponent(v), id: 'inspection-link' },
        el('code', {}, v))
      : showField(k, v, spec);
    return [el('dt', {}, tOr(spec?.label || 'field.' + k, k)), el('dd', {}, dd)];
  }).flat());
}

// ---------- Obligations ----------
/**
 * The statuses an obligation can have (typed obligations; suspended and not in force: the
 * agreement's life; on-time: a node before issue 12).
 */
const OBL_STATUSES = ['pending', 'due', 'met', 'on-time', 'late', 'missing', 'suspended',
  'not-in-force'];

/**
 * Each obligation's status by the entry that met it ("US/12"), and a notification's by its
 * number ("US#3": the inventory's subject, or a node before issue 12's notification field).
 */
function metByEntry(all) {
  const out = new Map();
  for (const o of all) {
    if (o.metBy) out.set(o.metBy.party + '/' + o.metBy.index, o.status);
    // a notification's deadline: the inventory obligation whose subject is its number
    if (o.regime === 'inventory' && o.type !== 'data-exchange') {
      out.set(o.party + '#' + o.subject, o.status);
    } else if (o.notification != null) out.set(o.party + '#' + o.notification, o.status);
  }
  return out;
}

/** A link to an obligation's subject: its inspection, the commission, its protocol; else its id. */
export function subjectLink(agr, o) {
  if (!o.subject) return o.item ? el('code', {}, o.item) : '—';
  const protocol = (agr.protocols || []).some(p => p.id === o.regime);
  const href = o.regime === 'inspections' ? '#/inspection/' + encodeURIComponent(o.subject)
    : o.regime === 'commission' ? '#/commission'
      : protocol ? '#/protocols/' + encodeURIComponent(o.regime) : null;
  return href ? el('a', { href }, el('code', {}, o.subject)) : el('code', {}, o.subject);
}

/**
 * What is owed, from the obligation's typed fields: the message type (or a protocol's deadline,
 * or an escalation step) by its label. A node before issue 12 gives a sentence instead: it is
 * shown as it came, never parsed.
 */
export function owedName(agr, o) {
  if (!o.type) return el('span', { lang: 'en' }, o.what || '—');
  const kind = o.kind && o.kind !== 'deadline' ? ' · ' + tOr('oblkind.' + o.kind, o.kind) : '';
  const inProtocol = (agr.protocols || []).some(p => p.id === o.regime);
  const name = inProtocol && !agr.messages.some(m => m.id === o.type)
    ? tOr(`protocol.${o.regime}.${o.kind === 'escalation' ? 'rung' : 'deadline'}.${o.type}`, o.type)
    : typeName(agr, o.type);
  return name + kind;
}

async function obligations(view, ctx) {
  const p = ctx.params;
  const [agr, obl] = await Promise.all([agreement(), get('/api/v1/obligations')]);
  if (ctx.stale()) return;
  const status = p.get('status') || '';
  const all = obl.obligations;
  const statuses = OBL_STATUSES.filter(s => ['pending', 'late', 'missing'].includes(s)
    || all.some(o => o.status === s));
  const latest = all.map(o => o.due).sort().pop();
  const month = /^\d{4}-\d{2}$/.test(p.get('month') || '') ? p.get('month') : (latest || todayUtc()).slice(0, 7);
  const params = { status, month };
  const sel = el('select', { id: 'f-ostatus', onchange: () => ctx.go('obligations', [], { ...params, status: sel.value }) },
    [['', t('obligations.all')], ...statuses.map(s => [s, t('obl.' + s)])]
      .map(([v, l]) => el('option', { value: v, selected: v === status }, l)));
  view.append(header(t('obligations.title'), el('label.inline', { for: 'f-ostatus' }, el('span', {}, t('overview.status')), sel)));
  const counts = {};
  all.forEach(o => { counts[o.status] = (counts[o.status] || 0) + 1; });
  view.append(el('div.summary', { id: 'obl-summary' }, statuses.map(s =>
    el('span.stat', { 'data-status': s }, statusBadge('obl', s), ' ', fmtNum(counts[s] || 0)))));
  const shown = all.filter(o => !status || o.status === status);
  view.append(calendar(shown, month, ctx, params));
  const row = o => el('tr', { 'data-status': o.status, 'data-type': o.type || '',
    'data-regime': o.regime || '' },
  el('td', {}, o.party), el('td', {}, owedName(agr, o)), el('td', {}, subjectLink(agr, o)),
  el('td.time', {}, fmtDateTime(o.due)),
  el('td.time', {}, o.metBy ? entryLink(o.metBy) : fmtDateTime(o.metAt)),
  el('td', {}, statusBadge('obl', o.status)));
  const newest = shown.slice().sort((a, b) => b.due.localeCompare(a.due));
  view.append(el('h2', {}, t('obligations.list')),
    el('p.muted', {}, t('obligations.count', { n: fmtNum(shown.length) })),
    pagedTable([t('common.party'), t('obligations.what'), t('obligations.subject'),
      t('obligations.due'), t('obligations.met'), t('overview.status')], newest, row,
    { id: 'obligations-table' }));
}

/** A month's calendar: on each day, how many obligations fall due there, by status. */
function calendar(shown, month, ctx, params) {
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
    cells.push(el('div.cal-cell', { 'data-day': d,
      title: os.map(o => `${o.party} ${o.subject ?? '#' + (o.notification ?? '')}`).join(', ') },
    el('span.cal-day', {}, fmtNum(d)),
    el('div.cal-dots', {}, Object.entries(per).map(([s, n]) =>
      el('span.dot.b-' + s, { title: tOr('obl.' + s, s) }, fmtNum(n))))));
  }
  const nav = (n, label, text) => el('button.secondary', { type: 'button', 'aria-label': t(label),
    onclick: () => ctx.go('obligations', [], { ...params, month: shift(n) }) }, text);
  return el('article.card.calendar', { id: 'calendar' },
    el('div.cal-nav', {}, nav(-1, 'obligations.prev', '‹'), el('h2', {}, fmtMonth(y, mo - 1)),
      nav(1, 'obligations.next', '›')),
    el('div.cal-grid', {}, cells));
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
      el('td.last-error', {}, peerError(p.lastError)),
      el('td', {}, p.lastError?.ongoing ? statusBadge('peer', 'failing') : silent ? statusBadge('peer', 'silent')
        : behind ? statusBadge('peer', 'behind') : statusBadge('peer', 'ok')));
  });
  view.append(el('h2', {}, t('log.witnesses')), el('div.scroll', {}, table([t('log.peer'), t('log.published'), t('log.cosigned'),
    t('log.mirrored'), t('log.latestCosignature'), t('log.age'), t('log.lastContact'), t('log.lastError'), t('overview.status')],
  rows, { id: 'peers-table' })));
  view.append(el('h2', {}, t('log.checkpoints')), el('p.muted', {}, t('log.checkpointsExplain')),
    pagedTable([t('message.treeSize'), t('log.firstCosigned')], cps.checkpoints, c => el('tr', { 'data-size': c.size },
      el('td.num', {}, fmtNum(c.size)), el('td.time', {}, fmtDateTime(c.firstCosignedAt))), { id: 'checkpoints-table' }, 20));
  view.append(el('h2', {}, t('log.alarms')), alarmList(lg), problemList(lg) ?? ''); // append() writes null as text
}

/**
 * A peer's last error (GET /api/v1/log): its kind in words, the HTTP status, when, and the detail
 * the node saw; marked past once an exchange with the peer succeeded since.
 */
function peerError(e) {
  if (!e) return '—';
  return el('span', { 'data-kind': e.kind, 'data-ongoing': String(e.ongoing), class: e.ongoing ? 'error' : 'muted' },
    el('strong', {}, tOr('peererror.' + e.kind, e.kind)), e.status ? ' ' + fmtNum(e.status) : '',
    el('div.small', {}, fmtDateTime(e.time), e.ongoing ? '' : ' — ' + t('log.errorPast')),
    el('div.small', {}, el('code', { dir: 'auto' }, e.detail)));
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

register({ id: 'messages', nav: 'nav.messages', order: 20, render: messages });
register({ id: 'message', parent: 'messages', render: message });
register({ id: 'obligations', nav: 'nav.obligations', order: 50, render: obligations });
register({ id: 'log', nav: 'nav.log', order: 90, render: log });
