// The military line (issue 14; GET /api/v1/hotline, live over GET /api/v1/events): every message
// with its three states apart — the technical receipt (the peer's cosignature), the
// acknowledgement (an officer read it) and the reply — and its escalation timeline. A flash
// message to this node's Party raises an alert on every page, visible and audible, until it is
// acknowledged; the stream updates the page without a reload.
import { t, tOr, fmtDateTime, currentLang } from './i18n.js';
import { get, post, session } from './api.js';
import { el, badge, errorBox } from './dom.js';
import { entryLink, fieldValue, geoText } from './entries.js';
import { register } from './registry.js';
import { agreement, header, partyName } from './pages.js';

const LANGS = ['en', 'ru', 'ar'];
let board = null; // the last board the stream sent
let stream = null; // { token, abort }
const listeners = new Set();
const hasLine = agr => (agr.protocols || []).some(p => p.id === 'line');

/** The event stream: fetch with the session's token (EventSource cannot send Authorization). */
async function connect(token) {
  const abort = new AbortController();
  stream = { token, abort, live: false, opened: Date.now() };
  try {
    const r = await fetch('/api/v1/events', { headers: { Authorization: 'Bearer ' + token,
      Accept: 'text/event-stream' }, signal: abort.signal });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    stream.live = true;
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let cut;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        onEvent(buf.slice(0, cut));
        buf = buf.slice(cut + 2);
      }
    }
  } catch (e) { /* reconnects below */ }
  if (stream?.abort === abort) stream = null;
}

function onEvent(block) {
  if (stream) stream.heard = Date.now();
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (name !== 'line' || !data.length) return;
  apply(JSON.parse(data.join('\n')));
}

/** A new board (from the stream, or read after this officer's own step): every view follows. */
function apply(b) {
  board = b;
  showAlert();
  listeners.forEach(f => f(board));
}

/** Streams quiet longer than the node's keep-alive (10 s) are dead: reconnect. */
const QUIET_MS = 25000;

/** Keeps one stream open while signed in to a node with a line; closes it on sign-out. */
async function keepStream() {
  const s = session();
  if (!s) {
    if (stream) { stream.abort.abort(); stream = null; }
    board = null;
    showAlert();
    return;
  }
  const quiet = stream ? Date.now() - (stream.heard || stream.opened) : 0;
  if (stream && stream.token === s.token && quiet < QUIET_MS) return;
  if (stream) stream.abort.abort();
  try {
    if (!hasLine(await agreement())) return;
  } catch (e) { return; }
  connect(s.token);
}
setInterval(keepStream, 2000);
setTimeout(keepStream, 0);

// --- the alert: a banner on every page and a tone, until every flash message is acknowledged

let tone = null;
function beep() {
  try {
    const ctx = tone.ctx;
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.frequency.value = 880;
    g.gain.value = 0.15;
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.35);
  } catch (e) { /* no audio device: the banner stays */ }
}

function sound(on) {
  document.body.dataset.flashTone = on ? 'on' : 'off';
  if (on && !tone) {
    const AC = window.AudioContext || window.webkitAudioContext;
    tone = { ctx: AC ? new AC() : null, timer: null };
    if (tone.ctx) { beep(); tone.timer = setInterval(beep, 1500); }
  } else if (!on && tone) {
    clearInterval(tone.timer);
    tone.ctx?.close();
    tone = null;
  }
}

function showAlert() {
  const alerting = (board?.messages || []).filter(m => m.alert);
  let bar = document.getElementById('flash-alert');
  if (!alerting.length) {
    bar?.remove();
    sound(false);
    return;
  }
  if (!bar) {
    bar = el('div.flash-alert', { id: 'flash-alert', role: 'alert', 'aria-live': 'assertive' });
    document.querySelector('header.top').after(bar);
  }
  bar.replaceChildren(el('strong', {}, t('hotline.flashAlert', { n: alerting.length })),
    ...alerting.map(m => el('span.flash-item', { 'data-message': m.id },
      el('span', {}, t('hotline.flashFrom', { party: m.from, id: m.id })), ' ',
      ackButton(m, 'flash-ack-' + m.id))),
    el('a', { href: '#/hotline' }, t('hotline.open')));
  sound(true);
}

