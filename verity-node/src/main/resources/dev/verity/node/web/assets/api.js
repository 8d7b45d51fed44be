// The node's REST API with the signed-in token (sessionStorage): every call sends Authorization: Bearer.
const KEY = 'verity.session';

export class ApiError extends Error {
  constructor(status, message, field, refusal, reason) {
    super(message);
    this.status = status;
    this.field = field;
    this.refusal = refusal; // a step the agreement's rules refuse: the Refusal's name and its reason (422)
    this.reason = reason;
  }
}

export function session() {
  try { return JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
}

export async function signIn(token) {
  const s = await request('GET', '/api/v1/session', undefined, token);
  const value = { token, party: s.party, role: s.role, agreement: s.agreement, peers: s.peers, actor: s.actor,
    exercise: s.exercise || null };
  sessionStorage.setItem(KEY, JSON.stringify(value));
  return value;
}

/** Reads the session again (the exercise clock moves when an operator advances it); keeps the token. */
export async function refreshSession() {
  const old = session();
  if (!old) return null;
  const s = await request('GET', '/api/v1/session', undefined, old.token);
  const current = session();
  if (current?.token !== old.token) return current; // signed out (or in again) meanwhile: never bring a session back
  const value = { ...current, exercise: s.exercise || null };
  sessionStorage.setItem(KEY, JSON.stringify(value));
  return value;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(AGREEMENT);
  cache.clear();
}

// The agreement every page reads (the switcher): none is the node's home agreement; 'all' gathers
// every agreement's messages and obligations (the other routes then read the home agreement).
const AGREEMENT = 'verity.agreement';

export function chosenAgreement() {
  return sessionStorage.getItem(AGREEMENT) || '';
}

export function chooseAgreement(id) {
  if (id) sessionStorage.setItem(AGREEMENT, id); else sessionStorage.removeItem(AGREEMENT);
}

/** The path in the chosen agreement: every /api/v1 route but the node's own (session, agreements). */
function scoped(path) {
  const a = chosenAgreement();
  if (!a || !path.startsWith('/api/v1/') || /[?&]agreement=/.test(path)
      || /^\/api\/v1\/(session|agreements|openapi\.json)(\?|$)/.test(path)) return path;
  return path + (path.includes('?') ? '&' : '?') + 'agreement=' + encodeURIComponent(a);
}

const cache = new Map();

/** GET, cached for the page's life when once is true (the agreement does not change). */
export async function get(path, once) {
  path = scoped(path);
  if (once && cache.has(path)) return cache.get(path);
  const p = request('GET', path);
  if (once) { cache.set(path, p); p.catch(() => cache.delete(path)); }
  return p;
}

export function post(path, body) { return request('POST', scoped(path), body); }

async function request(method, path, body, token) {
  const tok = token ?? session()?.token;
  const headers = { 'Accept': 'application/json' };
  if (tok) headers['Authorization'] = 'Bearer ' + tok;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, e.message || 'network error');
  }
  let json = null;
  try { json = await r.json(); } catch (e) { /* not JSON */ }
  if (!r.ok) throw new ApiError(r.status, json?.error || r.statusText, json?.field, json?.refusal, json?.reason);
  return json;
}
