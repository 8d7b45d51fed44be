// A small line chart in plain SVG: time on x, values on y, a horizontal limit and vertical date markers.
// No inline styles (the page's CSP forbids them): colours are SVG presentation attributes or CSS classes.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const day = s => Date.parse(s.length === 10 ? s + 'T00:00:00Z' : s);

/**
 * opts: {title, from, to (YYYY-MM-DD), series: [{label, colour, dashed, points: [[date, value]]}],
 * limit: {value, label}, markers: [{date, label}], fmtNum, fmtYear, width, height}
 */
export function lineChart(opts) {
  const W = opts.width || 560, H = opts.height || 260;
  const m = { top: 44, right: 16, bottom: 28, left: 52 };
  const x0 = day(opts.from), x1 = day(opts.to);
  let ymax = opts.limit ? opts.limit.value : 0;
  for (const s of opts.series) for (const [, v] of s.points) ymax = Math.max(ymax, v);
  ymax = 4 * niceCeil(ymax * 1.05 / 4);
  const X = t => m.left + (W - m.left - m.right) * (t - x0) / (x1 - x0);
  const Y = v => H - m.bottom - (H - m.top - m.bottom) * v / ymax;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': opts.title, direction: 'ltr' });
  root.appendChild(svg('title', {}, opts.title));
  // y grid and labels
  for (let i = 0; i <= 4; i++) {
    const v = ymax * i / 4, y = Y(v);
    root.appendChild(svg('line', { x1: m.left, x2: W - m.right, y1: y, y2: y, class: 'grid' }));
    root.appendChild(svg('text', { x: m.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, opts.fmtNum(Math.round(v))));
  }
  // x years
  const y0 = new Date(x0).getUTCFullYear(), y1 = new Date(x1).getUTCFullYear();
  const step = Math.max(1, Math.ceil((y1 - y0) / 8));
  for (let y = y0 + (new Date(x0).getUTCMonth() > 0 ? 1 : 0); y <= y1; y += step) {
    const x = X(Date.UTC(y, 0, 1));
    root.appendChild(svg('line', { x1: x, x2: x, y1: H - m.bottom, y2: H - m.bottom + 4, class: 'tick' }));
    root.appendChild(svg('text', { x, y: H - m.bottom + 16, 'text-anchor': 'middle', class: 'axis' }, opts.fmtYear(y)));
  }
  // markers
  (opts.markers || []).forEach((mk, i) => {
    const t = day(mk.date);
    if (t < x0 || t > x1) return;
    const x = X(t);
    root.appendChild(svg('line', { x1: x, x2: x, y1: m.top, y2: H - m.bottom, class: 'marker ' + (mk.cls || '') }));
    root.appendChild(svg('text', { x: x + (x > W * 0.7 ? -4 : 4), y: m.top - 30 + 12 * (i % 3),
      'text-anchor': x > W * 0.7 ? 'end' : 'start', class: 'marker-label ' + (mk.cls || '') }, mk.label));
  });
  // limit
  if (opts.limit) {
    const y = Y(opts.limit.value);
    root.appendChild(svg('line', { x1: m.left, x2: W - m.right, y1: y, y2: y, class: 'limit' }));
    root.appendChild(svg('text', { x: m.left + 4, y: y - 4, class: 'limit-label' }, opts.limit.label));
  }
  // series
  for (const s of opts.series) {
    const pts = s.points.filter(([d]) => day(d) >= x0 && day(d) <= x1);
    if (!pts.length) continue;
    const d = pts.map(([t, v], i) => `${i ? 'L' : 'M'}${X(day(t)).toFixed(1)},${Y(v).toFixed(1)}`).join(' ');
    root.appendChild(svg('path', { d, fill: 'none', stroke: s.colour, 'stroke-width': s.dashed ? 2.5 : 2,
      'stroke-dasharray': s.dashed ? '5 3' : 'none', class: 'series' }));
    if (!s.dashed) {
      for (const [t, v] of pts) root.appendChild(svg('circle', { cx: X(day(t)), cy: Y(v), r: 2.2, fill: s.colour }));
    }
  }
  return root;
}

function niceCeil(v) {
  if (v <= 0) return 10;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const f of [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10]) if (f * p >= v) return f * p;
  return 10 * p;
}
