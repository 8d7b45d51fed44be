// The commission (issue 6): its agenda, decisions, sessions and the versions of the agreement its
// decisions make, over GET /api/v1/commission. Every text goes through t().
import { t, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, badge } from './dom.js';
import { agreement, header, isDate, nodeToday } from './pages.js';
import { entryLink, refs } from './entries.js';
import { register } from './registry.js';
import { asOfQuery, asOfTools, fieldList, raisedBy, scrolled, section } from './inspections.js';

async function commission(view, ctx) {
  const [agr, c] = await Promise.all([agreement(), get('/api/v1/commission' + asOfQuery(ctx.params))]);
  if (ctx.stale()) return;
  const day = isDate(ctx.params.get('asOf')) ? ctx.params.get('asOf') : (c.asOf || nodeToday(ctx)).slice(0, 10);
  view.append(header(t('commission.title'), ...asOfTools(ctx, 'commission', day)));
  const agenda = (c.agenda || []).slice().sort((a, b) => (b.open ? 1 : 0) - (a.open ? 1 : 0)); // open items first
  const open = agenda.filter(a => a.open).length;
  view.append(el('p.muted', { id: 'open-count' }, t('commission.openCount', { n: fmtNum(open), total: fmtNum(agenda.length) })));
  view.append(agendaSection(agenda), section('decisions', t('commission.decisions'), decisionList(agr, c.decisions || [])),
    sessionsSection(c.sessions || []), versionsSection(c.versions || []));
}

/** The agenda; ambiguities no item has taken up yet are open items raised automatically. */
function agendaSection(agenda) {
  return section('agenda', t('commission.agenda'), scrolled([t('commission.col.item'), t('commission.col.title'),
    t('commission.col.session'), t('commission.col.source'), t('commission.col.concerning'), t('overview.status'), t('messages.col.entry')],
  agenda.map(a => el('tr', { 'data-item': a.id, 'data-open': a.open ? 'yes' : 'no', 'data-source': a.source },
    el('td', {}, el('code', {}, a.id)), el('td', { dir: 'auto' }, a.title || '—'), el('td', {}, a.session || '—'),
    el('td', {}, a.source === 'auto' ? badge('late', t('ambiguity.auto')) : t('commission.byParty')),
    el('td', {}, refs(a.concerning)),
    el('td', {}, a.open ? badge('pending', t('commission.openItem')) : [badge('ok', t('commission.closed')), ' ', closedBy(a.closedBy)]),
    el('td', {}, entryLink(a.entry)))), 'agenda-table', t('commission.noAgenda')));
}

function sessionsSection(sessions) {
  return section('sessions', t('commission.sessions'), scrolled([t('commission.col.session'), t('inspections.col.date'),
    t('commission.col.place'), t('messages.col.entry')], sessions.map(s => el('tr', { 'data-session': s.id },
    el('td', {}, el('code', {}, s.id)), el('td.time', {}, fmtDate(s.date)), el('td', {}, s.place || '—'), el('td', {}, entryLink(s.entry)))),
  'sessions-table', t('commission.noSessions')));
}

/** The versions of the agreement: as signed, then as each adopted decision amends it from its effective date. */
function versionsSection(versions) {
  return section('versions', t('commission.versions'), el('ol.versions', { id: 'versions-list' }, versions.map(v =>
    el('li', { 'data-decision': v.decision || '' }, t('commission.versionFrom', { date: fmtDate(v.from) }), ' — ',
      v.decision ? t('commission.byDecision', { decision: v.decision }) : t('commission.original')))));
}

/** What closed an agenda item: an adopted decision (the Commission says "decision D-1"), else the resolution as written. */
function closedBy(by) {
  if (!by) return null;
  const m = /^decision (.+)$/.exec(by);
  return m ? t('commission.closedByDecision', { decision: m[1] }) : el('span', { dir: 'auto' }, by);
}

function decisionList(agr, decisions) {
  if (!decisions.length) return el('p.muted', { id: 'decisions-list' }, t('commission.noDecisions'));
  const bound = agr.parties.filter(p => p.role !== 'observer').map(p => p.id);
  return el('div.cards', { id: 'decisions-list' }, decisions.map(d => el('article.card.decision', { 'data-decision': d.id,
    'data-adopted': d.adopted ? 'yes' : 'no' },
  el('h3', {}, el('code', {}, d.id), ' ', d.adopted ? badge('ok', t('commission.adopted')) : badge('pending', t('commission.notAdopted'))),
  el('p', { dir: 'auto' }, d.text || '—'),
  fieldList([
    [t('commission.col.session'), d.session || '—'],
    [t('commission.col.item'), d.item ? el('code', {}, d.item) : '—'],
    [t('commission.effectiveFrom'), fmtDateTime(d.effectiveFrom)],
    [t('commission.signedBy'), el('span.signers', {}, bound.map(p => el('span.signer', { 'data-party': p },
      (d.signedBy || []).includes(p) ? badge('ok', t('commission.signedByParty', { party: p })) : badge('pending', t('commission.notSignedBy', { party: p })))))],
    [t('commission.adoptedAt'), fmtDateTime(d.adoptedAt)],
    [t('messages.col.entry'), entryLink(d.entry)]]),
  (d.amendments || []).length ? [el('h4', {}, t('commission.amendments')), el('ul.amendments', {}, d.amendments.map(a =>
    el('li', {}, el('bdi', { dir: 'ltr' }, el('code', {}, a.path), ' = ', el('code', {}, JSON.stringify(a.value))))))] : null)));
}

/** The commission's page shows under an agreement that includes it (its message types). */
const hasCommission = agr => agr.messages.some(m => m.id.startsWith('commission-'));
register({ id: 'commission', nav: 'nav.commission', order: 70, render: commission,
  applies: hasCommission });
