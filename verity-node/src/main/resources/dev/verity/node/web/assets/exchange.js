// The Exchanges page: mediated prisoner exchanges (docs/formats/exchange.md) as this node folds
// them from every participant's entries. Lists by category with counts and match results, the
// neutral intermediary's consent findings, each stage's counts in three columns (handed,
// received, attested) with the discrepancies marked, the mediators' cumulative tallies checked
// by total(n) = total(n-1) + count(n), and bodies declared against received. There is no name
// anywhere: the log holds commitments only, and so does every node, the mediator's included.
import { t, tOr, fmtNum, fmtDate, currentLang } from './i18n.js';
import { get } from './api.js';
import { el, badge, table, errorBox } from './dom.js';
import { register } from './registry.js';
import { lineChart } from './chart.js';

const agreement = () => get('/api/v1/agreement', true);
const partyName = (agr, id) => tOr('party.' + id, agr.parties.find(p => p.id === id)?.name || id);
const category = c => c === 'total' ? t('exchange.total') : tOr('exchange.category.' + c, c);
const listName = (agr, l) => t('exchange.listName', { party: partyName(agr, l.party),
  kind: t('exchange.kind.' + l.kind), category: category(l.category) });
const short = h => h.length > 12 ? h.slice(0, 12) + '…' : h;
const hasExchanges = agr => (agr.messages || []).some(m => m.regime === 'exchange');
const names = (agr, ids) => ids.map(p => partyName(agr, p)).join(' · ');
const direction = (agr, from, to) =>
  t('exchange.direction', { from: partyName(agr, from), to: partyName(agr, to) });
const percent = share => new Intl.NumberFormat(currentLang(),
  { style: 'percent', maximumFractionDigits: 0 }).format(share);
const marked = (flag, n) => flag ? el('mark', {}, fmtNum(n)) : fmtNum(n);

async function exchanges(view, ctx) {
  const agr = await agreement();
  if (ctx.stale()) return;
  view.append(el('div.page-head', {}, el('h1', {}, t('exchange.title'))));
  if (!hasExchanges(agr)) {
    view.append(el('p.muted', { id: 'exchange-none' }, t('exchange.notThisAgreement')));
    return;
  }
  view.append(el('p.muted', {}, t('exchange.explain')));
  const data = await get('/api/v1/exchanges');
  const stages = {};
  for (const x of data.exchanges) {
    const path = '/api/v1/exchanges/' + encodeURIComponent(x.exchange) + '/stages';
    stages[x.exchange] = (await get(path)).stages;
  }
  if (ctx.stale()) return;
  if (!data.exchanges.length) {
    view.append(el('p.muted', { id: 'exchange-empty' }, t('exchange.noneArranged')));
  }
  data.exchanges.forEach(x => view.append(exchangeSection(agr, x, stages[x.exchange])));
  view.append(tallySection(agr, data.tallies || []));
  if (data.bodies) view.append(bodiesSection(agr, data.bodies));
}

function exchangeSection(agr, x, stages) {
  const a = x.arrangement;
  const stageDays = a.stages.map(s =>
    t('exchange.stageOn', { n: fmtNum(s.number), date: fmtDate(s.date) })).join(' · ');
  const ratio = a.ratio && Object.entries(a.ratio)
    .map(([p, n]) => partyName(agr, p) + ' ' + fmtNum(n)).join(' : ');
  return el('section.exchange', { 'data-exchange': x.exchange },
    el('h2', {}, t('exchange.exchange', { id: x.exchange })),
    el('dl.fields', {},
      el('dt', {}, t('exchange.parties')), el('dd', {}, names(agr, a.parties)),
      el('dt', {}, t('exchange.mediators')), el('dd', {}, names(agr, a.mediators)),
      el('dt', {}, t('exchange.intermediary')), el('dd', {}, partyName(agr, a.intermediary)),
      el('dt', {}, t('exchange.stages')), el('dd', {}, stageDays),
      ratio ? el('dt', {}, t('exchange.ratio')) : null, ratio ? el('dd', {}, ratio) : null),
    listsTable(agr, x), matchesTable(agr, x), consentTable(agr, x),
    ...(stages || []).map(s => stageBlock(agr, x, s)), pendingList(agr, x));
}

