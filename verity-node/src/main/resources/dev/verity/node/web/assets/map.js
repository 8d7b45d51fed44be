// An offline map for the dashboard: points, polygons and geodesic circles over Natural Earth
// boundaries, drawn as SVG with d3-geo. Nothing is fetched from elsewhere: d3-array, d3-geo,
// topojson-client and world-atlas are served by the node under /vendor/ (api.VendorAssets;
// versions and licences in docs/dev/third-party.md). The caller gives every word shown (labels,
// tooltips, legend, attribution), so the map reads the same in English, Russian and Arabic.
//
//   const map = await drawMap(container, [
//     {name: t('map.launch'), cls: 'launch', features: [{geo: {lat: 62.93, lon: 40.58}, label, tooltip}]},
//     {name: t('map.impact'), cls: 'impact', features: [{geo: {circle: {center, radius: 50, unit: 'km'}}}]},
//   ], {title: t('map.title'), attribution: t('map.attribution')});
//
// A feature's geo is one of the project's geographic shapes (WGS 84 degrees):
//   {lat, lon}                                   a point
//   {polygon: [{lat, lon}, ...]}                 a polygon (closed for you; either winding)
//   {circle: {center: {lat, lon}, radius, unit}} a circle of radius km or nmi on the ground
// Anything else (e.g. {site: NAME}, {sea: NAME}) has no geometry: it is listed in `skipped`.
// A feature's optional id is its group's data-id, for a page that selects features (incidents.js).

const VENDOR = '/vendor/';
const SVG_NS = 'http://www.w3.org/2000/svg';
/** IUGG mean Earth radius, km: a circle's radius on the ground as an angle. */
const EARTH_RADIUS_KM = 6371.0088;
/** The international nautical mile, km. */
const KM_PER_NMI = 1.852;

let libraries;
const atlases = new Map();

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('map: cannot load ' + src));
    document.head.append(s);
  });
}

/** d3 (array and geo) and topojson, loaded once, in order: d3-geo's UMD build needs d3-array. */
function load() {
  libraries ??= script(VENDOR + 'd3-array/d3-array.min.js')
    .then(() => script(VENDOR + 'd3-geo/d3-geo.min.js'))
    .then(() => script(VENDOR + 'topojson-client/topojson-client.min.js'))
    .then(() => ({ d3: window.d3, topojson: window.topojson }));
  return libraries;
}

function stylesheet() {
  if (!document.querySelector('link[data-map-css]')) {
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = '/assets/map.css';
    l.dataset.mapCss = 'yes';
    document.head.append(l);
  }
}

/** Natural Earth countries at 1:110m (world) or 1:50m (a region), with their shared borders. */
function atlas(resolution, topojson) {
  if (!atlases.has(resolution)) {
    atlases.set(resolution, fetch(VENDOR + 'world-atlas/countries-' + resolution + '.json')
      .then(r => {
        if (!r.ok) throw new Error('map: boundaries unavailable (HTTP ' + r.status + ')');
        return r.json();
      })
      .then(topo => ({
        countries: topojson.feature(topo, topo.objects.countries).features,
        borders: topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b),
      })));
  }
  return atlases.get(resolution);
}

