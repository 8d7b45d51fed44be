// The incident map (issue 14; us-ru-military-line.yaml, protocol incident): every incident the
// line's board lists (GET /api/v1/hotline) drawn where it happened, at its point or over its
// area (map.js: offline d3-geo over Natural Earth), marked with its category. Selecting one (on
// the map or in the list) shows its report and every Party's statements of position side by
// side, each with who signed it: the Party whose log holds the entry, the officer signed in at
// its node, the time, and the other side's receipt. Contradicting accounts stay beside one
// another; neither replaces the other (the MQ-9 over the Black Sea, 14 March 2023, is the
// pattern). The selection is in the address (#/incidents/<id>), so a link opens it.
import { t, tOr, fmtDateTime, currentLang } from './i18n.js';
import { get } from './api.js';
import { el } from './dom.js';
import { entryLink, geoText } from './entries.js';
import { register } from './registry.js';
import { header, partyName } from './pages.js';
import { drawMap } from './map.js';

const REPORT = 'incident-report';
const when = x => x ? fmtDateTime(x) : '—';
// a name, unit or time isolated (FSI ... PDI), so that a Latin name beside an Arabic comma and
// a date keeps its place in a right-to-left line
const iso = x => '\u2068' + x + '\u2069';
const list = xs => new Intl.ListFormat(currentLang(), { type: 'conjunction' })
  .format(xs.map(iso));
const category = c => tOr('incident.category.' + c, c);

/** The map's one layer: each incident at its point or area, labelled with its category. */
function layer(incidents) {
  return [{ name: t('incidents.layer'), cls: 'incident', features: incidents.map(i => ({
    id: i.id, geo: i.position, label: category(i.category),
    tooltip: `${i.id} — ${category(i.category)} — ${when(i.occurredAt)}` })) }];
}

/** One Party's statements, each with its signer, or a line saying it has made none. */
function side(agr, party, statements) {
  return el('div.hl-text.hl-statement', { 'data-party': party },
    el('div.hl-state-title', {}, t('hotline.position', { party: partyName(agr, party) })),
    statements.length ? statements.map(s => el('div.inc-statement', {},
      el('p', { dir: 'auto' }, s.statement),
      el('div.inc-signer', {}, t('incidents.signedBy', { party: iso(partyName(agr, s.party)),
        officer: iso(s.officer || '—'), time: iso(when(s.at)) }), ' ', entryLink(s.entry)),
      el('div.muted', {}, s.receiptedAt
        ? t('incidents.receipted', { time: when(s.receiptedAt) }) : t('incidents.noReceipt'))))
      : el('p.muted', {}, t('hotline.noStatement')));
}

/** The selected incident: its report, then every Party's statements side by side. */
function detail(agr, i) {
  if (!i) return el('p.muted', {}, t('incidents.choose'));
  const pos = geoText(i.position);
  return el('article.card', { 'data-incident': i.id },
    el('h2', {}, el('code', {}, i.id), ' ', category(i.category)),
    el('p.muted', {}, t('hotline.incidentAt',
      { time: when(i.occurredAt), party: partyName(agr, i.reportedBy) }),
    pos ? [' ', el('bdi', {}, pos)] : null, ' ', entryLink(i.entry)),
    i.unitsInvolved ? el('p', {}, t('hotline.units', { units: list(i.unitsInvolved) })) : null,
    el('p', { dir: 'auto' }, i.account),
    el('h3', {}, t('incidents.statements')),
    el('div.hl-side.inc-sides', {}, Object.entries(i.statements)
      .map(([party, sts]) => side(agr, party, sts))));
}

/** The list beside the map: one button per incident, newest first. */
function chooser(incidents, select) {
  return el('ul.inc-list', { id: 'incident-list' }, incidents.map(i => el('li', {},
    el('button.secondary', { type: 'button', 'data-incident': i.id, onclick: () => select(i.id) },
      el('code', {}, i.id), ' ', category(i.category), ' · ', when(i.occurredAt)))));
}

async function incidents(view, ctx) {
  const agr = ctx.agreement;
  view.append(header(t('incidents.title')), el('p.muted', {}, t('incidents.explain')));
  const board = await get('/api/v1/hotline');
  if (ctx.stale()) return;
  const all = board.incidents || [];
  const mapBox = el('div.incident-map', { id: 'incident-map' });
  const panel = el('section', { id: 'incident-detail', 'aria-live': 'polite' });
  let selected = null;
  const select = id => {
    selected = all.find(i => i.id === id) || null;
    panel.replaceChildren(detail(agr, selected));
    mapBox.querySelectorAll('g.map-feature[data-id]').forEach(g =>
      g.classList.toggle('selected', g.dataset.id === selected?.id));
    view.querySelectorAll('#incident-list button').forEach(b =>
      b.setAttribute('aria-pressed', String(b.dataset.incident === selected?.id)));
    if (selected) history.replaceState(null, '', '#/incidents/' + encodeURIComponent(id));
  };
  view.append(mapBox);
  if (!all.length) view.append(el('p.muted', { id: 'no-incidents' }, t('incidents.none')));
  else view.append(chooser(all, select));
  view.append(panel);
  const width = mapBox.clientWidth || 800;
  const result = await drawMap(mapBox, layer(all), { title: t('incidents.mapTitle'),
    attribution: t('incidents.attribution'), minRadiusKm: 600, padding: 48, width,
    height: Math.round(width * 0.5) });
  if (ctx.stale()) return;
  mapBox.querySelectorAll('g.map-feature[data-id]').forEach(g => {
    g.addEventListener('click', () => select(g.dataset.id));
    g.addEventListener('keydown', ev => { if (ev.key === 'Enter') select(g.dataset.id); });
  });
  mapBox.dataset.skipped = String(result.skipped.length);
  select(ctx.args[0] ? decodeURIComponent(ctx.args[0]) : null);
  mapBox.dataset.drawn = 'yes';
}

register({ id: 'incidents', nav: 'nav.incidents', order: 21, render: incidents,
  applies: agr => (agr.protocols || []).some(p => p.id === 'line')
    && agr.messages.some(m => m.id === REPORT) });
