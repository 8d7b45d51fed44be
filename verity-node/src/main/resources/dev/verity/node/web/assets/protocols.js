// Any declared protocol (the agreement's `protocols:`, docs/formats/agreement.md "Protocols"):
// its rules in words, and its subjects, each with its timeline of steps, its deadlines (with any
// escalation or alarm a missed one set off) and the steps that do not follow from its state.
// Built from GET /api/v1/agreement, /api/v1/messages and /api/v1/obligations: the subjects are
// the logged steps grouped as the protocol says (its subject field, else each opening entry);
// deadlines are the node's typed obligations of the protocol where it gives them, else the due
// times the rules give, judged here against the steps logged (marked so). The node's protocol
// engine stays the judge.
import { t, tOr, fmtNum, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, badge, pagedTable, table } from './dom.js';
import { entryLink, showField, worthShowing } from './entries.js';
import { register } from './registry.js';
import { agreement, header, partyName, statusBadge, typeName } from './pages.js';
import { schemaOf } from './schema.js';

const ENVELOPE = ['type', 'party', 'number'];
const SHOWN_SUBJECTS = 50; // the newest first; the rest behind a button
const label = (p, part, id) => tOr(`protocol.${p.id}.${part}.${id}`, id);
const stateName = (p, s) => s ? label(p, 'state', s) : '—';
const stepName = (agr, p, rule) => rule.id !== rule.message ? label(p, 'step', rule.id)
  : typeName(agr, rule.message);
const roles = list => list.map(r => tOr('protocolrole.' + r, r)).join(', ');

/** A due rule in words: "14 days before exerciseStart", "5 minutes after the call". */
function dueWords(agr, p, due) {
  const span = due.minutes != null ? ['minutes', due.minutes] : due.hours != null
    ? ['hours', due.hours] : ['days', due.days ?? 0];
  const ref = due.before || due.after;
  const what = ref.field ? tOr(`field.${ref.field}`, ref.field)
    : stepName(agr, p, p.steps.find(s => s.id === ref.step) || { id: ref.step, message: ref.step });
  return t(due.before ? 'protocols.dueBefore' : 'protocols.dueAfter',
    { n: fmtNum(span[1]), unit: t('protocols.unit.' + span[0]), ref: what });
}

function rulesCard(agr, p) {
  const item = (attrs, name, ...words) =>
    el('li', attrs, el('strong', {}, name), ' — ', ...words);
  const from = s => s.from?.length ? s.from.map(x => stateName(p, x)).join(', ')
    : t('protocols.anyState');
  const steps = p.steps.map(s => item({ 'data-step': s.id }, stepName(agr, p, s),
    t(s.opens ? 'protocols.opens' : 'protocols.moves',
      { by: roles(s.by), from: from(s), to: stateName(p, s.to) })));
  const deadlines = p.deadlines.map(d => item({ 'data-deadline': d.id }, label(p, 'deadline', d.id),
    dueWords(agr, p, d.due), missedWords(d.onMissed)));
  const quotas = p.quotas.map(q => item({ 'data-quota': q.id }, label(p, 'quota', q.id),
    t('protocols.quota', { max: fmtNum(q.max),
      period: tOr('protocols.period.' + q.period, q.period) })));
  const list = (key, items) => items.length
    ? [el('h3', {}, t(key)), el('ul.rules', {}, items)] : null;
  return el('article.card.protocol-rules', { id: 'rules-' + p.id },
    el('h2', {}, t('protocols.rules')),
    el('p.muted', {}, t('protocols.states'), ' ', p.states.map(s => stateName(p, s)).join(' · ')),
    list('protocols.steps', steps), list('protocols.deadlines', deadlines),
    list('protocols.quotas', quotas),
    p.source ? el('p.muted.small', {}, el('bdi', { lang: 'en' }, p.source)) : null);
}

/** What a missed deadline sets off, in words: an escalation ladder, an alarm. */
function missedWords(m) {
  const out = [];
  const rungs = m?.escalate?.steps?.length || 0;
  if (m?.escalate) out.push(' · ', t('protocols.escalates', { n: fmtNum(rungs) }));
  if (m?.alarm || m?.escalate?.alarm) out.push(' · ', t('protocols.alarms'));
  return out;
}

/** The step rule a logged message takes on a subject in its state (opening: a new subject). */
function ruleFor(p, type, subject) {
  const rules = p.steps.filter(s => s.message === type);
  return rules.find(s => subject ? !s.opens && (!s.from?.length || s.from.includes(subject.state))
    : s.opens) || rules.find(s => !subject || !s.opens) || rules[0];
}

/**
 * The subjects as the log shows them: each logged step of the protocol's types in time order,
 * grouped by subject; a step that does not follow from its subject's state is kept apart.
 */
