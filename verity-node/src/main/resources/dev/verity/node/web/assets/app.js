// The dashboard's shell: sign-in, navigation (hash routes), language switch; pages live in pages.js.
import { loadLang, savedLang, currentLang, t, fmtDateTime } from './i18n.js';
import { session, signIn, signOut, refreshSession } from './api.js';
import { el, errorBox } from './dom.js';
import { PAGES as BASE_PAGES } from './pages.js';
import { INSPECTION_PAGES } from './inspections.js';
import { showEscrowNav } from './escrow.js';

const PAGES = { ...BASE_PAGES, ...INSPECTION_PAGES };
/** Pages reached from another page's list: the navigation entry that stays highlighted. */
const PARENT = { message: 'messages', inspection: 'inspections' };

const main = document.getElementById('main');
let renderId = 0;

function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] || 'overview', args: parts.slice(1), params: new URLSearchParams(query || '') };
}

export function go(page, args, params) {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)).toString() : '';
  location.hash = '#/' + [page, ...(args || [])].map(encodeURIComponent).join('/') + (q ? '?' + q : '');
}

async function render() {
  const id = ++renderId;
  const s = session();
  const nav = document.getElementById('nav');
  document.getElementById('signout').hidden = !s;
  nav.hidden = !s;
  document.getElementById('nav-compose').hidden = !s || s.role !== 'operator';
  showEscrowNav(!!s);
  document.getElementById('who').textContent = s ? t('session.who', { party: s.party, role: t('role.' + s.role) }) : '';
  document.body.dataset.signedIn = s ? 'yes' : 'no';
  if (!s) { showExercise(null); renderSignIn(); return; }
  const { page, args, params } = parseHash();
  const navPage = PARENT[page] || page;
  nav.querySelectorAll('a').forEach(a => a.classList.toggle('active', a.dataset.page === navPage));
  const fn = PAGES[page];
  const view = el('section.page', { 'data-page': page });
  main.replaceChildren(view);
  document.body.dataset.page = page;
  document.title = t('nav.' + (fn ? navPage : 'overview')) + ' — ' + t('app.name');
  showExercise(s.exercise);
  refreshSession().then(r => { if (id === renderId && r) showExercise(r.exercise); }, () => { /* the page reports errors */ });
  if (!fn) { view.append(el('p', {}, t('error.nopage'))); return; }
  try {
    await fn(view, { args, params, session: s, go, stale: () => id !== renderId });
  } catch (e) {
    if (id !== renderId) return;
    if (e.status === 401) { signOut(); render(); return; }
    view.append(errorBox(e));
  }
  if (id === renderId) {
    view.dataset.readyAt = String(Math.round(performance.now())); // ms since navigation started (load measurements)
    view.dataset.ready = 'yes';
  }
}

/**
 * A node on an exercise clock (drills, the scripted treaty year) says so on every page: nothing it
 * shows is a real notification between the Parties.
 */
function showExercise(exercise) {
  const banner = document.getElementById('exercise-banner');
  banner.hidden = !exercise;
  document.body.dataset.exercise = exercise ? 'yes' : 'no';
  if (exercise) {
    banner.replaceChildren(el('strong', {}, t('exercise.banner')), ' ',
      el('span', { id: 'exercise-now' }, t('exercise.clock', { now: fmtDateTime(exercise.now) })));
  }
}

function renderSignIn() {
  document.body.dataset.page = 'signin';
  document.title = t('signin.title') + ' — ' + t('app.name');
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
    placeholder: 'vt_…', 'aria-describedby': 'token-help' });
  const msg = el('div', { id: 'signin-error', 'aria-live': 'polite' });
  const form = el('form.card.signin', { id: 'signin-form', onsubmit: async ev => {
    ev.preventDefault();
    msg.replaceChildren();
    try {
      await signIn(input.value.trim());
      if (!location.hash || location.hash === '#/') location.hash = '#/overview';
      render();
    } catch (e) {
      msg.replaceChildren(errorBox(e.status === 401 ? { message: t('signin.bad') } : e));
    }
  } },
  el('h1', {}, t('signin.title')),
  el('p.muted', { id: 'token-help' }, t('signin.help')),
  el('label', { for: 'token' }, t('signin.token')), input, msg,
  el('button', { type: 'submit', id: 'signin-button' }, t('signin.submit')));
  main.replaceChildren(el('section.page', { 'data-page': 'signin', 'data-ready': 'yes' }, form));
  input.focus();
}

async function start() {
  await loadLang(savedLang());
  const sel = document.getElementById('lang');
  sel.value = currentLang();
  sel.addEventListener('change', async () => { await loadLang(sel.value); render(); });
  document.getElementById('signout').addEventListener('click', () => { signOut(); location.hash = ''; render(); });
  window.addEventListener('hashchange', render);
  render();
}

start().catch(e => main.replaceChildren(errorBox(e)));