function validPoint(p) {
  return p && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

/** The GeoJSON geometry of one of the project's shapes, or null when it has none. */
export function geometry(geo, d3) {
  if (validPoint(geo)) {
    return { type: 'Point', coordinates: [geo.lon, geo.lat] };
  }
  if (Array.isArray(geo?.polygon) && geo.polygon.length >= 3 && geo.polygon.every(validPoint)) {
    const ring = geo.polygon.map(p => [p.lon, p.lat]);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
    const polygon = { type: 'Polygon', coordinates: [ring] };
    // d3-geo takes the smaller of the two areas a ring bounds to be clockwise: reverse a ring
    // given the other way round, or it would cover the rest of the Earth
    if (d3.geoArea(polygon) > 2 * Math.PI) ring.reverse();
    return polygon;
  }
  const c = geo?.circle;
  if (c && validPoint(c.center) && Number.isFinite(c.radius) && c.radius > 0 && (c.unit === 'km' || c.unit === 'nmi')) {
    const km = c.unit === 'nmi' ? c.radius * KM_PER_NMI : c.radius;
    return d3.geoCircle().center([c.center.lon, c.center.lat]).radius(km / EARTH_RADIUS_KM * 180 / Math.PI)
      .precision(1)();
  }
  return null;
}

function anchorOf(geo, g, d3) {
  if (g.type === 'Point') return g.coordinates;
  if (geo.circle) return [geo.circle.center.lon, geo.circle.center.lat];
  return d3.geoCentroid(g);
}

/** What the map frames: the features, each point widened to a circle of minRadiusKm. */
function frame(shapes, options, d3) {
  const given = (options.frame ?? []).map(f => geometry(f, d3)).filter(Boolean);
  const source = given.length ? given : shapes.map(s => s.geometry);
  const widen = (options.minRadiusKm ?? 300) / EARTH_RADIUS_KM * 180 / Math.PI;
  const geometries = source.map(g => g.type === 'Point' ? d3.geoCircle().center(g.coordinates).radius(widen)() : g);
  if (!geometries.length) return { type: 'Sphere' };
  return { type: 'GeometryCollection', geometries };
}

/**
 * The projection fitted to `framed` in a width × height box: conic equidistant (standard
 * parallels at a sixth and five sixths of the latitude span) for a region, equirectangular for
 * most of the world; centred on the frame's middle meridian, so that a frame across the
 * antimeridian (Chukotka, the Pacific) stays whole.
 */
function projection(framed, options, width, height, d3) {
  const [[x0, y0], [x1, y1]] = framed.type === 'Sphere' ? [[-180, -90], [180, 90]] : d3.geoBounds(framed);
  const lonSpan = x1 >= x0 ? x1 - x0 : x1 + 360 - x0;
  const middle = x0 + lonSpan / 2;
  const kind = options.projection ?? (lonSpan > 150 || y1 - y0 > 100 ? 'equirectangular' : 'conic');
  const p = kind === 'conic'
    ? d3.geoConicEquidistant().parallels([y0 + (y1 - y0) / 6, y1 - (y1 - y0) / 6])
    : d3.geoEquirectangular();
  const pad = options.padding ?? 24;
  p.rotate([-middle, 0]).fitExtent([[pad, pad], [width - pad, height - pad]], framed);
  return { p, lonSpan, kind };
}

/** The frame's width in degrees of a great circle at its middle latitude: 1:50m up to a quarter of the Earth. */
function groundSpan(framed, lonSpan, d3) {
  if (framed.type === 'Sphere') return 360;
  const [[, y0], [, y1]] = d3.geoBounds(framed);
  return lonSpan * Math.cos((y0 + y1) / 2 * Math.PI / 180);
}

function el(name, attrs = {}, parent) {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  }
  if (parent) parent.append(e);
  return e;
}

function graticuleStep(span) {
  return span > 120 ? 30 : span > 40 ? 10 : span > 15 ? 5 : 1;
}

function drawBase(svg, base, path, span, d3, width, height) {
  el('rect', { class: 'map-sea', x: 0, y: 0, width, height }, svg);
  el('path', { class: 'map-sphere', d: path({ type: 'Sphere' }) }, svg);
  const step = graticuleStep(span);
  // meridians up to the poles (d3's default stops them at 80°, which leaves a ring round the pole)
  const graticule = d3.geoGraticule().extentMinor([[-180, -89.999], [180, 89.999]]).step([step, step]);
  el('path', { class: 'map-graticule', d: path(graticule()) }, svg);
  const countries = el('g', { class: 'map-countries' }, svg);
  for (const c of base.countries) {
    const d = path(c);
    if (d) el('path', { class: 'map-country', 'data-id': c.id, d }, countries);
  }
  el('path', { class: 'map-borders', d: path(base.borders) }, svg);
}

function classes(layer, feature) {
  return ['map-feature', layer.cls, feature.cls].filter(Boolean).join(' ');
}

/** An area smaller than this on the drawing (SVG units) is ringed, so that it can be found. */
const SMALL_AREA = 10;

function drawShape(group, shape, path, projected) {
  if (shape.geometry.type === 'Point') {
    if (!shape.feature.labelOnly) {
      el('circle', { class: 'map-mark', cx: projected[0], cy: projected[1], r: 5 }, group);
    }
    return;
  }
  el('path', { class: 'map-area', d: path(shape.geometry) }, group);
  const [[x0, y0], [x1, y1]] = path.bounds(shape.geometry);
  // a 50 km impact area on a map of half the Earth is a pixel across: true to scale, but a ring
  // around it (and its label beside it, as for a point) shows where it is
  if (Math.max(x1 - x0, y1 - y0) < SMALL_AREA) {
    shape.small = true;
    el('circle', { class: 'map-ring', cx: projected[0], cy: projected[1], r: 7 }, group);
  }
}

function drawLabel(group, shape, projected, rtl) {
  const text = shape.feature.label;
  if (!text) return;
  const point = (shape.geometry.type === 'Point' && !shape.feature.labelOnly) || shape.small;
  // beside the mark on the side the reading starts from: with direction rtl, "start" is the
  // text's right end, so the label runs leftwards from just left of the mark
  const gap = shape.small ? 11 : 9;
  const dx = point ? (rtl ? -gap : gap) : 0;
  const anchor = point ? 'start' : 'middle';
  const t = el('text', { class: 'map-label', x: projected[0] + dx, y: projected[1], dy: '0.35em',
    'text-anchor': anchor, direction: rtl ? 'rtl' : 'ltr' }, group);
  t.textContent = text;
}

