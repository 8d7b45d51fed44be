// The dashboard's shell: sign-in, the navigation built from the page registry (registry.js), hash
// routes and the language switch. Pages live in the modules that register them (provisions.js).
import { loadLang, savedLang, currentLang, t, tOr, fmtDateTime, useCatalogues } from './i18n.js';
import { session, signIn, signOut, refreshSession, get, chosenAgreement, chooseAgreement } from './api.js';
import { el, errorBox } from './dom.js';
import { navPages, pageById, shown } from './registry.js';
import { PROVISIONS } from './provisions.js';
import './pages.js';
import './compose.js';

const main = document.getElementById('main');
let renderId = 0;

function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] || '', args: parts.slice(1), params: new URLSearchParams(query || '') };
}

export function go(page, args, params) {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)).toString() : '';
  location.hash = '#/' + [page, ...(args || [])].map(encodeURIComponent).join('/') + (q ? '?' + q : '');
}

/** The agreement's own message files and those of the provisions it includes. */
let labelled = null;
async function agreementLabels(agr) {
  if (labelled === agr.id) return;
  const provisions = [...new Set(agr.messages.map(m => m.provision).filter(Boolean))];
  await useCatalogues([...PROVISIONS, ...[...provisions, agr.id].map(id => 'agreement/' + id)]);
  labelled = agr.id;
}

/** One link per registered page with a navigation entry; those that do not apply are hidden. */
function buildNav(agr, s, active) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...navPages().map(p => el('a', { href: '#/' + p.id, id: 'nav-' + p.id,
    'data-page': p.id, 'data-i18n': p.nav, class: p.id === active ? 'active' : null,
    hidden: !shown(p, agr, s) }, t(p.nav))));
}

/**
 * The agreement switcher, shown when the node takes part in more than one: every page follows it,
 * and "all agreements" gathers the inbox and the obligations of every one.
 */
async function buildSwitcher(s) {
  const label = document.getElementById('agreement-switch');
  const sel = document.getElementById('agreement');
  if (!s) { label.hidden = true; sel.replaceChildren(); return; }
  const list = (await get('/api/v1/agreements', true)).agreements;
  label.hidden = list.length < 2;
  sel.replaceChildren(...list.map(a => el('option', { value: a.id }, a.id)),
    el('option', { value: 'all', 'data-i18n': 'agreement.all' }, t('agreement.all')));
  sel.value = chosenAgreement() || list[0].id;
  sel.onchange = () => { chooseAgreement(sel.value === list[0].id ? '' : sel.value); render(); };
}

const firstPage = (agr, s) => navPages().find(p => shown(p, agr, s))?.id || 'messages';

async function render() {
  const id = ++renderId;
  const s = session();
  const nav = document.getElementById('nav');
  document.getElementById('signout').hidden = !s;
  nav.hidden = !s;
  document.getElementById('who').textContent = s ? t('session.who', { party: s.party, role: t('role.' + s.role) }) : '';
  document.body.dataset.signedIn = s ? 'yes' : 'no';
  if (!s) { nav.replaceChildren(); showExercise(null); buildSwitcher(null); renderSignIn(); return; }
  const view = el('section.page');
  let agr;
  try {
    await buildSwitcher(s);
    agr = await get('/api/v1/agreement', true);
    await agreementLabels(agr);
  } catch (e) {
    if (id !== renderId) return;
    if (e.status === 401) { signOut(); render(); return; }
    main.replaceChildren(view);
    view.append(errorBox(e));
    return;
  }
  if (id !== renderId) return;
  const hash = parseHash();
  const page = hash.page || firstPage(agr, s);
  const p = pageById(page);
  const navPage = p?.parent || page;
  buildNav(agr, s, navPage);
  view.dataset.page = page;
  main.replaceChildren(view);
  document.body.dataset.page = page;
  document.title = t(pageById(navPage)?.nav || 'app.name') + ' — ' + t('app.name');
  showExercise(s.exercise);
  showLife(agr, id);
  refreshSession().then(r => { if (id === renderId && r) showExercise(r.exercise); }, () => { /* the page reports errors */ });
  if (!p) { view.append(el('p', {}, t('error.nopage'))); return; }
  try {
    await p.render(view, { args: hash.args, params: hash.params, session: s, go, agreement: agr,
      stale: () => id !== renderId });
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

/**
 * An agreement that is not simply in force says so on every page: suspended (by which Party,
 * since when, its stated reason), ended, or not yet in force (GET /api/v1/agreements/{id}, life).
 */
async function showLife(agr, id) {
  const banner = document.getElementById('life-banner');
  let life = null;
  try {
    life = (await get('/api/v1/agreements/' + encodeURIComponent(agr.id))).life;
  } catch (e) { /* the page reports errors */ }
  if (id !== renderId) return;
  const standing = life?.standing;
  banner.hidden = !standing || standing === 'in-force';
  document.body.dataset.standing = standing || '';
  if (banner.hidden) return;
  const name = tOr('agreement.' + agr.id, agr.title);
  const suspended = x => [t('life.suspendedBy', { agreement: name,
    party: tOr('party.' + x.party, x.party), since: fmtDateTime(x.since) }), ' ',
  t('life.reason'), ' ', el('q', { dir: 'auto' }, x.statedReason), ' '];
  const words = standing === 'suspended' ? life.suspendedBy.flatMap(suspended)
    : [t('life.' + standing + '.text', { agreement: name, date: agr.entryIntoForce }), ' '];
  banner.replaceChildren(el('strong', {}, t('life.' + standing)), ...words,
    el('span.life-note', {}, t('life.note')));
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
      if (!location.hash || location.hash === '#/') location.hash = '#/';
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
  await Promise.all(PROVISIONS.map(name => import(`./${name}.js`)));
  await useCatalogues(PROVISIONS);
  await loadLang(savedLang());
  const sel = document.getElementById('lang');
  sel.value = currentLang();
  sel.addEventListener('change', async () => { await loadLang(sel.value); render(); });
  document.getElementById('signout').addEventListener('click', () => { signOut(); location.hash = ''; render(); });
  window.addEventListener('hashchange', render);
  render();
}

start().catch(e => main.replaceChildren(errorBox(e)));