function ackButton(m, id) {
  return el('button', { type: 'button', id, 'data-ack': m.id,
    onclick: ev => act(ev.target, m, 'ack', {}) }, t('hotline.ack'));
}

async function act(button, m, action, body) {
  button.disabled = true;
  try {
    await post(`/api/v1/hotline/messages/${encodeURIComponent(m.id)}/${action}`, body);
    apply(await get('/api/v1/hotline')); // at once, whatever the stream is doing
  } catch (e) {
    button.disabled = false;
    button.after(errorBox(e));
  }
}

// --- the page

const when = x => x ? fmtDateTime(x) : '—';
const list = xs => new Intl.ListFormat(currentLang(), { style: 'short', type: 'unit' }).format(xs);
const level = l => tOr('hotline.level.' + l, l);
/** A rung's or alarm's status in the ladder's words: set off, or still ahead. */
const pointBadge = s => badge(s, tOr('hotline.point.' + s, tOr('obl.' + s, s)));
const prio = p => badge(p === 'flash' ? 'missing' : p === 'immediate' ? 'late' : 'pending',
  tOr('hotline.priority.' + p, p));

async function page(view, ctx) {
  const agr = await agreement();
  if (ctx.stale()) return;
  view.append(header(t('hotline.title'), el('span.muted', { id: 'hotline-live' })));
  if (!hasLine(agr)) { view.append(el('p.muted', {}, t('hotline.none'))); return; }
  view.append(el('p.muted', {}, t('hotline.explain')));
  if (ctx.session.role === 'operator') view.append(compose(agr, ctx));
  const content = el('div', { id: 'hotline-content' });
  view.append(content);
  const draw = b => {
    if (ctx.stale()) { listeners.delete(draw); return; }
    document.getElementById('hotline-live').textContent = stream?.live ? t('hotline.live') : '';
    content.replaceChildren(...boardContent(agr, b, ctx));
  };
  listeners.add(draw);
  draw(board || await get('/api/v1/hotline'));
  showAlert(); // in the language just chosen
}

function compose(agr, ctx) {
  const others = agr.parties.map(p => p.id).filter(p => p !== ctx.session.party);
  const to = el('select', { id: 'hl-to' },
    others.map(p => el('option', { value: p }, partyName(agr, p))));
  const priority = el('select', { id: 'hl-priority' }, ['flash', 'immediate', 'routine']
    .map(p => el('option', { value: p }, tOr('hotline.priority.' + p, p))));
  const language = el('select', { id: 'hl-language' }, LANGS.map(l => el('option',
    { value: l, selected: l === document.documentElement.lang }, l)));
  const subject = el('input', { id: 'hl-subject', maxlength: 200 });
  const text = el('textarea', { id: 'hl-text', rows: 3, required: true });
  const msg = el('div', { 'aria-live': 'polite' });
  const field = (label, input) => el('label.inline', {}, el('span', {}, label), input);
  return el('form.card.hotline-compose', { id: 'hl-compose', onsubmit: async ev => {
    ev.preventDefault();
    msg.replaceChildren();
    try {
      const r = await post('/api/v1/hotline/messages', { to: to.value, priority: priority.value,
        language: language.value, text: text.value,
        ...(subject.value ? { subject: subject.value } : {}) });
      text.value = ''; subject.value = '';
      apply(await get('/api/v1/hotline'));
      msg.replaceChildren(el('div.alert.ok', {}, t('hotline.sent', { index: r.index })));
    } catch (e) { msg.replaceChildren(errorBox(e)); }
  } }, el('h2', {}, t('hotline.send')),
  el('div.row', {}, field(t('hotline.to'), to), field(t('hotline.priority'), priority),
    field(t('hotline.language'), language), field(t('hotline.subject'), subject)),
  el('label.block', {}, el('span', {}, t('hotline.text')), text), msg,
  el('button', { type: 'submit', id: 'hl-send' }, t('hotline.sendButton')));
}

