// Inspections and one inspection's timeline (issue 6): pages over GET /api/v1/inspections and
// /api/v1/inspections/{id}, and the compose form's checkpoint filler. Every text goes through t().
import { t, tOr, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, badge, table, errorBox } from './dom.js';
import { agreement, datePicker, header, isDate, nodeToday, partyName, statusBadge, todayLabel, typeName } from './pages.js';
import { entryLink, fieldValue, ids, refs, typeLabel, worthShowing } from './entries.js';
import { register, registerFieldTool } from './registry.js';

const phaseName = p => p ? tOr('phase.' + p, p) : '—';
export const yesNo = (yes, kind) => badge(yes ? kind[0] : kind[1], t(yes ? 'common.yes' : 'common.no'));
export const section = (id, title, content) => el('section.block', { id }, el('h2', {}, title), content);
export const scrolled = (headers, rows, id, empty) => rows.length
  ? el('div.scroll', {}, table(headers, rows, { id })) : el('p.muted', { id }, empty);

/**
 * The as-of query of a page: a chosen day means the end of that day; no choice means the node's
 * clock (an exercise node's clock may be years from today), whose answer says what it used.
 */
export function asOfQuery(params) {
  const d = params.get('asOf');
  return isDate(d) ? '?asOf=' + encodeURIComponent(d + 'T23:59:59Z') : '';
}

export function asOfTools(ctx, page, shownDay) {
  return [datePicker('asof', shownDay, d => ctx.go(page, [], { asOf: d })),
    el('button.secondary', { type: 'button', id: 'asof-today', onclick: () => ctx.go(page, [], {}) }, todayLabel(ctx))];
}

// ---------- Inspections ----------
async function inspections(view, ctx) {
  const [agr, data] = await Promise.all([agreement(), get('/api/v1/inspections' + asOfQuery(ctx.params))]);
  if (ctx.stale()) return;
  const day = (data.asOf || nodeToday(ctx)).slice(0, 10);
  view.append(header(t('inspections.title'), ...asOfTools(ctx, 'inspections', day)));
  const y = data.treatyYear;
  view.append(el('p.muted', { id: 'treaty-year' }, y
    ? t('inspections.treatyYear', { year: y.label, from: fmtDate(y.from), until: fmtDate(y.until), date: fmtDate(day) })
    : t('inspections.noTreatyYear', { date: fmtDate(day) })));
  view.append(quotaCards(agr, data.quotas || []));
  view.append(section('inspections-list', t('inspections.list'), inspectionTable(agr, data.inspections || [])));
  view.append(exhibitionsSection(data.exhibitions || []), exemptionsSection(data.exemptions || []),
    refusalsSection(agr, data.refusals || []));
}

function exhibitionsSection(list) {
  return section('exhibitions', t('inspections.exhibitions'), scrolled(
    [t('inspections.col.exhibition'), t('common.party'), t('inventory.kind'), t('field.facility'), t('inspections.col.date'),
      t('inspections.col.held'), t('inspections.col.uids')],
    list.map(x => el('tr', { 'data-exhibition': x.id },
      el('td', {}, el('code', {}, x.id)), el('td', {}, x.party), el('td', {}, tOr('kind.' + x.itemKind, x.itemKind || '—')),
      el('td', {}, x.facility || '—'), el('td.time', {}, fmtDate(x.date)), el('td', {}, yesNo(x.held, ['ok', 'pending'])),
      el('td', {}, ids(x.uniqueIdentifiers)))), 'exhibitions-table', t('inspections.noExhibitions')));
}

function exemptionsSection(list) {
  return section('exemptions', t('inspections.exemptions'), scrolled(
    [t('common.party'), t('field.facility'), t('inspections.col.from'), t('inspections.col.until'), t('inspections.col.reason'),
      t('messages.col.entry')],
    list.map(x => el('tr', { 'data-facility': x.facility },
      el('td', {}, x.party), el('td', {}, x.facility), el('td.time', {}, fmtDateTime(x.from)), el('td.time', {}, fmtDateTime(x.until)),
      el('td', { dir: 'auto' }, x.reason || '—'), el('td', {}, entryLink(x.entry)))), 'exemptions-table', t('inspections.noExemptions')));
}

