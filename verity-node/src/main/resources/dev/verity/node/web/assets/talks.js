// The Talks page (docs/formats/talks.md; docs/user/dashboard.md, "Talks"): rounds → tracks →
// sessions with their agenda, outputs and the capital-report anchors (hash and time only); each
// delegation's roster over time; every text with its state, its versions with redlines and each
// signatory's initials and signatures (agreed only when every signatory's latest signature names
// one hash); the glossary; the action items as obligations of their owners.
import { t, tOr, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, badge, table } from './dom.js';
import { register } from './registry.js';

const STATE_BADGE = { agreed: 'ok', initialled: 'pending', draft: 'late' };
const OWED_BADGE = { met: 'ok', due: 'pending', pending: 'pending', late: 'late', missing: 'missing' };
const short = h => (h && h.length > 12 ? h.slice(0, 12) + '…' : h || '—');
const hash = h => el('code.hash', { title: h || '', dir: 'ltr' }, short(h));
const party = p => el('bdi.party', { 'data-party': p }, tOr('party.' + p, p));
const stateBadge = s => el('span.text-state', { 'data-state': s }, badge(STATE_BADGE[s] || 'pending', tOr('talks.state.' + s, s)));

async function talks(view, ctx) {
  const data = await get('/api/v1/talks');
  if (ctx.stale()) return;
  const v = data.talks;
  view.append(el('div.page-head', {}, el('h1', {}, t('talks.title'))),
    el('p.muted', {}, t('talks.explain', { parties: v.signatories.join(', ') })));
  const byRound = new Map(v.rounds.map(r => [r.round.number, r]));
  view.append(el('section', { id: 'talks-rounds' }, el('h2', {}, t('talks.rounds')),
    v.rounds.length ? el('div.cards', {}, v.rounds.map(r => roundCard(r))) : el('p.muted', {}, t('talks.noRounds'))));
  view.append(rostersSection(v.rosters));
  view.append(textsSection(v, byRound));
  view.append(glossarySection(v.glossary));
  view.append(actionItemsSection(v.actionItems, data.obligations || []));
}

function roundCard(r) {
  const x = r.round;
  const tracks = Object.values(r.tracks);
  return el('article.card.round', { 'data-round': x.number },
    el('h3', {}, t('talks.round', { n: fmtNum(x.number), venue: x.venue })),
    el('p.muted', {}, fmtDate(x.firstDay), ' – ', fmtDate(x.lastDay), ' · ', t('talks.host'), ': ', party(x.host)),
    el('h4', {}, t('talks.tracks')),
    tracks.length ? el('ul.tracks', {}, tracks.map(tr => el('li', { 'data-track': tr.id },
      el('strong', {}, tOr('talks.track.' + tr.id, tr.name)),
      agendaList(Object.values(r.agenda).filter(a => a.track === tr.id)),
      sessionList(r.sessions.filter(s => s.track === tr.id)))))
      : el('p.muted', {}, t('talks.noTracks')),
    plenary(r),
    r.outputs.length ? [el('h4', {}, t('talks.outputs')), el('ul.outputs', {}, r.outputs.map(o => el('li', {},
      badge('ok', tOr('talks.output.' + o.kind, o.kind)), ' ', el('span', { dir: 'auto' }, o.summary || ''),
      o.agreement ? [' → ', el('code', {}, o.agreement + (o.subject ? ' / ' + o.subject : ''))] : null)))] : null,
    el('h4', {}, t('talks.capitalReports')),
    r.capitalReports.length ? el('ul.capital-anchors', {}, r.capitalReports.map(a => el('li', { 'data-party': a.party },
      party(a.party), ' · ', fmtDateTime(a.at), ' · ', hash(a.hash))))
      : el('p.muted', {}, t('talks.noCapitalReports')));
}

function plenary(r) {
  const items = Object.values(r.agenda).filter(a => !a.track);
  const sessions = r.sessions.filter(s => !s.track);
  if (!items.length && !sessions.length) return null;
  return [el('h4', {}, t('talks.plenary')), agendaList(items), sessionList(sessions)];
}

function agendaList(items) {
  return items.length ? el('ul.agenda', {}, items.map(a => el('li', { 'data-agenda': a.id }, el('span', { dir: 'auto' }, a.title)))) : null;
}

function sessionList(sessions) {
  if (!sessions.length) return null;
  return el('ul.sessions', {}, sessions.map(s => el('li', { 'data-session': s.id },
    badge('pending', t(s.delegations.length === 2 ? 'talks.bilateral' : 'talks.trilateral')), ' ',
    tOr('talks.kind.' + s.kind, s.kind), ': ', s.delegations.map(party).flatMap((p, i) => (i ? [', ', p] : [p])),
    ' · ', fmtDateTime(s.start), ' – ', fmtDateTime(s.end))));
}

function rostersSection(rosters) {
  const parties = Object.keys(rosters);
  return el('section', { id: 'talks-rosters' }, el('h2', {}, t('talks.rosters')),
    parties.length ? el('div.scroll', {}, table([t('talks.delegation'), t('talks.from'), t('talks.head'), t('talks.members')],
      parties.flatMap(p => rosters[p].map(e => el('tr', { 'data-party': p },
        el('td', {}, party(p)), el('td.nowrap', {}, fmtDateTime(e.from)),
        el('td', { dir: 'auto' }, e.roster.head),
        el('td', { dir: 'auto' }, e.roster.members.map(m => m.post ? `${m.name} (${m.post})` : m.name).join(', ')))))))
      : el('p.muted', {}, t('talks.noRosters')));
}