/** Areas first, then points, so that no area hides a point; the legend last. */
function drawLayers(svg, shapes, path, project, rtl) {
  const ordered = [...shapes].sort((a, b) => (b.geometry.type !== 'Point') - (a.geometry.type !== 'Point'));
  const groups = [];
  for (const shape of ordered) {
    const projected = project(shape.anchor);
    if (!projected) continue;
    const g = el('g', { class: classes(shape.layer, shape.feature), 'data-layer': shape.layerIndex,
      'data-shape': shape.kind, 'data-id': shape.feature.id, 'data-x': projected[0].toFixed(2), 'data-y': projected[1].toFixed(2) }, svg);
    if (shape.feature.tooltip) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('aria-label', shape.feature.tooltip);
      el('title', {}, g).textContent = shape.feature.tooltip;
    }
    drawShape(g, shape, path, projected);
    groups.push([g, shape, projected]);
  }
  // labels above every shape
  for (const [g, shape, projected] of groups) drawLabel(g, shape, projected, rtl);
}

function legend(layers, options) {
  const caption = document.createElement('figcaption');
  caption.className = 'map-legend';
  const list = document.createElement('ul');
  layers.forEach((layer, i) => {
    if (!layer.name) return;
    const item = document.createElement('li');
    const swatch = el('svg', { class: 'map-swatch', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' });
    const g = el('g', { class: ['map-feature', layer.cls].filter(Boolean).join(' ') }, swatch);
    const pointsOnly = layer.features.filter(f => geometry(f.geo, window.d3)).every(f => validPoint(f.geo));
    if (pointsOnly) el('circle', { class: 'map-mark', cx: 8, cy: 8, r: 5 }, g);
    else el('rect', { class: 'map-area', x: 2, y: 2, width: 12, height: 12 }, g);
    const name = document.createElement('span');
    name.textContent = layer.name;
    item.dataset.layer = i;
    item.append(swatch, name);
    list.append(item);
  });
  caption.append(list);
  if (options.attribution) {
    const a = document.createElement('p');
    a.className = 'map-attribution';
    a.textContent = options.attribution;
    caption.append(a);
  }
  return caption;
}

/** Every feature of every layer with its geometry; the rest listed as skipped. */
function shapesOf(layers, d3) {
  const shapes = [];
  const skipped = [];
  layers.forEach((layer, layerIndex) => (layer.features ?? []).forEach(feature => {
    const g = geometry(feature.geo, d3);
    if (!g) {
      skipped.push({ layer: layerIndex, feature });
      return;
    }
    const kind = g.type === 'Point' ? 'point' : feature.geo.circle ? 'circle' : 'polygon';
    shapes.push({ layer, layerIndex, feature, geometry: g, kind, anchor: anchorOf(feature.geo, g, d3) });
  }));
  return { shapes, skipped };
}

/**
 * Draws the map into `container` (its content is replaced) and resolves to {svg, project,
 * skipped}: project([lon, lat]) gives a position in the SVG's coordinates (null when clipped);
 * skipped lists the features that have no geometry.
 *
 * options: title (the SVG's accessible name), attribution (a line under the legend), dir ('ltr'
 * or 'rtl'; default: the container's direction), width and height (of the drawing, in SVG
 * units; default: the container's width and 0.6 of it), projection ('conic' or
 * 'equirectangular'; default: by the extent), frame (shapes to fit instead of the features),
 * minRadiusKm (a lone point is framed with this much around it; default 300), padding.
 */
export async function drawMap(container, layers, options = {}) {
  stylesheet();
  const { d3, topojson } = await load();
  const { shapes, skipped } = shapesOf(layers, d3);
  const width = options.width ?? (container.clientWidth || 800);
  const height = options.height ?? Math.round(width * 0.6);
  const framed = frame(shapes, options, d3);
  const { p, lonSpan, kind } = projection(framed, options, width, height, d3);
  const span = groundSpan(framed, lonSpan, d3);
  const base = await atlas(span > 90 ? '110m' : '50m', topojson);
  p.clipExtent([[0, 0], [width, height]]);
  const path = d3.geoPath(p);
  const project = lonLat => {
    const xy = p(lonLat);
    return xy && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height ? xy : null;
  };
  const rtl = (options.dir ?? getComputedStyle(container).direction) === 'rtl';
  const figure = document.createElement('figure');
  figure.className = 'map';
  figure.dir = rtl ? 'rtl' : 'ltr';
  const svg = el('svg', { class: 'map-svg', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': options.title ?? null, 'data-projection': kind });
  drawBase(svg, base, path, span, d3, width, height);
  drawLayers(svg, shapes, path, project, rtl);
  figure.append(svg, legend(layers, options));
  container.replaceChildren(figure);
  return { svg, project, skipped };
}
