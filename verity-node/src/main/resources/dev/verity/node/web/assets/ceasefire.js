// The Ceasefire register page (docs/formats/ceasefire.md; docs/user/dashboard.md, "Ceasefire
// register"): each commitment with its countersignatures; each report date's totals per filer
// (chart and table) with the latest daily report and its previous-period rule; both sides' counts
// of one day side by side with the differences named; the register itself, filterable and paged,
// each claim beside the answers to it and the monitor's finding, and the claims of the page on an
// offline map (map.js: Natural Earth, d3-geo) with the monitor's findings ringed; the monitor's
// restrictions.
import { t, tOr, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, badge, table } from './dom.js';
import { register } from './registry.js';
import { drawMap } from './map.js';

const STATUS_BADGE = { 'in-force': 'ok', countersigned: 'pending', proposed: 'late', expired: 'missing' };
const STANDING_BADGE = { counted: 'ok', 'before-start': 'late', 'after-end': 'late', 'out-of-scope': 'late', released: 'missing' };
const FINDING_BADGE = { corroborated: 'ok', 'followed-up': 'pending', 'not-corroborated': 'missing' };
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df'];
const PAGE = 50;
const party = p => el('bdi.party', { 'data-party': p }, tOr('party.' + p, p));
const short = h => (h && h.length > 12 ? h.slice(0, 12) + '…' : h || '—');
const cat = c => tOr('ceasefire.cat.' + c, c);
const region = (voc, id) => tOr('ceasefire.region.' + id, voc.regions.find(r => r.id === id)?.name || id);

async function ceasefire(view, ctx) {
  const o = await get('/api/v1/ceasefire');
  if (ctx.stale()) return;
  view.append(el('div.page-head', {}, el('h1', {}, t('ceasefire.title'))),
    el('p.muted', {}, t('ceasefire.explain', { n: fmtNum(o.claims) })));
  view.append(el('section', { id: 'ceasefire-commitments' }, el('h2', {}, t('ceasefire.commitments')),
    o.commitments.length ? el('div.cards', {}, o.commitments.map(c => commitmentCard(o, c)))
      : el('p.muted', {}, t('ceasefire.noCommitment'))));
  const current = o.commitments[o.commitments.length - 1];
  if (current?.reportDates) {
    const id = current.commitment.terms.commitment;
    const { last, lastClosed } = current.reportDates;
    const [tallies, report] = await Promise.all([
      get(`/api/v1/ceasefire/tallies?commitment=${encodeURIComponent(id)}&to=${last}`),
      lastClosed ? get(`/api/v1/ceasefire/reports/${encodeURIComponent(id)}/${lastClosed}`).catch(() => null) : null]);
    if (ctx.stale()) return;
    const sbs = await sideBySide(id, tallies.dates, lastClosed || last, ctx);
    if (ctx.stale()) return;
    view.append(talliesSection(o, tallies), reportSection(o, report), sbs);
  }
  const reg = await registerSection(o, ctx);
  if (ctx.stale()) return;
  view.append(reg);
  view.append(restrictionsSection(o));
}

function commitmentCard(o, c) {
  const x = c.commitment;
  const signers = o.participants.filter(p => p.role !== 'observer').map(p => p.id);
  return el('article.card.commitment', { 'data-commitment': x.terms.commitment, 'data-status': c.status },
    el('h3', {}, el('code', {}, x.terms.commitment), ' ', badge(STATUS_BADGE[c.status] || 'pending', tOr('ceasefire.status.' + c.status, c.status))),
    el('p', { dir: 'auto' }, x.terms.scope),
    el('dl.fields', {},
      el('dt', {}, t('ceasefire.effectiveFrom')), el('dd', {}, fmtDateTime(x.terms.effectiveFrom)),
      el('dt', {}, t('ceasefire.expiresAt')), el('dd', {}, x.terms.expiresAt ? fmtDateTime(x.terms.expiresAt) : t('ceasefire.indefinite')),
      el('dt', {}, t('ceasefire.inForceFrom')), el('dd', {}, x.inForceFrom ? fmtDateTime(x.inForceFrom) : '—'),
      el('dt', {}, t('ceasefire.termsHash')), el('dd', {}, el('code.hash', { title: x.termsHash, dir: 'ltr' }, short(x.termsHash))),
      el('dt', {}, t('ceasefire.protectedObjects')), el('dd', {}, (x.terms.protectedObjects || []).map(p => tOr('ceasefire.po.' + p, p)).join(', ') || '—'),
      el('dt', {}, t('ceasefire.regions')), el('dd', {}, (x.terms.regions || []).map(r => region(o.vocabulary, r)).join(', ') || t('ceasefire.allRegions'))),
    el('div.scroll', {}, table([t('ceasefire.participant'), t('ceasefire.countersigned')], signers.map(p => el('tr', { 'data-party': p },
      el('td', {}, party(p)),
      el('td', {}, p === x.proposer ? [badge('ok', t('ceasefire.proposed')), ' ', fmtDateTime(x.proposedAt)]
        : x.countersignatures[p] ? [badge('ok', '✓'), ' ', fmtDateTime(x.countersignatures[p])]
          : badge('pending', t('ceasefire.awaiting'))))), { class: 'data countersignatures' })));
}