export function subjectsOf(p, messages) {
  const types = new Set(p.steps.map(s => s.message));
  const steps = messages.filter(m => types.has(m.type) && m.entry?.body)
    .sort((a, b) => (a.entry.createdAt || '').localeCompare(b.entry.createdAt || '')
      || a.party.localeCompare(b.party) || a.index - b.index);
  const subjects = new Map();
  const outOfOrder = [];
  for (const m of steps) {
    const body = m.entry.body;
    const id = p.subjectField ? body[p.subjectField] : `${m.party}#${m.index}`;
    const s = id == null ? null : subjects.get(String(id));
    const rule = ruleFor(p, m.type, s);
    const taken = { rule, message: m, at: m.entry.createdAt };
    if (rule.opens && !s && id != null) {
      subjects.set(String(id), { id: String(id), initiator: m.party, state: rule.to,
        fields: { ...body }, steps: [taken] });
    } else if (!s || rule.opens || (rule.from?.length && !rule.from.includes(s.state))) {
      outOfOrder.push({ ...taken, subject: id, state: s?.state, why: !s ? 'unknown' : 'state' });
    } else {
      s.steps.push(taken);
      Object.assign(s.fields, body);
      if (rule.to) s.state = rule.to;
    }
  }
  return { subjects: [...subjects.values()], outOfOrder };
}

const SPAN_MS = { minutes: 60e3, hours: 3600e3, days: 86400e3 };
const DAY = SPAN_MS.days;

/**
 * When a deadline rule falls for a subject, as the engine reckons it (ProtocolRules.due): a span
 * before or after its first step of a kind, or its instant field; N days before or after a date
 * field count whole days (N days before 15 October is due by the end of 1 October).
 */
function dueTime(s, due) {
  const ref = due.before || due.after;
  const sign = due.before ? -1 : 1;
  const unit = due.minutes != null ? 'minutes' : due.hours != null ? 'hours' : 'days';
  const span = (due[unit] || 0) * SPAN_MS[unit] * sign;
  if (!ref.field) {
    const first = s.steps.find(x => x.rule.id === ref.step);
    return first ? Date.parse(first.at) + span : NaN;
  }
  const v = s.fields[ref.field];
  if (typeof v !== 'string') return NaN;
  if (v.length !== 10) return Date.parse(v) + span;
  const day = Date.parse(v + 'T00:00:00Z');
  return unit === 'days' ? day + span + DAY : day + span;
}

/**
 * The subject's deadlines: the node's typed obligations of this protocol and subject if it gives
 * them, else each deadline rule's due time judged here against the steps logged.
 */
function deadlinesOf(p, s, owed, now) {
  const fromNode = owed.filter(o => o.subject === s.id);
  if (fromNode.length) return fromNode;
  const out = [];
  for (const d of p.deadlines) {
    const due = dueTime(s, d.due);
    if (isNaN(due)) continue;
    const met = s.steps.find(x => d.met.includes(x.rule.id) || d.met.includes(x.rule.message));
    const metAt = met ? Date.parse(met.at) : null;
    const status = metAt != null ? (metAt <= due ? 'met' : 'late') : now > due ? 'missing' : 'due';
    const metBy = met ? { party: met.message.party, index: met.message.index } : null;
    out.push({ regime: p.id, kind: 'deadline', type: d.id, subject: s.id,
      party: met?.message.party || s.initiator, due: new Date(due).toISOString(), status, metBy,
      judgedHere: true });
  }
  return out;
}

function timeline(agr, p, s) {
  return el('ol.timeline', {}, s.steps.map(x => {
    const m = x.message;
    const schema = schemaOf(agr, m.type);
    // the type and the sender are the step's own; the node sets them in every body
    const fields = Object.entries(m.entry.body)
      .filter(([k, v]) => !ENVELOPE.includes(k) && worthShowing(v));
    const field = ([k, v]) => [el('dt', {}, tOr(schema[k]?.label || 'field.' + k, k)),
      el('dd', {}, showField(k, v, schema[k]))];
    return el('li.step', { 'data-type': m.type, 'data-entry': `${m.party}/${m.index}` },
      el('div.step-head', {}, el('span.step-time', {}, fmtDateTime(x.at)), ' ',
        el('span.step-party', {}, partyName(agr, m.party)), ' ',
        el('strong.step-type', {}, stepName(agr, p, x.rule)), ' ', entryLink(m),
        x.rule.to ? [' → ', badge('pending', stateName(p, x.rule.to))] : null),
      fields.length ? el('dl.fields.step-fields', {}, fields.map(field).flat()) : null);
  }));
}

function deadlineTable(agr, p, list) {
  if (!list.length) return el('p.muted', {}, t('protocols.noDeadlines'));
  const what = o => [
    o.kind === 'escalation' ? label(p, 'rung', o.type) : label(p, 'deadline', o.type),
    o.kind && o.kind !== 'deadline' ? [' ', badge('late', tOr('oblkind.' + o.kind, o.kind))] : null,
    o.escalation ? el('div.small.muted', {}, t('protocols.after', {
      deadline: label(p, 'deadline', o.escalation.deadline), round: fmtNum(o.escalation.round) }))
      : null];
  const judged = o => o.judgedHere
    ? el('span.small.muted', {}, ' ', t('protocols.judgedHere')) : null;
  return el('div.scroll', {}, table([t('obligations.what'), t('common.party'), t('obligations.due'),
    t('overview.status'), t('messages.col.entry')], list.map(o => el('tr', {
    'data-deadline': o.type, 'data-status': o.status, 'data-kind': o.kind || 'deadline' },
  el('td', {}, what(o)), el('td', {}, partyName(agr, o.party)),
  el('td.time', {}, fmtDateTime(o.due)),
  el('td', {}, statusBadge('obl', o.status), judged(o)),
  el('td', {}, o.metBy ? entryLink(o.metBy) : '—')))));
}