/** Steps logged but refused when both logs were folded (steps refused at submission are never logged). */
function refusalsSection(agr, list) {
  return section('refusals', t('inspections.refusals'), [el('p.muted.small', {}, t('inspections.refusalsExplain')), scrolled(
    [t('messages.col.entry'), t('messages.col.type'), t('inspections.col.inspection'), t('inspections.col.refusal'),
      t('inspections.col.reason'), t('inspections.col.at')],
    list.map(x => el('tr', { 'data-entry': x.entry ? `${x.entry.party}/${x.entry.index}` : '' },
      el('td', {}, entryLink(x.entry)), el('td', {}, typeName(agr, x.type)), el('td', {}, x.inspection ? inspectionLink(x.inspection) : '—'),
      el('td', {}, badge('missing', refusalName(x.refusal))), el('td', { dir: 'auto' }, x.reason || '—'), el('td.time', {}, fmtDateTime(x.at)))),
    'refusals-table', t('inspections.noRefusals'))]);
}

export const refusalName = r => tOr('refusal.' + r, r || '—');
const inspectionLink = id => el('a', { href: '#/inspection/' + encodeURIComponent(id) }, el('code', {}, id));

/** One card per inspected Party, a gauge per type of inspection: used of the quota, and what is left. */
function quotaCards(agr, quotas) {
  const byParty = new Map();
  quotas.forEach(q => { if (!byParty.has(q.inspectedParty)) byParty.set(q.inspectedParty, []); byParty.get(q.inspectedParty).push(q); });
  if (!byParty.size) return el('p.muted', { id: 'quotas' }, t('inspections.noQuotas'));
  return el('div.cards.quotas', { id: 'quotas' }, [...byParty].map(([party, qs]) => el('article.card.quota', { 'data-party': party },
    el('h2', {}, t('inspections.onTerritory', { party: partyName(agr, party) })),
    qs.sort((a, b) => a.type - b.type).map(gauge))));
}

const MAX_CELLS = 40; // beyond this a gauge is one bar instead of a cell per inspection

function gauge(q) {
  const full = q.left <= 0;
  const label = typeLabel(q.type);
  const bar = el('div.gauge-bar' + (full ? '.full' : ''), { role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': q.quota,
    'aria-valuenow': q.used, 'aria-label': label, 'aria-valuetext': t('inspections.usedOf', { used: fmtNum(q.used), quota: fmtNum(q.quota) }) });
  if (q.quota <= MAX_CELLS) {
    for (let i = 0; i < q.quota; i++) bar.append(el('span.cell' + (i < q.used ? '.used' : '')));
  } else {
    bar.classList.add('continuous');
    const fill = el('span.fill');
    fill.style.inlineSize = Math.min(100, Math.round(100 * q.used / Math.max(1, q.quota))) + '%'; // CSSOM: allowed by the CSP
    bar.append(fill);
  }
  return el('div.gauge', { 'data-gauge': `${q.inspectedParty}-${q.type}`, 'data-used': q.used, 'data-quota': q.quota, 'data-left': q.left },
    el('div.gauge-head', {}, el('span.gauge-label', {}, label),
      el('span.gauge-figure', {}, el('strong.used', {}, fmtNum(q.used)), ' / ', el('span.quota', {}, fmtNum(q.quota)))),
    bar,
    el('div.gauge-foot', {}, el('span.left', {}, t('inspections.left', { n: fmtNum(q.left) })), ' ',
      full ? badge('missing', t('inspections.quotaUsedUp')) : null));
}

/** The inspection's deadlines still due, late or missing; only the non-zero counts are shown. */
function obligationCounts(o) {
  const c = o || {};
  const shown = ['due', 'late', 'missing'].filter(s => c[s] > 0);
  if (!shown.length) return el('span.muted', {}, '—');
  return el('span.counts', {}, shown.map(s => el('span.count', { 'data-status': s },
    statusBadge('obl', s), ' ', el('span.n', {}, fmtNum(c[s])))));
}