function textsSection(v, byRound) {
  return el('section', { id: 'talks-texts' }, el('h2', {}, t('talks.texts')),
    v.texts.length ? v.texts.map(x => textCard(x, v.signatories, byRound)) : el('p.muted', {}, t('talks.noTexts')));
}

function textCard(x, signatories, byRound) {
  const tx = x.text;
  const latest = tx.versions[tx.versions.length - 1];
  const rd = byRound.get(latest.round);
  return el('article.card.text', { 'data-text': tx.id, 'data-state': x.state },
    el('h3', {}, el('code', {}, tx.id), ' ', stateBadge(x.state), ' ',
      el('span.muted', {}, tOr('talks.textKind.' + tx.kind, tx.kind), tx.term ? ' · ' + tx.term : '')),
    el('p.muted', {}, t('talks.latest', { v: fmtNum(latest.version) }), ' · ', hash(latest.hash),
      rd ? ' · ' + t('talks.round', { n: fmtNum(rd.round.number), venue: rd.round.venue }) : ''),
    marksTable(tx, signatories),
    x.divergences.length ? el('div.alert.error.divergences', { role: 'status' }, x.divergences.map(d =>
      el('p', {}, t('talks.divergence.' + d.of), ' ', Object.entries(d.versions).map(([p, n]) => `${p}: v${n}`).join(', ')))) : null,
    el('details.versions', {}, el('summary', {}, t('talks.versions', { n: fmtNum(tx.versions.length) })),
      tx.versions.slice().reverse().map(vv => versionBlock(vv))));
}

/** Each signatory's latest initial and signature: which version (hash) it names. */
function marksTable(tx, signatories) {
  const latest = (marks, p) => marks.filter(m => m.party === p).slice(-1)[0];
  const cell = m => (m ? el('span', {}, 'v' + m.version, ' ', hash(m.hash), ' · ', fmtDateTime(m.at)) : el('span.muted', {}, '—'));
  return el('div.scroll', {}, table([t('talks.signatory'), t('talks.initialled'), t('talks.signed')],
    signatories.map(p => el('tr', { 'data-party': p, 'data-initial': latest(tx.initials, p)?.hash || '', 'data-signature': latest(tx.signatures, p)?.hash || '' },
      el('td', {}, party(p)), el('td', {}, cell(latest(tx.initials, p))), el('td', {}, cell(latest(tx.signatures, p))))),
    { class: 'data marks' }));
}

function versionBlock(v) {
  return el('div.version', { 'data-version': v.version },
    el('h4', {}, 'v' + v.version, ' · ', party(v.author), ' · ', fmtDateTime(v.at), ' · ', hash(v.hash)),
    el('ul.clauses', {}, v.clauses.map(c => el('li', { dir: 'auto' }, el('code', {}, c.id), ' ', c.text))),
    v.redline.changes.length ? el('ul.redline', {}, v.redline.changes.map(c => el('li', { 'data-change': c.kind },
      badge(c.kind === 'removed' ? 'missing' : c.kind === 'added' ? 'ok' : 'late', tOr('talks.change.' + c.kind, c.kind)), ' ',
      el('code', {}, c.clause), ' ',
      c.before != null ? el('del', { dir: 'auto' }, c.before) : null, ' ',
      c.after != null ? el('ins', { dir: 'auto' }, c.after) : null))) : null);
}

function glossarySection(glossary) {
  const terms = Object.values(glossary);
  return el('section', { id: 'talks-glossary' }, el('h2', {}, t('talks.glossary')),
    terms.length ? el('dl.fields.glossary', {}, terms.flatMap(g => [
      el('dt', { 'data-term': g.term }, el('strong', {}, g.term), ' ', el('span.muted', {}, 'v' + g.version), ' ', hash(g.hash)),
      el('dd', { dir: 'auto' }, g.definition.map(c => c.text).join(' '))]))
      : el('p.muted', {}, t('talks.noGlossary')));
}

function actionItemsSection(items, owed) {
  const status = id => owed.find(o => o.subject === id);
  return el('section', { id: 'talks-actions' }, el('h2', {}, t('talks.actionItems')),
    items.length ? el('div.scroll', {}, table([t('talks.item'), t('talks.owner'), t('talks.description'), t('talks.due'), t('talks.status'), t('talks.done')],
      items.map(a => {
        const o = status(a.item.id);
        return el('tr', { 'data-item': a.item.id, 'data-status': o?.status || '' },
          el('td', {}, el('code', {}, a.item.id)), el('td', {}, party(a.item.owner)),
          el('td', { dir: 'auto' }, a.item.description), el('td.nowrap', {}, fmtDateTime(a.item.due)),
          el('td', {}, o ? badge(OWED_BADGE[o.status] || 'pending', tOr('obl.' + o.status, o.status)) : '—'),
          el('td.nowrap', {}, a.doneAt ? fmtDateTime(a.doneAt) : '—'));
      }))) : el('p.muted', {}, t('talks.noActionItems')));
}

register({ id: 'talks', nav: 'nav.talks', order: 80, render: talks,
  applies: agr => agr.messages.some(m => m.id.startsWith('talks-')) });
