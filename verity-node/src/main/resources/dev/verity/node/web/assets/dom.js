// Building DOM from text nodes only (no markup parsed from API data) and small shared widgets.
import { t, fmtNum } from './i18n.js';

/** el('tag.class', {attr: v, onclick: f}, ...children); strings become text nodes. */
export function el(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const e = document.createElement(tag || 'div');
  if (classes.length) e.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'value') e.value = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

export function badge(kind, text) { return el('span.badge.b-' + kind, {}, text); }

export function table(headers, rows, attrs) {
  return el('table.data', attrs || {},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

export function errorBox(e) {
  let msg = e.message || String(e);
  if (e.status === 401) msg = t('error.unauthorized');
  else if (e.status === 403) msg = t('error.forbidden') + ' (' + msg + ')';
  else if (e.status === 0) msg = t('error.network');
  return el('div.alert.error', { role: 'alert' }, msg);
}

export function todayUtc() { return new Date().toISOString().slice(0, 10); }

/**
 * A table of items rendered page by page: the first pageSize rows, then a button for the rest,
 * so that a year of traffic (thousands of rows) opens at once.
 */
export function pagedTable(headers, items, renderRow, attrs, pageSize = 200) {
  const tbody = el('tbody');
  const tableEl = el('table.data', attrs || {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))), tbody);
  const more = el('button.secondary.more', { type: 'button', id: (attrs?.id || 'table') + '-more' });
  let shown = 0;
  const showNext = n => {
    const frag = document.createDocumentFragment();
    items.slice(shown, shown + n).forEach(x => frag.appendChild(renderRow(x)));
    tbody.appendChild(frag);
    shown = Math.min(items.length, shown + n);
    more.hidden = shown >= items.length;
    more.textContent = t('common.showMore', { n: fmtNum(items.length - shown) });
  };
  more.addEventListener('click', () => showNext(items.length));
  showNext(pageSize);
  return el('div', {}, el('div.scroll', {}, tableEl), more);
}