function inspectionTable(agr, list) {
  return scrolled([t('inspections.col.inspection'), t('inspections.col.inspecting'), t('inspections.col.inspected'),
    t('field.facility'), t('messages.col.type'), t('inspections.col.phase'), t('inspections.col.notice'), t('overview.status'),
    t('inspections.col.report'), t('inspections.col.obligations')],
  list.map(i => el('tr', { 'data-inspection': i.id, 'data-open': i.open ? 'yes' : 'no' },
    el('td.nowrap', {}, inspectionLink(i.id)), el('td', {}, i.inspectingParty), el('td', {}, i.inspectedParty),
    el('td.nowrap', {}, i.facility || '—'), el('td.type.nowrap', {}, typeLabel(i.type)), el('td.phase', {}, phaseName(i.phase)),
    el('td.time', {}, fmtDateTime(i.noticeAt)),
    el('td.open', {}, i.open ? badge('pending', t('inspections.open')) : badge('ok', t('inspections.complete'))),
    el('td.report', {}, yesNo(i.jointReportSigned, ['ok', 'pending'])),
    el('td.obligations', { 'data-due': i.obligations?.due ?? 0, 'data-late': i.obligations?.late ?? 0,
      'data-missing': i.obligations?.missing ?? 0 }, obligationCounts(i.obligations)))), 'inspections-table', t('inspections.none'));
}

// ---------- One inspection ----------
async function inspection(view, ctx) {
  const id = ctx.args[0] || '';
  const [agr, d] = await Promise.all([agreement(), get('/api/v1/inspections/' + encodeURIComponent(id))]);
  if (ctx.stale()) return;
  const i = d.inspection;
  view.append(header(t('inspection.title', { id: i.id }), el('a.button.secondary', { href: '#/inspections' }, t('inspection.back'))));
  view.append(el('div.cards', {}, summaryCard(agr, i), signaturesCard(agr, i, d.signatures || {})));
  view.append(section('timeline', t('inspection.timeline'), timeline(agr, d.timeline || [])));
  view.append(section('deadlines', t('inspection.deadlines'), scrolled(
    [t('obligations.what'), t('common.party'), t('obligations.due'), t('overview.status'), t('messages.col.entry')],
    (d.obligations || []).map(o => el('tr', { 'data-type': o.type || o.what, 'data-status': o.status },
      el('td', {}, typeName(agr, o.type || o.what)), el('td', {}, o.party), el('td.time', {}, fmtDateTime(o.due)),
      el('td', {}, statusBadge('obl', o.status)), el('td', {}, entryLink(o.metBy || o.entry)))), 'deadlines-table', t('inspection.noDeadlines'))));
  view.append(el('div.cards', {}, selectionCard(d.selection), findingsCard(d.findings)));
  view.append(section('ambiguities', t('inspection.ambiguities'), ambiguityList(d.ambiguities || [])));
}

export function fieldList(pairs) {
  return el('dl.fields', {}, pairs.filter(([, v]) => v !== undefined).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '—')]).flat());
}

function summaryCard(agr, i) {
  return el('article.card', { id: 'inspection-summary' }, el('h2', {}, t('inspection.summary'), ' ',
    i.open ? badge('pending', t('inspections.open')) : badge('ok', t('inspections.complete'))), fieldList([
    [t('inspections.col.inspecting'), partyName(agr, i.inspectingParty)],
    [t('inspections.col.inspected'), partyName(agr, i.inspectedParty)],
    [t('field.pointOfEntry'), i.pointOfEntry],
    [t('field.facility'), i.facility],
    [t('messages.col.type'), typeLabel(i.type)],
    [t('inspections.col.phase'), el('span', { id: 'inspection-phase' }, phaseName(i.phase))],
    [t('inspections.col.notice'), fmtDateTime(i.noticeAt)],
    [t('field.arrivalTime'), fmtDateTime(i.arrivalTime)],
    [t('inspection.designatedAt'), fmtDateTime(i.designatedAt)],
    [t('inspection.restrictionsAt'), fmtDateTime(i.restrictionsAt)],
    [t('inspection.completedAt'), fmtDateTime(i.completedAt)],
    [t('field.missile'), i.missile ? el('code', {}, i.missile) : '—'],
    [t('field.bombers'), ids(i.bombers)]]));
}