function listsTable(agr, x) {
  const rows = x.lists.map(l => el('tr',
    { 'data-list': `${l.list.party}/${l.list.kind}/${l.list.category}` },
    el('td', {}, partyName(agr, l.list.party)), el('td', {}, t('exchange.kind.' + l.list.kind)),
    el('td', {}, category(l.list.category)), el('td.num.count', {}, fmtNum(l.count)),
    el('td', {}, el('code.hash', { title: l.root }, short(l.root))),
    el('td', {}, l.complete === false
      ? badge('missing', t('exchange.partsMissing') + ' ' + l.missingParts.join(', ')
        + ' / ' + l.parts)
      : l.blindedByOther ? badge('ok', '✓ ' + t('exchange.blinded'))
        : badge('pending', t('exchange.notBlinded')))));
  const head = [t('exchange.party'), t('exchange.kind'), t('exchange.category'),
    t('exchange.count'), t('exchange.root'), t('exchange.blindedBy')];
  return el('div', {}, el('h3', {}, t('exchange.lists')),
    el('div.scroll', {}, table(head, rows, { id: 'lists-' + x.exchange })));
}

function matchesTable(agr, x) {
  const rows = x.matches.map(m => el('tr',
    { 'data-match': `${m.requested.party}/${m.requested.category}` },
    el('th', { scope: 'row' }, category(m.requested.category)),
    el('td', {}, listName(agr, m.requested)), el('td.num', {}, fmtNum(m.requestedCount)),
    el('td', {}, listName(agr, m.held)), el('td.num', {}, fmtNum(m.heldCount)),
    el('td.num.matched', {}, fmtNum(m.matchedRequested)),
    el('td.num', {}, marked(m.onlyRequested.length > 0, m.onlyRequested.length)),
    el('td.num', {}, marked(m.onlyHeld.length > 0, m.onlyHeld.length))));
  const cross = (x.crossCategory || []).map(c => el('li.cross', {}, t('exchange.cross', {
    n: fmtNum(c.persons), requested: listName(agr, c.requested), held: listName(agr, c.held) })));
  const head = [t('exchange.category'), t('exchange.requested'), t('exchange.count'),
    t('exchange.held'), t('exchange.count'), t('exchange.matched'), t('exchange.onlyRequested'),
    t('exchange.onlyHeld')];
  return el('div', {}, el('h3', {}, t('exchange.matches')),
    el('p.muted.small', {}, t('exchange.matchExplain')),
    el('div.scroll', {}, table(head, rows, { id: 'matches-' + x.exchange })),
    cross.length ? el('ul.cross-category', {}, cross) : null);
}

function consentTable(agr, x) {
  if (!x.consent.length) return null;
  const rows = x.consent.map(c => el('tr', { 'data-list': `${c.list.party}/${c.list.category}` },
    el('td', {}, listName(agr, c.list)), el('td.num.consents', {}, fmtNum(c.consents)),
    el('td.num.refusals', {}, fmtNum(c.refusals)),
    el('td.num.open', {}, c.open ? badge('pending', fmtNum(c.open)) : badge('ok', '0'))));
  const head = [t('exchange.list'), t('exchange.consents'), t('exchange.refusals'),
    t('exchange.open')];
  const intermediary = partyName(agr, x.arrangement.intermediary);
  return el('div', {}, el('h3', {}, t('exchange.consent', { intermediary })),
    el('p.muted.small', {}, t('exchange.consentExplain')),
    el('div.scroll', {}, table(head, rows, { id: 'consent-' + x.exchange })));
}

/** The categories any report or attestation of stage {@code s} counts, and the total. */
function stageCategories(s) {
  const cats = new Set(['total']);
  const add = c => Object.keys(c?.byCategory || {}).forEach(k => cats.add(k));
  Object.values(s.reports).forEach(r => { add(r.handed); add(r.received); });
  Object.values(s.attestations).forEach(at => Object.values(at).forEach(add));
  return cats;
}