function boardContent(agr, b, ctx) {
  const out = [];
  if (b.rosterProblem) out.push(el('div.alert.error', {}, b.rosterProblem));
  if (b.alarm) out.push(el('div.alert.error', { id: 'hotline-alarm' }, t('hotline.alarm')));
  const duty = Object.entries(b.onDuty || {});
  out.push(el('p.muted', { id: 'hotline-duty' }, t('hotline.onDuty'), ' ',
    duty.length ? duty.map(([l, names]) => `${level(l)}: ${list(names)}`).join(' · ')
      : t('hotline.noRoster')));
  out.push(linePaths(agr, b.line));
  out.push(lineTests(agr, b.lineTests || {}));
  if (!b.messages.length) out.push(el('p.muted', { id: 'hotline-empty' }, t('hotline.empty')));
  for (const m of b.messages) out.push(card(agr, b, m, ctx));
  if (b.incidents?.length) {
    out.push(el('h2', { id: 'hotline-incidents' }, t('hotline.incidents')));
    for (const i of b.incidents) out.push(incident(agr, i));
  }
  return out;
}

/**
 * The line's ways to the other nodes (primary or backup URL, answering or down, the switches);
 * while the line is down, the backup it offers: the signed bundle, written here to a file.
 */
function linePaths(agr, line) {
  if (!line?.paths?.length) return null;
  const out = [];
  if (line.down) {
    const down = line.paths.filter(p => !p.reachable);
    out.push(el('div.alert.error', { id: 'hotline-down' }, down.map(p => t('hotline.lineDown',
      { party: partyName(agr, p.party), time: when(p.unreachableSince) }))
      .join(' ')), line.unreceipted?.length ? el('p', { id: 'hotline-unreceipted' },
      t('hotline.unreceipted', { ids: list(line.unreceipted) })) : null,
    el('button', { type: 'button', id: 'hl-bundle', onclick: ev => bundle(ev.target) },
      t('hotline.bundleButton')));
  }
  const change = s => el('li', {}, when(s.at), ' ', tOr('hotline.change.' + s.change, s.change));
  const heads = [t('hotline.pathParty'), t('hotline.pathWay'), t('hotline.pathState'),
    t('hotline.pathSwitches')];
  return el('details.card.hl-paths', { id: 'hotline-paths', open: !!line.down },
    el('summary', {}, t('hotline.paths')), ...out,
    el('table.data', {},
      el('thead', {}, el('tr', {}, heads.map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, line.paths.map(p => el('tr', { 'data-party': p.party },
        el('td', {}, partyName(agr, p.party)),
        el('td', {}, tOr('hotline.path.' + p.path, p.path), ' ', el('span.muted', {}, p.url)),
        el('td', {}, p.reachable ? badge('met', t('hotline.pathUp'))
          : badge('missing', t('hotline.pathDown'))),
        el('td', {}, p.switches.length
          ? el('ul.hl-switches', {}, p.switches.slice(-5).reverse().map(change)) : '—'))))));
}

/** Writes the backup bundle the node signs to a file the officer carries. */
async function bundle(button) {
  button.disabled = true;
  try {
    const b = await post('/api/v1/hotline/bundle', {});
    const a = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(b, null, 2)],
      { type: 'application/json' })), download: `${b.party}-line.bundle` });
    a.click();
    URL.revokeObjectURL(a.href);
  } catch (e) {
    button.after(errorBox(e));
  } finally {
    button.disabled = false;
  }
}

