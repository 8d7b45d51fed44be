// Catalogues (en, ru, ar), merged from the shared file, each provision's and the agreement's;
// the chosen language (persisted); per-language number and date formats.
export const LANGS = ['en', 'ru', 'ar'];
const RTL = new Set(['ar']);
/** The merged catalogue per language: the shared file, each provision's, the agreement's. */
const catalogues = {};
const files = new Map();
/** The catalogue parts, in the order they override: '' is the shared file. */
let parts = [''];
let lang = 'en';

export function currentLang() { return lang; }

/**
 * Sets the message files beside the shared one: each provision's (i18n/<name>/<lang>.json) and
 * those the agreement ships (served from its definition under i18n/agreement/<id>/).
 */
export async function useCatalogues(names) {
  parts = ['', ...names];
  const loaded = Object.keys(catalogues).length > 0;
  for (const k of Object.keys(catalogues)) delete catalogues[k];
  if (loaded) await loadLang(lang); // else the first loadLang reads them
}

export async function loadLang(wanted) {
  const l = LANGS.includes(wanted) ? wanted : 'en';
  if (!catalogues.en) catalogues.en = await merged('en');
  if (!catalogues[l]) catalogues[l] = await merged(l);
  lang = l;
  try { localStorage.setItem('verity.lang', l); } catch (e) { /* storage off */ }
  document.documentElement.lang = l;
  document.documentElement.dir = RTL.has(l) ? 'rtl' : 'ltr';
  applyI18n(document);
}

async function merged(l) {
  const all = await Promise.all(parts.map(p => fetchJson(p, l)));
  return Object.assign({}, ...all);
}

/** One message file; an agreement without files of its own (labelled in ours) has none. */
function fetchJson(part, l) {
  const url = `/assets/i18n/${part ? part + '/' : ''}${l}.json`;
  if (!files.has(url)) {
    files.set(url, fetch(url).then(r => {
      if (r.ok) return r.json();
      if (part.startsWith('agreement/') && r.status === 404) return {};
      throw new Error(`catalogue ${url}: ${r.status}`);
    }));
    files.get(url).catch(() => files.delete(url));
  }
  return files.get(url);
}

export function savedLang() {
  try { return localStorage.getItem('verity.lang') || 'en'; } catch (e) { return 'en'; }
}

/** The text for key in the current language, with {name} placeholders filled. */
export function t(key, vars) {
  let s = catalogues[lang]?.[key] ?? catalogues.en?.[key];
  if (s === undefined) { console.warn('missing i18n key', key); s = key; }
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
  return s;
}

/** Like t, but for a family of keys (e.g. 'msgtype.' + id); falls back to the given text. */
export function tOr(key, fallback) {
  return catalogues[lang]?.[key] ?? catalogues.en?.[key] ?? fallback;
}

/** Fills data-i18n (text), data-i18n-placeholder, data-i18n-title and data-i18n-aria-label. */
export function applyI18n(root) {
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(e => { e.title = t(e.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach(e => { e.setAttribute('aria-label', t(e.dataset.i18nAriaLabel)); });
}

// Intl formatters are costly to build: one of each per language, reused (pages with 2,000 rows).
const formatters = new Map();
function formatter(kind, make) {
  const key = lang + ' ' + kind;
  if (!formatters.has(key)) formatters.set(key, make(lang));
  return formatters.get(key);
}

export function fmtNum(n) {
  if (n === null || n === undefined || n === '') return '—';
  return formatter('num', l => new Intl.NumberFormat(l)).format(n);
}

/** A calendar day (YYYY-MM-DD or Date), in UTC. */
export function fmtDate(d) {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(d.length === 10 ? d + 'T00:00:00Z' : d) : d;
  if (isNaN(date)) return String(d);
  return formatter('date', l => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }))
    .format(date);
}

/** An instant, in UTC, to the minute. */
export function fmtDateTime(d) {
  if (!d) return '—';
  const date = new Date(d);
  if (isNaN(date)) return String(d);
  return formatter('datetime', l => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' })).format(date);
}

export function fmtMonth(year, month) {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month, 1)));
}

export function fmtWeekday(i) { // 0 = Monday
  return new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i)));
}

/** A duration in seconds, e.g. "3 min", per language. */
export function fmtAge(seconds) {
  const units = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  for (const [u, s] of units) {
    if (seconds >= s || u === 'second') {
      return new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 0 })
        .format(Math.floor(seconds / s));
    }
  }
}