function talliesSection(o, tallies) {
  const dates = tallies.dates;
  const filers = o.filers;
  const body = el('section', { id: 'ceasefire-tallies' }, el('h2', {}, t('ceasefire.tallies')));
  if (!dates.length) {
    body.append(el('p.muted', {}, t('ceasefire.noReports')));
    return body;
  }
  body.append(el('div.charts', {}, el('figure.card.chart-card', { id: 'tallies-chart' },
    el('figcaption', {}, t('ceasefire.chartTitle')), barChart(dates, filers),
    el('ul.legend', {}, filers.map((f, i) => el('li', {}, swatch(COLOURS[i % COLOURS.length]), tOr('party.' + f, f)))))));
  body.append(el('div.scroll', {}, table([t('ceasefire.date'), t('ceasefire.number'), ...filers.map(f => tOr('party.' + f, f))],
    dates.slice().reverse().map(d => el('tr', { 'data-date': d.date },
      el('td.nowrap', {}, fmtDate(d.date)), el('td.num', {}, fmtNum(d.number)),
      ...filers.map(f => el('td.num', { 'data-filer': f }, fmtNum(d.totals[f] || 0))))), { class: 'data tallies' })));
  return body;
}

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function swatch(colour) {
  const s = svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' });
  s.append(svg('rect', { width: 12, height: 12, fill: colour }));
  return s;
}