/** The line's scheduled tests: each Party's availability over a day and a week, its failures. */
function lineTests(agr, tests) {
  const parties = Object.entries(tests);
  if (!parties.length) return null;
  const pct = r => r.decided ? new Intl.NumberFormat(currentLang(),
    { style: 'percent', maximumFractionDigits: 1 }).format(r.availability) : '—';
  const heads = [t('hotline.testsParty'), t('hotline.testsDay'), t('hotline.testsWeek'),
    t('hotline.testsFailures')];
  const share = r => el('td.num', {}, pct(r), ' ', el('span.muted', {}, `(${r.ok}/${r.decided})`));
  const failure = f => el('li', {}, when(f.start), ' ',
    badge('missing', tOr('hotline.test.' + f.result, f.result)));
  return el('details.card.hl-tests', { id: 'hotline-tests', open: true },
    el('summary', {}, t('hotline.tests')),
    el('table.data', {},
      el('thead', {}, el('tr', {}, heads.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, parties.map(([p, r]) => el('tr', { 'data-party': p },
      el('td', {}, partyName(agr, p)), share(r.day), share(r.week),
      el('td', {}, r.week.failures.length
        ? el('ul.hl-failures', {}, r.week.failures.slice(-3).reverse().map(failure)) : '—'))))));
}

function stateCell(id, title, at, detail, cls) {
  return el('div.hl-state' + (cls ? '.' + cls : ''), { id, 'data-done': at ? 'yes' : 'no' },
    el('div.hl-state-title', {}, title), el('div', {}, at ? when(at) : '—'), detail || null);
}

function card(agr, b, m, ctx) {
  const incoming = m.to === b.self;
  const ack = m.acknowledgement || m.declined;
  const id = 'hl-' + m.id;
  const owes = (s, by) => s ? el('div.muted', {}, t('hotline.dueBy', { time: when(by) }), ' ',
    badge(s, tOr('obl.' + s, s))) : null;
  const states = el('div.hl-states', {},
    stateCell(id + '-receipt', t('hotline.receipt'), m.receiptedAt,
      el('div.muted', {}, t(m.receiptedAt ? 'hotline.receiptBy' : 'hotline.receiptWaiting',
        { party: incoming ? b.self : m.to }))),
    stateCell(id + '-ack', t(m.declined ? 'hotline.declined' : 'hotline.acknowledgement'), ack?.at,
      ack ? el('div', {},
        el('span.hl-officer', {}, t('hotline.byOfficer', { officer: ack.officer })), ' ',
        m.ackStatus === 'late' ? badge('late', tOr('obl.late', 'late')) : null)
        : owes(m.ackStatus, m.acknowledgeBy),
      m.declined ? 'declined' : null),
    stateCell(id + '-reply', t('hotline.reply'), m.reply?.at,
      m.reply ? el('div', {},
        el('div.hl-officer', {}, t('hotline.byOfficer', { officer: m.reply.officer })),
        el('blockquote', { lang: m.reply.language, dir: 'auto' }, m.reply.text))
        : owes(m.replyStatus, m.replyBy)));
  const actions = [];
  const operator = ctx.session.role === 'operator';
  if (operator && incoming && (m.state === 'sent' || m.state === 'no-answer')) {
    actions.push(ackButton(m, id + '-ackbutton'));
    const reply = el('textarea', { id: id + '-replytext', rows: 2 });
    actions.push(el('details', {}, el('summary', {}, t('hotline.replyOrDecline')), reply,
      el('div.row', {}, el('button', { type: 'button', onclick: ev => act(ev.target, m, 'reply',
        { reply: reply.value, language: document.documentElement.lang }) },
        t('hotline.replyButton')),
      el('button.secondary', { type: 'button', onclick: ev => act(ev.target, m, 'decline',
        reply.value ? { reason: reply.value } : {}) }, t('hotline.declineButton')))));
  }
  if (operator && !incoming && m.state === 'sent' && m.ackStatus === 'missing') {
    actions.push(el('button.secondary', { type: 'button', id: id + '-noanswer',
      onclick: ev => act(ev.target, m, 'no-answer', {}) }, t('hotline.recordNoAnswer')));
  }
  return el('article.card.hl-message' + (m.alert ? '.hl-alerting' : ''), {
    id, 'data-state': m.state,
    'data-priority': m.priority, 'data-alarm': m.alarm ? 'yes' : 'no' },
  el('h2', {}, prio(m.priority), ' ', el('code', {}, m.id), ' ',
    t('hotline.fromTo', { from: partyName(agr, m.from), to: partyName(agr, m.to) }), ' ',
    badge(m.state === 'declined' || m.state === 'no-answer' ? 'missing'
      : m.state === 'sent' ? 'due' : 'met',
      tOr('hotline.state.' + m.state, m.state))),
  el('p.muted', {}, t('hotline.sentAt', { time: when(m.sentAt), officer: m.officer }), ' ',
    entryLink(m.entry)),
  original(m), states, m.noAnswer ? el('p.alert.error', {}, t('hotline.noAnswerRecorded',
    { time: when(m.noAnswer.at), officer: m.noAnswer.officer })) : null,
  actions.length ? el('div.row.hl-actions', {}, actions) : null, timeline(b, m));
}

/** An incident: the report, then each Party's statements of position side by side. */
function incident(agr, i) {
  const pos = i.position ? geoText(i.position) || fieldValue('position', i.position) : null;
  return el('article.card.hl-incident', { id: 'incident-' + i.id, 'data-incident': i.id },
    el('h3', {}, el('code', {}, i.id), ' ', tOr('incident.category.' + i.category, i.category)),
    el('p.muted', {},
      t('hotline.incidentAt', { time: when(i.occurredAt), party: partyName(agr, i.reportedBy) }),
      ' ', pos ? el('span', {}, pos) : null, ' ', entryLink(i.entry), ' ',
      el('a', { href: '#/incidents/' + encodeURIComponent(i.id) }, t('incidents.onMap'))),
    i.unitsInvolved ? el('p', {}, t('hotline.units', { units: list(i.unitsInvolved) })) : null,
    el('p', { dir: 'auto' }, i.account),
    el('div.hl-side', {}, Object.entries(i.statements).map(([party, sts]) =>
      el('div.hl-text.hl-statement', { 'data-party': party },
        el('div.hl-state-title', {}, t('hotline.position', { party: partyName(agr, party) })),
        sts.length ? sts.map(s => el('div', {}, el('p', { dir: 'auto' }, s.statement),
          el('div.muted', {}, when(s.at), ' · ',
            t('hotline.byOfficer', { officer: s.officer }), ' · ',
            entryLink(s.entry)))) : el('p.muted', {}, t('hotline.noStatement'))))));
}

/** The original (authoritative), and each translation beside it. */
function original(m) {
  const orig = el('div.hl-text', { lang: m.language },
    el('div.muted', {}, t('hotline.original', { lang: m.language })),
    m.subject ? el('strong', { dir: 'auto' }, m.subject) : null, el('p', { dir: 'auto' }, m.text));
  if (!m.translations?.length) return orig;
  return el('div.hl-side', {}, orig, m.translations.map(x => el('div.hl-text.hl-translation',
    { lang: x.into },
    el('div.muted', {}, t('hotline.translation', { lang: x.into, by: x.translator })),
    el('p', { dir: 'auto' }, x.translation))));
}

function timeline(b, m) {
  const points = m.timeline.filter(p => p.kind !== 'deadline');
  if (!points.length) return null;
  return el('details.hl-timeline', { open: m.alarm || m.alert },
    el('summary', {},
      t('hotline.escalation', { n: points.filter(p => p.status === 'due').length })),
    el('ol.timeline', { id: 'hl-' + m.id + '-timeline' }, points.map(p => el('li.step', {
      'data-kind': p.kind, 'data-status': p.status },
    el('span.step-time', {}, when(p.due)), ' ',
    el('strong', {}, p.kind === 'alarm' ? t('hotline.alarmAt', { party: p.party })
      : level(p.type)), ' ',
    p.round ? el('span.muted', {}, t('hotline.round', { n: p.round })) : null, ' ',
    pointBadge(p.status), ' ',
    p.notifies?.length
      ? el('span.muted', {}, t('hotline.notifies', { levels: list(p.notifies.map(level)) }))
      : null))));
}

register({ id: 'hotline', nav: 'nav.hotline', order: 20, render: page, applies: hasLine });