/** One stage: per direction and category, the sender's, receiver's and each mediator's figure. */
function stageBlock(agr, x, s) {
  const [a, b] = x.arrangement.parties;
  const mediators = Object.keys(s.attestations);
  const fig = (c, cat) => !c ? null : cat === 'total' ? total(x, c) : c.byCategory?.[cat] ?? null;
  const rows = [];
  for (const [from, to] of [[a, b], [b, a]]) {
    for (const cat of stageCategories(s)) {
      const d = s.discrepancies.find(d => d.from === from && d.to === to && d.category === cat);
      const cell = v => el('td.num', {}, v == null ? '—' : marked(d, v));
      rows.push(el('tr', { 'data-direction': `${from}-${to}`, 'data-category': cat,
        class: d ? 'bad-row' : null },
      el('th', { scope: 'row' }, direction(agr, from, to)), el('td', {}, category(cat)),
      cell(fig(s.reports[from]?.handed, cat)), cell(fig(s.reports[to]?.received, cat)),
      ...mediators.map(m => cell(fig(s.attestations[m][from], cat)))));
    }
  }
  const head = [t('exchange.directionHead'), t('exchange.category'), t('exchange.handed'),
    t('exchange.received'),
    ...mediators.map(m => t('exchange.attested', { mediator: partyName(agr, m) }))];
  return el('div.stage', { 'data-stage': s.stage },
    el('h3', {}, t('exchange.stage', { n: fmtNum(s.stage), date: fmtDate(s.date) })),
    el('p', { class: 'signed-by' }, t('exchange.signedBy'), ' ',
      ...s.signedBy.map(p => badge('ok', '✓ ' + partyName(agr, p)))),
    el('div.scroll', {}, table(head, rows, { id: `stage-${x.exchange}-${s.stage}` })),
    discrepancyList(agr, s));
}

/** A report's total: given, or the sum of the categories counted in totals. */
function total(x, c) {
  if (c.total != null) return c.total;
  const inTotal = x.arrangement.categories.filter(k => k.inTotal).map(k => k.id);
  return Object.entries(c.byCategory || {}).filter(([k]) => inTotal.includes(k))
    .reduce((n, [, v]) => n + v, 0);
}

function discrepancyList(agr, s) {
  if (!s.discrepancies.length) {
    return el('p.ok-text.discrepancies', { 'data-count': 0 }, t('exchange.noDiscrepancy'));
  }
  const figure = f => t('exchange.figure.' + f.role.toLowerCase(), {
    party: partyName(agr, f.participant),
    n: f.value == null ? t('exchange.noFigure') : fmtNum(f.value) });
  const item = d => el('li.discrepancy', { 'data-kind': d.kind }, t('exchange.discrepancy', {
    category: category(d.category), from: partyName(agr, d.from), to: partyName(agr, d.to),
    figures: d.figures.map(figure).join('; ') }));
  const n = s.discrepancies.length;
  return el('div.alert.warn.discrepancies', { role: 'status', 'data-count': n },
    el('strong', {}, t('exchange.discrepancies', { n: fmtNum(s.discrepancies.length) })),
    el('ul', {}, s.discrepancies.map(item)));
}

function pendingList(agr, x) {
  if (!x.pending.length) return null;
  const item = p => el('li', {}, t('exchange.owes.' + p.what.toLowerCase(), {
    party: partyName(agr, p.participant), list: listName(agr, p.list), n: fmtNum(p.count) }));
  return el('div', {}, el('h3', {}, t('exchange.pending')),
    el('ul.pending', {}, x.pending.map(item)));
}

function tallySection(agr, tallies) {
  return el('section.tallies', {}, el('h2', {}, t('exchange.tallies')),
    el('p.muted', {}, t('exchange.tallyExplain')),
    tallies.length ? tallies.map(tl => tallyBlock(agr, tl))
      : el('p.muted', {}, t('exchange.noTally')));
}

const dayOf = w => w.length === 7 ? w + '-15' : w; // a mediation known by its month only

function tallyChart(agr, tl, breaks) {
  const ms = tl.mediations;
  if (!ms.length) return null;
  const from = dayOf(ms[0].when).slice(0, 4) + '-01-01';
  const to = (+dayOf(ms[ms.length - 1].when).slice(0, 4) + 1) + '-01-01';
  const markers = ms.filter(m => breaks.has(m.number)).map(m =>
    ({ date: dayOf(m.when), label: t('exchange.breakAt', { n: fmtNum(m.number) }), cls: 'bad' }));
  return el('div.chart-box', {}, lineChart({
    title: t('exchange.cumulative', { mediator: partyName(agr, tl.mediator) }), from, to,
    series: [{ label: tl.mediator, colour: '#1f6feb',
      points: ms.map(m => [dayOf(m.when), m.cumulative]) }],
    fmtNum, markers,
    fmtYear: y => new Intl.NumberFormat(currentLang(), { useGrouping: false }).format(y) }));
}