/** The joint report: each Party's signature (digest, time, entry); both must sign the same digest. */
function signaturesCard(agr, i, sigs) {
  const parties = [i.inspectingParty, i.inspectedParty];
  const digests = parties.map(p => sigs[p]?.digest).filter(Boolean);
  const both = digests.length === 2;
  const agree = both && digests[0] === digests[1];
  const verdict = !both ? badge('pending', t('inspection.reportPending'))
    : agree ? badge('ok', t('inspection.reportSignedByBoth')) : badge('missing', t('inspection.reportDiffers'));
  return el('article.card', { id: 'signatures' }, el('h2', {}, t('inspection.report'), ' ', verdict),
    el('ul.signatures', {}, parties.map(p => {
      const s = sigs[p];
      return el('li', { 'data-party': p, 'data-signed': s ? 'yes' : 'no' }, el('strong', {}, partyName(agr, p)), ' ',
        s ? [badge('ok', t('inspection.signed')), ' ', fmtDateTime(s.at), ' ', entryLink(s.entry), el('div', {}, el('code.hash', {}, s.digest))]
          : badge('pending', t('inspection.notSigned')));
    })));
}

/** Each step as logged: its time, who sent it, what it says, and the entry (whose page verifies the proof). */
function timeline(agr, steps) {
  if (!steps.length) return el('p.muted', {}, t('inspection.noSteps'));
  return el('ol.timeline', { id: 'timeline-list' }, steps.map(s => el('li.step', { 'data-type': s.type,
    'data-entry': s.entry ? `${s.entry.party}/${s.entry.index}` : '' },
  el('div.step-head', {}, el('span.step-time', {}, fmtDateTime(s.at)), ' ', el('span.step-party', {}, s.entry?.party || ''), ' ',
    el('strong.step-type', {}, typeName(agr, s.type)), ' ', entryLink(s.entry)),
  stepFields(s.message || {}))));
}

function stepFields(m) {
  const fields = Object.entries(m).filter(([k, v]) => !['type', 'party', 'inspection'].includes(k) && worthShowing(v));
  if (!fields.length) return null;
  return el('dl.fields.step-fields', {}, fields.map(([k, v]) => [el('dt', {}, tOr('field.' + k, k)), el('dd', {}, fieldValue(k, v))]).flat());
}

/** The verifiable selection and the command anyone can run to recompute it. */
function selectionCard(sel) {
  const card = el('article.card', { id: 'selection' }, el('h2', {}, t('inspection.selection')));
  if (!sel) { card.append(el('p.muted', {}, t('inspection.noSelection'))); return card; }
  card.append(el('p.muted.small', {}, t('inspection.selectionExplain')), fieldList([
    [t('field.commitment'), sel.commitment ? el('code.hash', {}, sel.commitment) : '—'],
    [t('inspection.answer'), sel.answer ? el('code.hash', {}, sel.answer) : badge('pending', t('inspection.awaited'))],
    [t('inspection.revealed'), yesNo(sel.revealed, ['ok', 'pending'])],
    [t('inspection.selectedFacility'), sel.facility || '—'],
    [t('field.missile'), sel.missile ? el('code', { id: 'selected-missile' }, sel.missile) : '—'],
    [t('field.bombers'), ids(sel.bombers)]]));
  const cps = sel.checkpoints || [];
  if (cps.length) {
    card.append(el('h3', {}, t('field.checkpoints')), el('div.scroll', {}, table([t('common.party'), t('log.origin'),
      t('message.treeSize'), t('log.root')], cps.map(c => el('tr', {}, el('td', {}, c.party || '—'), el('td', {}, el('code.hash', {}, c.origin)),
      el('td.num', {}, fmtNum(c.size)), el('td', {}, el('code.hash', {}, c.hash || c.rootHash)))), { id: 'checkpoints-table' })));
  }
  if (sel.recompute) {
    card.append(el('h3', {}, t('inspection.recompute')), el('pre.code', { id: 'recompute' }, sel.recompute));
  }
  return card;
}