/** Each report date's total per filer, as grouped bars (plain SVG: the CSP forbids inline styles). */
function barChart(dates, filers) {
  const W = 560, H = 220, top = 12, bottom = 26, left = 40;
  const max = Math.max(1, ...dates.flatMap(d => filers.map(f => d.totals[f] || 0)));
  const groupW = (W - left) / dates.length;
  const barW = Math.max(2, Math.min(18, (groupW - 6) / filers.length));
  const y = v => top + (H - top - bottom) * (1 - v / max);
  const out = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'bar-chart', role: 'img', 'aria-label': t('ceasefire.chartTitle') });
  for (const v of [0, max / 2, max]) {
    out.append(svg('line', { x1: left, x2: W, y1: y(v), y2: y(v), stroke: '#d0d7de' }),
      svg('text', { x: left - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#57606a' }, fmtNum(Math.round(v))));
  }
  dates.forEach((d, i) => {
    const x0 = left + i * groupW + (groupW - barW * filers.length) / 2;
    filers.forEach((f, j) => {
      const v = d.totals[f] || 0;
      out.append(svg('rect', { x: x0 + j * barW, y: y(v), width: barW - 1, height: y(0) - y(v),
        fill: COLOURS[j % COLOURS.length], 'data-date': d.date, 'data-filer': f }));
    });
    out.append(svg('text', { x: left + (i + 0.5) * groupW, y: H - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#57606a' },
      d.date.slice(5)));
  });
  return out;
}

function reportSection(o, r) {
  if (!r) return null;
  const rep = r.report;
  const breaks = r.previousPeriodRule || [];
  return el('section', { id: 'ceasefire-report', 'data-date': rep.date },
    el('h2', {}, t('ceasefire.report', { n: fmtNum(rep.number), date: fmtDate(rep.date) })),
    el('p.muted', {}, fmtDateTime(rep.from), ' – ', fmtDateTime(rep.to)),
    breaks.length ? el('div.alert.error', { role: 'alert', id: 'previous-rule', 'data-breaks': breaks.length },
      t('ceasefire.ruleBroken', { n: fmtNum(breaks.length) }))
      : el('p.ok-text', { id: 'previous-rule', 'data-breaks': 0 }, t('ceasefire.ruleHolds')),
    el('div.scroll', {}, table([t('ceasefire.participant'), t('ceasefire.period'), t('ceasefire.previous'), t('ceasefire.late'), t('ceasefire.cumulative')],
      rep.sources.map(s => el('tr', { 'data-filer': s.participant },
        el('td', {}, party(s.participant)), el('td.num.period', {}, fmtNum(s.period.total)),
        el('td.num', {}, fmtNum(s.previous.total)), el('td.num', {}, fmtNum(s.late.total)),
        el('td.num.cumulative', {}, fmtNum(s.cumulative.total)))), { class: 'data report' })));
}

/** Side by side for a day chosen among the report dates (default the last closed one). */
async function sideBySide(id, dates, day, ctx) {
  const out = el('div', { id: 'side-by-side-day' });
  const pick = el('select', { id: 'side-by-side-date', onchange: () => load(pick.value) },
    dates.slice().reverse().map(d => el('option', { value: d.date, selected: d.date === day }, fmtDate(d.date))));
  const load = async d => {
    const s = await get(`/api/v1/ceasefire/side-by-side?commitment=${encodeURIComponent(id)}&day=${d}`);
    if (!ctx.stale()) out.replaceChildren(sideBySideSection(s));
  };
  await load(day);
  return el('section', { id: 'ceasefire-side-by-side' }, el('h2', {}, t('ceasefire.sideBySideTitle')),
    el('label', {}, t('ceasefire.date'), ' ', pick), out);
}

function sideBySideSection(s) {
  const cols = s.participants;
  const differs = new Set(s.differences.map(d => d.dimension + '/' + d.key));
  const row = (dim, r, label) => el('tr', { 'data-key': r.key, class: differs.has(dim + '/' + r.key) ? 'bad-row differs' : null },
    el('th', { scope: 'row' }, label), ...cols.map(c => el('td.num', { 'data-filer': c }, fmtNum(r.counts[c] || 0))),
    el('td', {}, differs.has(dim + '/' + r.key) ? badge('late', t('ceasefire.differs')) : ''));
  return el('div', { 'data-day': s.day },
    el('h3', {}, t('ceasefire.sideBySide', { date: fmtDate(s.day) })),
    el('div.scroll', {}, table([t('ceasefire.row'), ...cols.map(c => tOr('party.' + c, c)), ''], [
      row('total', s.total, t('ceasefire.total')),
      ...s.categories.map(r => row('category', r, cat(r.key))),
      ...s.attributions.map(r => row('attribution', r, r.key === 'unattributed' ? t('ceasefire.unattributed') : t('ceasefire.attributedTo', { who: tOr('party.' + r.key, r.key) })))],
    { class: 'data side-by-side' })),
    el('p.muted', { id: 'differences', 'data-count': s.differences.length },
      t('ceasefire.differences', { n: fmtNum(s.differences.length) })));
}

async function registerSection(o, ctx) {
  const out = el('div', { id: 'register-page' });
  const select = (id, label, options) => el('label', {}, label, ' ', el('select', { id },
    el('option', { value: '' }, t('ceasefire.any')), options.map(([v, l]) => el('option', { value: v }, l))));
  const form = el('form.tools.register-filter', { id: 'register-filter', onsubmit: ev => { ev.preventDefault(); load(0); } },
    select('filter-filer', t('ceasefire.filer'), o.filers.map(f => [f, tOr('party.' + f, f)])),
    select('filter-region', t('ceasefire.region'), o.vocabulary.regions.map(r => [r.id, region(o.vocabulary, r.id)])),
    select('filter-category', t('ceasefire.category'), o.vocabulary.categories.map(c => [c.id, cat(c.id)])),
    select('filter-standing', t('ceasefire.standing'), Object.keys(STANDING_BADGE).map(s => [s, tOr('ceasefire.standing.' + s, s)])),
    select('filter-finding', t('ceasefire.finding'), [...Object.keys(FINDING_BADGE), 'none'].map(s => [s, tOr('ceasefire.finding.' + s, s)])),
    el('button', { type: 'submit', id: 'filter-apply' }, t('ceasefire.apply')));
  const load = async offset => {
    const p = new URLSearchParams({ offset, limit: PAGE });
    for (const k of ['filer', 'region', 'category', 'standing', 'finding']) {
      const v = form.querySelector('#filter-' + k).value;
      if (v) p.set(k, v);
    }
    const page = await get('/api/v1/ceasefire/register?' + p);
    if (ctx.stale()) return;
    out.replaceChildren(registerTable(o, page, load));
    await claimsMap(mapBox, o, page, ctx);
  };
  const mapBox = el('div.map-box', { id: 'claims-map' });
  const section = el('section', { id: 'ceasefire-register' }, el('h2', {}, t('ceasefire.register')), form,
    el('h3', {}, t('ceasefire.mapHeading')), mapBox, out);
  await load(0);
  return section;
}

/** The map layer of a filer: each Party's claims in a colour of its own, the monitor's apart. */
function layerClass(o, filer) {
  const role = o.participants.find(p => p.id === filer)?.role;
  if (role === 'monitor') return 'observation';
  if (role === 'mediator') return 'claim-mediator';
  const parties = o.participants.filter(p => p.role === 'party').map(p => p.id);
  return parties.indexOf(filer) === 0 ? 'claim' : 'claim-other';
}

/** The monitor's finding on a claim, if it made one: the latest. */
function findingOf(c) {
  return c.answers.filter(r => answerKind(r.answer) === 'finding').map(r => r.answer).pop();
}

/**
 * The page's claims where they were seen (one layer per filer, words from the page's language), and
 * a ring around each claim the monitor made a finding on: the map shows the page the table shows,
 * so it stays as small as a page however large the register.
 */
async function claimsMap(box, o, page, ctx) {
  const layers = o.filers.map(f => ({ filer: f, cls: layerClass(o, f),
    name: layerClass(o, f) === 'observation' ? t('ceasefire.mapMonitor') : t('ceasefire.mapClaims', { who: tOr('party.' + f, f) }),
    features: [] }));
  const found = { cls: 'finding', name: t('ceasefire.mapFindings'), features: [] };
  const label = page.claims.length <= 12;
  for (const c of page.claims) {
    const ob = c.observation;
    const at = ob.position?.place;
    const tip = [tOr('party.' + c.filer, c.filer) + ': ' + fmtNum(ob.count.value) + ' × ' + cat(ob.category),
      region(o.vocabulary, ob.position.region), fmtDateTime(ob.period.to),
      ob.attributedTo ? t('ceasefire.attributedTo', { who: tOr('party.' + ob.attributedTo, ob.attributedTo) }) : null]
      .filter(Boolean).join(' · ');
    layers.find(l => l.filer === c.filer)?.features.push({ geo: at, label: label ? c.id : null, tooltip: tip,
      cls: c.standing === 'counted' ? null : 'past' });
    const f = findingOf(c);
    if (f && at) {
      found.features.push({ geo: { circle: { center: at, radius: 3, unit: 'km' } }, cls: 'finding-' + f.status,
        tooltip: tOr('ceasefire.finding.' + f.status, f.status) + ' · ' + c.id });
    }
  }
  const shown = [...layers.filter(l => l.features.length), ...(found.features.length ? [found] : [])];
  if (!shown.length) {
    box.replaceChildren(el('p.muted', {}, t('ceasefire.mapEmpty')));
    box.dataset.drawn = 'empty';
    return;
  }
  const width = Math.min(900, box.clientWidth || 800);
  await drawMap(box, shown, { title: t('ceasefire.mapTitle'), attribution: t('ceasefire.mapAttribution'),
    minRadiusKm: 120, padding: 40, width, height: Math.round(width * 0.55),
    // drawn before the section joins the page, whose direction the box cannot inherit yet
    dir: document.documentElement.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr' });
  if (ctx.stale()) return;
  box.dataset.drawn = 'yes';
  box.dataset.claims = String(page.claims.filter(c => c.observation.position?.place).length);
  box.dataset.findings = String(found.features.length);
}

function registerTable(o, page, load) {
  const nav = el('p.tools', {}, t('ceasefire.matched', { n: fmtNum(page.matched), from: fmtNum(page.matched ? page.offset + 1 : 0),
    to: fmtNum(page.offset + page.claims.length) }), ' ',
  page.offset > 0 ? el('button.secondary', { type: 'button', id: 'register-prev', onclick: () => load(Math.max(0, page.offset - page.limit)) }, t('ceasefire.prev')) : null,
  page.offset + page.limit < page.matched ? el('button.secondary', { type: 'button', id: 'register-next', onclick: () => load(page.offset + page.limit) }, t('ceasefire.next')) : null);
  return el('div', {}, nav, el('div.scroll', {}, table([t('ceasefire.claim'), t('ceasefire.filer'), t('ceasefire.event'),
    t('ceasefire.what'), t('ceasefire.attributed'), t('ceasefire.standing'), t('ceasefire.answers')],
  page.claims.map(c => claimRow(o, c)), { class: 'data register', 'data-matched': page.matched })));
}

function claimRow(o, c) {
  const ob = c.observation;
  const qual = ob.count.qualifier === 'exact' ? '' : tOr('ceasefire.qualifier.' + ob.count.qualifier, ob.count.qualifier) + ' ';
  return el('tr', { 'data-claim': c.id, 'data-standing': c.standing, 'data-filer': c.filer },
    el('td', {}, el('code', {}, c.id), el('div.small.muted', {}, tOr('ceasefire.kind.' + c.kind, c.kind))),
    el('td', {}, party(c.filer), el('div.small.muted', {}, fmtDateTime(c.recordedAt))),
    el('td.nowrap', {}, fmtDateTime(ob.period.to), el('div.small', {}, region(o.vocabulary, ob.position.region))),
    el('td', {}, qual + fmtNum(ob.count.value) + ' × ' + cat(ob.category), ob.weapon ? el('div.small.muted', { dir: 'auto' }, ob.weapon) : null),
    el('td', {}, ob.attributedTo ? party(ob.attributedTo) : '—'),
    el('td', {}, badge(STANDING_BADGE[c.standing] || 'pending', tOr('ceasefire.standing.' + c.standing, c.standing)),
      c.late ? [' ', badge('late', t('ceasefire.lateFiled'))] : null),
    el('td.answers', {}, c.answers.length ? el('ul.answers', {}, c.answers.map(answerItem)) : el('span.muted', {}, t('ceasefire.noAnswer'))));
}

function answerKind(a) {
  if (a.type) return a.type.replace('ceasefire-', '');
  return a.status ? 'finding' : a.ground ? 'dispute' : a.request ? 'verification-request' : 'acknowledgement';
}

function answerItem(r) {
  const a = r.answer;
  const kind = answerKind(a);
  return el('li', { 'data-answer': kind, 'data-from': r.from },
    party(r.from), ': ',
    kind === 'finding' ? badge(FINDING_BADGE[a.status] || 'pending', tOr('ceasefire.finding.' + a.status, a.status))
      : badge(kind === 'dispute' ? 'late' : 'pending', tOr('ceasefire.answer.' + kind, kind)),
    a.ground ? ' (' + tOr('ceasefire.ground.' + a.ground, a.ground) + ')' : '',
    a.attributedTo || a.attribution ? [' → ', party(a.attributedTo || a.attribution)] : null,
    a.statement || a.note || a.request ? el('div.small', { dir: 'auto' }, a.statement || a.note || a.request) : null,
    el('div.small.muted', {}, fmtDateTime(r.at)));
}

function restrictionsSection(o) {
  return el('section', { id: 'ceasefire-restrictions' }, el('h2', {}, t('ceasefire.restrictions')),
    o.restrictions.length ? el('div.scroll', {}, table([t('ceasefire.when'), t('ceasefire.kindCol'), t('ceasefire.region'), t('ceasefire.reason'), t('ceasefire.duration')],
      o.restrictions.map(x => el('tr', { 'data-restriction': x.restriction },
        el('td.nowrap', {}, fmtDateTime(x.at)), el('td', {}, tOr('ceasefire.restriction.' + x.kind, x.kind)),
        el('td', {}, region(o.vocabulary, x.position?.region)), el('td', { dir: 'auto' }, x.statedReason || '—'),
        el('td', {}, x.duration || '—'))))) : el('p.muted', {}, t('ceasefire.noRestrictions')));
}

register({ id: 'ceasefire', nav: 'nav.ceasefire', order: 82, render: ceasefire,
  applies: agr => agr.messages.some(m => m.id.startsWith('ceasefire-')) });
