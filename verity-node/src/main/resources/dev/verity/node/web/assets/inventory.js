// Counting (New START's central limits): the overview of each Party against the limits with the
// history charts, and the inventory by facility and unique identifier.
import { t, tOr, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, table, pagedTable, todayUtc } from './dom.js';
import { lineChart } from './chart.js';
import { register } from './registry.js';
import { agreement, datePicker, header, isDate, nodeToday, partyName, statusBadge, todayLabel }
  from './pages.js';

const COLOURS = ['#1f5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d98c00'];
const limitName = l => tOr('limit.' + l, l);
/** An agreement that counts: it has limits or item kinds (not a notification-only agreement). */
const counts = agr => agr.limits.length > 0 || agr.itemKinds.length > 0;

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

register({ id: 'overview', nav: 'nav.overview', order: 10, render: overview, applies: counts });
register({ id: 'inventory', nav: 'nav.inventory', order: 40, render: inventory, applies: counts });