/** What the inspectors saw against what the inspected Party declared. */
function findingsCard(f) {
  const card = el('article.card', { id: 'findings' }, el('h2', {}, t('inspection.findings')));
  if (!f) { card.append(el('p.muted', {}, t('inspection.noFindings'))); return card; }
  const rvMatch = f.reentryVehicles == null || f.declaredReentryVehicles == null || f.reentryVehicles === f.declaredReentryVehicles;
  const rows = [el('tr', { id: 'findings-rv', 'data-match': rvMatch ? 'yes' : 'no' }, el('th', { scope: 'row' }, t('field.reentryVehicles')),
    el('td.num', {}, fmtNum(f.reentryVehicles)), el('td.num', {}, fmtNum(f.declaredReentryVehicles)),
    el('td', {}, rvMatch ? badge('ok', t('inspection.matches')) : badge('missing', t('inspection.differs'))))];
  for (const [bomber, n] of Object.entries(f.bomberArmaments || {})) {
    rows.push(el('tr', { 'data-bomber': bomber }, el('th', { scope: 'row' }, t('inspection.armamentsOn', { bomber })),
      el('td.num', {}, fmtNum(n)), el('td.num', {}, '—'), el('td', {}, '')));
  }
  card.append(table([t('inspection.what'), t('inspection.seen'), t('inspection.declared'), ''], rows, { id: 'findings-table' }),
    el('h3', {}, t('field.uniqueIdentifiers')), el('p', {}, ids(f.uniqueIdentifiers)));
  return card;
}

export function raisedBy(a) {
  return a.raisedBy === 'auto' ? badge('late', t('ambiguity.auto')) : badge('pending', t('ambiguity.raisedBy', { party: a.raisedBy }));
}

function ambiguityList(list) {
  if (!list.length) return el('p.muted', { id: 'ambiguity-list' }, t('inspection.noAmbiguities'));
  return el('ul.ambiguities', { id: 'ambiguity-list' }, list.map(a => el('li.card', { 'data-raised-by': a.raisedBy },
    el('div', {}, raisedBy(a), ' ', el('span.muted', {}, fmtDateTime(a.at))),
    el('p', { dir: 'auto' }, a.text),
    el('div.small', {}, t('ambiguity.concerning'), ' ', refs(a.concerning)),
    a.agendaItem ? el('div.small', {}, t('ambiguity.agendaItem'), ' ',
      el('a', { href: '#/commission', 'data-item': a.agendaItem }, el('code', {}, a.agendaItem))) : null)));
}

/**
 * The latest checkpoint of this node's log and of each peer's log it mirrors, one per line as the
 * checkpoints field takes them (PARTY ORIGIN SIZE ROOT-HASH): what a selection commitment fixes.
 */
async function latestCheckpoints() {
  const log = await get('/api/v1/log');
  const out = [checkpointLine(log.party, log.checkpoint)];
  for (const p of log.peers.filter(x => x.mirroredSize > 0)) {
    const m = await get(`/api/v1/messages/${encodeURIComponent(p.party)}/${p.mirroredSize - 1}`);
    out.push(checkpointLine(p.party, m.proof.checkpoint));
  }
  return out.join('\n');
}

/** A signed checkpoint's first three lines: origin, size, root hash (C2SP tlog-checkpoint). */
function checkpointLine(party, checkpoint) {
  const [origin, size, root] = checkpoint.split('\n');
  return `${party} ${origin} ${size} ${root}`;
}

/** A button filling the checkpoints field with both logs' latest checkpoints, as this node has them. */
function fillCheckpoints(input, err) {
  return el('button.secondary.fill', { type: 'button', id: 'fill-checkpoints', onclick: async () => {
    err.replaceChildren();
    try { input.value = await latestCheckpoints(); } catch (e) { err.replaceChildren(errorBox(e)); }
  } }, t('compose.fillCheckpoints'));
}

const inspects = agr => agr.inspections != null;
register({ id: 'inspections', nav: 'nav.inspections', order: 60, render: inspections,
  applies: inspects });
register({ id: 'inspection', parent: 'inspections', render: inspection });
registerFieldTool('inspection-selection-commit', 'checkpoints', fillCheckpoints);
