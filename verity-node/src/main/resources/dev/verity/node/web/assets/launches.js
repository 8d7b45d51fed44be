// The Launches page (issue 13): the planned and past launches notified under the 1988 Ballistic
// Missile Launch Notification Agreement, on an offline map (map.js: d3-geo over Natural Earth,
// nothing fetched from elsewhere) with their launch and impact areas, and listed with their
// 24-hour verdict (the node's typed obligations of the protocol launch-notification) and their
// receipt (the peer's cosignature). A launch is planned until its window has closed by the node's
// clock (an exercise node's clock included), past after. A named area (a site, a sea) is placed
// from launch-places.json, approximately, and marked so; an ocean quadrant is listed in words.
import { t, tOr, fmtDateTime, fmtNum } from './i18n.js';
import { get } from './api.js';
import { el, badge, table } from './dom.js';
import { entryLink } from './entries.js';
import { register } from './registry.js';
import { header, partyName, statusBadge } from './pages.js';
import { drawMap } from './map.js';

const TYPE = 'launch-notification';
const PROTOCOL = 'launch-notification';
const HOUR = 3600 * 1000;
let places;
const gazetteer = () => places ??= fetch('/assets/launch-places.json').then(r => r.json());
const placeName = name => tOr('launches.place.' + name, name);

/** One notification as the page uses it: its fields, times, verdict and receipt. */
function launchOf(m, owed, now) {
  const f = m.entry?.body || {};
  const start = Date.parse(f.plannedLaunch);
  const end = start + (f.launchWindowHours || 0) * HOUR;
  return { party: m.party, index: m.index, fields: f, start, end, planned: end > now,
    sent: m.entry?.createdAt, receivedAt: m.receivedAt, status: m.status, standing: m.standing,
    verdict: owed.get(m.party + '#' + m.index) };
}

/** The map shape of a launch area, or null when it is words only (an ocean quadrant). */
function launchGeo(area, known) {
  if (!area) return null;
  if (area.polygon || area.circle) return { geo: area };
  if (area.site && known.sites[area.site]) {
    return { geo: known.sites[area.site], approx: true, name: placeName(area.site) };
  }
  if (area.sea && known.seas[area.sea]) {
    return { geo: known.seas[area.sea], approx: true, name: placeName(area.sea), sea: true };
  }
  return null;
}

/** The launch area in words: a site, a sea, an ocean's quadrant, a polygon, a circle. */
function areaWords(area) {
  if (!area) return '—';
  if (area.site) return placeName(area.site);
  if (area.sea) return placeName(area.sea);
  if (area.ocean) {
    return t('launches.quadrant',
      { ocean: placeName(area.ocean), quadrant: t('launches.q.' + area.quadrant) });
  }
  if (area.polygon) return t('launches.polygon', { n: fmtNum(area.polygon.length) });
  if (area.circle) return circleWords(area.circle);
  return '—';
}

const circleWords = c => t('launches.circle', { radius: fmtNum(c.radius),
  unit: t('launches.unit.' + c.unit), lat: fmtNum(c.center.lat), lon: fmtNum(c.center.lon) });
const impactWords = a => a.circle ? circleWords(a.circle)
  : t('launches.polygon', { n: fmtNum(a.polygon?.length || 0) });

/** Four layers: planned launch and impact areas in colour, past ones in grey. */
function layers(launches, known) {
  const layer = (cls, name) => ({ name: t(name), cls, features: [] });
  const out = {
    launchPlanned: layer('launch', 'launches.layer.launch'),
    impactPlanned: layer('impact', 'launches.layer.impact'),
    launchPast: layer('launch past', 'launches.layer.launchPast'),
    impactPast: layer('impact past', 'launches.layer.impactPast'),
  };
  for (const l of launches) {
    // the Party's id first in reading order, isolated (FSI ... PDI) so that it keeps its place in
    // a right-to-left label
    const label = '\u2068' + l.party + '\u2069 ' + t('launches.class.' + l.fields.missileClass);
    const when = fmtDateTime(new Date(l.start).toISOString());
    const g = launchGeo(l.fields.launchArea, known);
    if (g) {
      const approx = g.approx ? ' — ' + t('launches.approx', { place: g.name }) : '';
      (l.planned ? out.launchPlanned : out.launchPast).features.push({ geo: g.geo,
        label: g.name ? g.name : label, tooltip: `${label} — ${when}${approx}`,
        cls: g.sea ? 'sea-name' : null, labelOnly: !!g.sea });
    }
    const impacts = l.planned ? out.impactPlanned : out.impactPast;
    (l.fields.impactAreas || []).forEach((a, i) => impacts.features.push({ geo: a,
      label: i === 0 ? label : null,
      tooltip: `${label} — ${t('launches.impactArea')} ${i + 1} — ${when}` }));
  }
  // a past impact area near a planned one (a range used again) keeps its tooltip, not its label
  const planned = out.impactPlanned.features.map(f => centre(f.geo)).filter(Boolean);
  out.impactPast.features.filter(f => planned.some(p => near(p, centre(f.geo))))
    .forEach(f => { f.label = null; });
  return Object.values(out).filter(x => x.features.length);
}