function subjectCard(agr, p, s, owed, now) {
  return el('article.card.subject', { 'data-subject': s.id, 'data-state': s.state || '' },
    el('h3', {}, el('code', {}, s.id), ' ', badge('ok', stateName(p, s.state))),
    el('p.muted.small', {}, t('protocols.openedBy', { party: partyName(agr, s.initiator),
      time: fmtDateTime(s.steps[0].at) })),
    timeline(agr, p, s),
    el('h4', {}, t('protocols.deadlines')), deadlineTable(agr, p, deadlinesOf(p, s, owed, now)));
}

function outOfOrderSection(agr, p, list) {
  const why = x => badge('missing', x.why === 'unknown' ? t('protocols.unknownSubject')
    : t('protocols.wrongState', { state: stateName(p, x.state) }));
  const row = x => el('tr', { 'data-entry': `${x.message.party}/${x.message.index}` },
    el('td', {}, entryLink(x.message)), el('td', {}, typeName(agr, x.message.type)),
    el('td', {}, x.subject == null ? '—' : el('code', {}, String(x.subject))),
    el('td', {}, why(x)));
  const body = list.length ? pagedTable([t('messages.col.entry'), t('messages.col.type'),
    t('protocols.subject'), t('protocols.why')], list, row, { id: 'refusals-' + p.id })
    : el('p.muted', {}, t('protocols.noRefusals'));
  return el('section.block.protocol-refusals', {}, el('h2', {}, t('protocols.refusals')),
    el('p.muted.small', {}, t('protocols.refusalsExplain')), body);
}

function protocolSection(agr, p, messages, obligations, now) {
  const { subjects, outOfOrder } = subjectsOf(p, messages);
  const owed = obligations.filter(o => o.regime === p.id);
  const escalations = owed.filter(o => o.kind === 'escalation' || o.kind === 'alarm');
  const newest = subjects.slice().reverse();
  const list = el('div.subjects', { id: 'subjects-' + p.id });
  const cards = from => newest.slice(from, from ? undefined : SHOWN_SUBJECTS)
    .map(s => subjectCard(agr, p, s, owed, now));
  const more = el('button.secondary.more', {
    type: 'button', hidden: newest.length <= SHOWN_SUBJECTS,
    onclick: () => { list.append(...cards(SHOWN_SUBJECTS)); more.hidden = true; } },
  t('common.showMore', { n: fmtNum(Math.max(0, newest.length - SHOWN_SUBJECTS)) }));
  list.append(...cards(0));
  return el('section.protocol', { 'data-protocol': p.id },
    el('h2', {}, tOr('protocol.' + p.id, p.title || p.id)),
    rulesCard(agr, p),
    el('h2', {}, t('protocols.subjects', { n: fmtNum(subjects.length) })),
    subjects.length ? list : el('p.muted', {}, t('protocols.noSubjects')), more,
    escalations.length ? el('p.alert.error', { 'data-escalations': escalations.length },
      t('protocols.escalationCount', { n: fmtNum(escalations.length) })) : null,
    outOfOrderSection(agr, p, outOfOrder));
}

async function protocols(view, ctx) {
  const [agr, msgs, obl] = await Promise.all([agreement(), get('/api/v1/messages?limit=10000'),
    get('/api/v1/obligations')]);
  if (ctx.stale()) return;
  const all = agr.protocols || [];
  const chosen = all.filter(p => !ctx.args[0] || p.id === ctx.args[0]);
  const pick = el('select', { id: 'f-protocol',
    onchange: () => ctx.go('protocols', pick.value ? [pick.value] : []) },
  el('option', { value: '' }, t('protocols.all')), all.map(p => el('option',
    { value: p.id, selected: p.id === ctx.args[0] }, tOr('protocol.' + p.id, p.title || p.id))));
  const choose = all.length > 1
    ? el('label.inline', { for: 'f-protocol' }, el('span', {}, t('protocols.protocol')), pick)
    : null;
  view.append(header(t('protocols.title'), choose));
  view.append(el('p.muted', {}, t('protocols.explain')));
  const now = Date.parse(ctx.session.exercise?.now || new Date().toISOString());
  if (!chosen.length) { view.append(el('p.muted', {}, t('protocols.none'))); return; }
  const owed = obl.obligations || [];
  for (const p of chosen) view.append(protocolSection(agr, p, msgs.messages, owed, now));
}

register({ id: 'protocols', nav: 'nav.protocols', order: 75, render: protocols,
  applies: agr => (agr.protocols || []).length > 0 });