function tallyBlock(agr, tl) {
  const ms = tl.mediations;
  const breaks = new Set(tl.findings.filter(f => 'expected' in f).map(f => f.number));
  const rows = ms.map((m, i) => {
    const prev = i ? ms[i - 1] : null;
    const follows = prev && prev.number === m.number - 1;
    const expected = follows ? prev.cumulative + m.exchanged : null;
    const broken = breaks.has(m.number);
    return el('tr', { 'data-number': m.number, class: broken ? 'bad-row' : null },
      el('td.num', {}, fmtNum(m.number)),
      el('td.nowrap', {}, m.when.length === 10 ? fmtDate(m.when) : m.when),
      el('td.num', {}, fmtNum(m.exchanged)),
      el('td.num.cumulative', {}, marked(broken, m.cumulative)),
      el('td.num', {}, expected == null ? '—' : fmtNum(expected)),
      el('td', {}, badge(m.status === 'confirmed' ? 'ok' : 'pending',
        t('exchange.status.' + m.status))));
  });
  const head = [t('exchange.mediation'), t('exchange.when'), t('exchange.exchanged'),
    t('exchange.cumulativeHead'), t('exchange.expected'), t('exchange.statusHead')];
  return el('div.tally', { 'data-mediator': tl.mediator },
    el('h3', {}, t('exchange.cumulative', { mediator: partyName(agr, tl.mediator) })),
    tallyChart(agr, tl, breaks),
    el('div.scroll', {}, table(head, rows, { id: 'tally-' + tl.mediator })),
    findingList(agr, tl));
}

function findingList(agr, tl) {
  if (!tl.findings.length) {
    return el('p.ok-text.findings', { 'data-count': 0 }, t('exchange.tallyAddsUp'));
  }
  const mediator = partyName(agr, tl.mediator);
  const item = f => 'expected' in f
    ? el('li.finding.break', {}, el('mark', {}, t('exchange.break', { mediator,
      n: fmtNum(f.number), previous: fmtNum(f.previous), exchanged: fmtNum(f.exchanged),
      expected: fmtNum(f.expected), published: fmtNum(f.published) })),
    f.suspect ? ' ' + t('exchange.suspect') : '')
    : el('li.finding.gap', {}, t('exchange.gap', { mediator, n: fmtNum(f.number - 1),
      after: fmtNum(f.after), implied: fmtNum(f.implied) }));
  return el('ul.findings', { 'data-count': tl.findings.length }, tl.findings.map(item));
}

function bodiesSection(agr, b) {
  const rows = b.transfers.map(tr => el('tr', { 'data-transfer': tr.transfer,
    class: tr.declared !== tr.received ? 'bad-row' : null },
  el('td', {}, el('code', {}, tr.transfer)), el('td', {}, direction(agr, tr.from, tr.to)),
  el('td.num.declared', {}, fmtNum(tr.declared)), el('td.num.received', {}, fmtNum(tr.received)),
  el('td.num', {}, marked(tr.declared !== tr.received, tr.declared - tr.received))));
  const ids = Object.entries(b.identification).flatMap(([p, list]) => list.map(x =>
    el('tr', { 'data-party': p },
      el('td', {}, partyName(agr, p)), el('td.nowrap', {}, fmtDate(x.asOf)),
      el('td.num', {}, fmtNum(x.identified)), el('td.num', {}, fmtNum(x.received)),
      el('td', {}, el('progress.gauge', { max: Math.max(1, x.received), value: x.identified }),
        ' ', percent(x.received ? x.identified / x.received : 0)),
      el('td.num', {}, fmtNum(x.otherSide)))));
  const transfersHead = [t('exchange.transfer'), t('exchange.directionHead'),
    t('exchange.declared'), t('exchange.receivedBodies'), t('exchange.difference')];
  const idsHead = [t('exchange.party'), t('exchange.asOf'), t('exchange.identified'),
    t('exchange.receivedBodies'), t('exchange.share'), t('exchange.otherSide')];
  return el('section.bodies', {}, el('h2', {}, t('exchange.bodies')),
    rows.length ? el('div.scroll', {}, table(transfersHead, rows, { id: 'bodies-transfers' }))
      : el('p.muted', {}, t('exchange.noBodies')),
    ids.length ? el('h3', {}, t('exchange.identification')) : null,
    ids.length ? el('div.scroll', {}, table(idsHead, ids, { id: 'bodies-identification' })) : null);
}

register({ id: 'exchanges', nav: 'nav.exchanges', order: 97, applies: hasExchanges,
  render: async (view, ctx) => {
    try { await exchanges(view, ctx); } catch (e) { view.append(errorBox(e)); }
  } });