/** A circle's centre or a polygon's first point: where an impact area is, roughly. */
const centre = geo => geo?.circle?.center || geo?.polygon?.[0] || null;

/** Within about 500 km (a haversine on the mean Earth radius). */
function near(a, b) {
  if (!a || !b) return false;
  const rad = x => x * Math.PI / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2
    + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h)) < 500;
}

function row(agr, l) {
  const f = l.fields;
  return el('tr', { 'data-party': l.party, 'data-index': l.index,
    'data-planned': l.planned ? 'yes' : 'no', 'data-verdict': l.verdict?.status || '' },
  el('td', {}, entryLink({ party: l.party, index: l.index })),
  el('td', {}, partyName(agr, l.party)),
  el('td', {}, t('launches.class.' + f.missileClass)),
  el('td', {}, fmtDateTime(f.plannedLaunch), ' ',
    el('span.muted', {}, t('launches.window', { h: fmtNum(f.launchWindowHours) }))),
  el('td', { dir: 'auto' }, areaWords(f.launchArea)),
  el('td', {}, (f.impactAreas || []).map(impactWords).join('; ')),
  el('td', {}, l.sent ? fmtDateTime(l.sent) : '—'),
  el('td.receipt', {},
    l.receivedAt ? fmtDateTime(l.receivedAt) : badge('pending', t('launches.noReceipt'))),
  el('td.verdict', {}, l.verdict ? statusBadge('obl', l.verdict.status) : '—',
    l.standing ? [' ', badge(l.standing, tOr('obl.' + l.standing, l.standing))] : null));
}

async function launches(view, ctx) {
  const agr = ctx.agreement;
  view.append(header(t('launches.title')), el('p.muted', {}, t('launches.explain')));
  const [messages, obligations, known] = await Promise.all([
    get('/api/v1/messages?type=' + TYPE + '&limit=500'), get('/api/v1/obligations'), gazetteer()]);
  if (ctx.stale()) return;
  const now = Date.parse(obligations.asOf);
  const owed = new Map(obligations.obligations.filter(o => o.regime === PROTOCOL)
    .map(o => [o.subject, o]));
  const all = messages.messages.filter(m => m.entry).map(m => launchOf(m, owed, now))
    .sort((a, b) => b.start - a.start);
  const mapBox = el('div.launch-map', { id: 'launch-map' });
  view.append(mapBox);
  if (!all.length) view.append(el('p.muted', { id: 'no-launches' }, t('launches.none')));
  const columns = ['entry', 'party', 'missile', 'plannedLaunch', 'launchArea', 'impactAreas',
    'sent', 'receipt', 'verdict'].map(c => t('launches.' + c));
  for (const [list, rows] of [['planned', all.filter(l => l.planned)],
    ['past', all.filter(l => !l.planned)]]) {
    if (!rows.length) continue;
    view.append(el('h2', {}, t('launches.' + list)),
      table(columns, rows.map(l => row(agr, l)), { 'data-list': list }));
  }
  const width = mapBox.clientWidth || 800;
  const result = await drawMap(mapBox, layers(all, known), { title: t('launches.mapTitle'),
    attribution: t('launches.attribution'), minRadiusKm: 800, padding: 64, width,
    height: Math.round(width * 0.5) });
  if (ctx.stale()) return;
  mapBox.dataset.skipped = String(result.skipped.length);
  mapBox.dataset.drawn = 'yes';
}

register({ id: 'launches', nav: 'nav.launches', order: 75, render: launches,
  applies: agr => agr.messages.some(m => m.id === TYPE) });
