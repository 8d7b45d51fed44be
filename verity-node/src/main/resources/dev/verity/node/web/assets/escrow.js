// The Escrow page: escrowed declarations (docs/formats/escrow.md, "The node"). Per Party the
// commitments (a Merkle root over salted item records plus the aggregates, checked against the
// limits with nothing revealed) and the items revealed with inclusion proofs, each verified by
// this node against the commitment; the problems first; for this node's operator, a reveal form.
import { t, tOr, fmtNum, fmtDate } from './i18n.js';
import { get, post } from './api.js';
import { el, badge, table, pagedTable, errorBox } from './dom.js';
import { register } from './registry.js';

const ESCROW = 'escrow';
const agreement = () => get('/api/v1/agreement', true);
const partyName = (agr, id) => tOr('party.' + id, agr.parties.find(p => p.id === id)?.name || id);
const entryLink = e => el('a.entry-link', { href: `#/message/${encodeURIComponent(e.party)}/${e.index}` },
  `${e.party} #${fmtNum(e.index)}`);

async function escrow(view, ctx) {
  const agr = await agreement();
  if (ctx.stale()) return;
  view.append(el('div.page-head', {}, el('h1', {}, t('escrow.title'))));
  if (agr.declarationMode !== ESCROW) {
    view.append(el('p.muted', { id: 'escrow-open' },
      t('escrow.openMode', { agreement: tOr('agreement.' + agr.id, agr.title) })));
    return;
  }
  view.append(el('p.muted', {}, t('escrow.explain')));
  const content = el('div', { id: 'escrow-content' });
  const refresh = async () => {
    const data = await get('/api/v1/escrow');
    if (!ctx.stale()) content.replaceChildren(...escrowContent(agr, data));
  };
  if (ctx.session.role === 'operator') view.append(revealForm(partyName(agr, ctx.session.party), refresh));
  view.append(content);
  await refresh();
}

function escrowContent(agr, data) {
  const out = [problemList(data.problems || [])];
  const parties = agr.parties.map(p => p.id).filter(p => data.parties[p]);
  for (const p of parties) {
    const x = data.parties[p];
    const nothing = !x.commitments.length && !x.reveals.length;
    out.push(el('section.escrow-party', { 'data-party': p },
      el('h2', {}, partyName(agr, p)),
      x.commitments.length ? el('div.cards', {}, x.commitments.slice().reverse().map(c => commitmentCard(agr, c)))
        : el('p.muted.no-commitment', {}, t('escrow.noCommitment')),
      nothing ? null : revealTable(p, x.reveals)));
  }
  return out;
}

function problemList(problems) {
  if (!problems.length) return el('p.ok-text', { id: 'escrow-problems', 'data-count': 0 }, t('escrow.noProblems'));
  return el('div.alert.error.escrow-problems', { id: 'escrow-problems', role: 'alert', 'data-count': problems.length },
    el('strong', {}, t('escrow.problems', { n: fmtNum(problems.length) })),
    el('ul.problems', {}, problems.map(p => el('li', {}, el('code', { dir: 'auto' }, p)))));
}

function commitmentCard(agr, c) {
  const short = c.root.length > 16 ? c.root.slice(0, 16) + '…' : c.root;
  const copied = el('span.copied.small', { 'aria-live': 'polite' });
  const copy = el('button.secondary.small-button.copy-root', { type: 'button', title: t('escrow.copyRoot'),
    'aria-label': t('escrow.copyRoot'), onclick: () => copyText(c.root).then(
      () => copied.replaceChildren(t('escrow.copied')), () => copied.replaceChildren(t('escrow.copyFailed'))) }, t('escrow.copy'));
  const share = c.size ? c.revealed / c.size : 0;
  return el('article.card.commitment', { 'data-as-of': c.asOf, 'data-root': c.root },
    el('h3', {}, t('escrow.asOf', { date: fmtDate(c.asOf) })),
    el('dl.fields', {},
      el('dt', {}, t('escrow.root')), el('dd', {}, el('code.hash.root', { title: c.root }, short), ' ', copy, ' ', copied),
      el('dt', {}, t('escrow.entry')), el('dd', {}, entryLink(c.entry)),
      el('dt', {}, t('escrow.committed')), el('dd.committed', {}, fmtNum(c.size)),
      el('dt', {}, t('escrow.revealed')), el('dd', {}, el('span.revealed', {}, fmtNum(c.revealed)),
        ' ', t('escrow.ofCommitted', { pct: new Intl.NumberFormat(document.documentElement.lang,
          { style: 'percent', maximumFractionDigits: 1 }).format(share) }))),
    el('progress.gauge', { max: Math.max(1, c.size), value: c.revealed, 'aria-label': t('escrow.gauge') }),
    aggregatesTable(agr, c));
}

/** The committed aggregates against the agreement's limits (checked with nothing revealed). */
function aggregatesTable(agr, c) {
  const limits = agr.limits.filter(l => l.aggregate in c.aggregates);
  const others = Object.keys(c.aggregates).filter(a => !limits.some(l => l.aggregate === a));
  const row = (aggregate, label, value, max) => {
    const status = max == null ? null : value <= max ? 'within' : 'exceeds';
    return el('tr', { 'data-aggregate': aggregate },
      el('th', { scope: 'row' }, tOr('limit.' + label, label)),
      el('td.num.value', {}, fmtNum(value)), el('td.num.max', {}, fmtNum(max)),
      el('td.num', {}, max == null ? '—' : fmtNum(max - value)),
      el('td', {}, status ? badge(status, tOr('limitstatus.' + status, status)) : '—'));
  };
  return el('div.scroll.aggregates', {}, table([t('escrow.aggregate'), t('escrow.committedValue'), t('overview.max'),
    t('overview.margin'), t('overview.status')],
  [...limits.map(l => row(l.aggregate, l.name, c.aggregates[l.aggregate], l.max)),
    ...others.map(a => row(a, a, c.aggregates[a], null))]));
}

function revealTable(party, reveals) {
  const head = el('h3', {}, t('escrow.reveals', { n: fmtNum(reveals.length) }));
  if (!reveals.length) return el('div', {}, head, el('p.muted', {}, t('escrow.noReveals')));
  const row = r => el('tr', { 'data-item': r.item, 'data-ok': r.ok ? 'yes' : 'no', class: r.ok ? null : 'bad-row' },
    el('td.nowrap', {}, el('code', {}, r.item)),
    el('td.num', {}, fmtNum(r.index)),
    el('td', {}, r.record ? recordText(r.record) : '—'),
    el('td.verdict', {}, r.ok ? badge('ok', '✓ ' + t('escrow.verified')) : el('mark.problem-text', { dir: 'auto' }, r.problem)),
    el('td.nowrap', {}, entryLink(r.entry)));
  return el('div', {}, head, pagedTable([t('escrow.item'), t('escrow.index'), t('escrow.record'), t('escrow.verdict'),
    t('escrow.entry')], reveals, row, { id: 'reveals-' + party }, 100));
}

function recordText(i) {
  return [tOr('kind.' + i.kind, i.kind), i.facility, i.warheads != null ? t('escrow.warheads', { n: fmtNum(i.warheads) }) : null]
    .filter(Boolean).join(' · ');
}

async function copyText(s) {
  if (navigator.clipboard) return navigator.clipboard.writeText(s);
  throw new Error('no clipboard');
}

const ID = /^[A-Za-z0-9._:/-]{1,128}$/;

/** The operator's reveal of this node's own items: identifiers, comma separated, or all. */
function revealForm(party, refresh) {
  const input = el('input', { type: 'text', id: 'reveal-items', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'M-0000001, S-0000001', 'aria-describedby': 'reveal-help' });
  const result = el('div', { id: 'reveal-result', 'aria-live': 'polite' });
  const send = async items => {
    result.replaceChildren(el('p.muted', {}, t('escrow.revealing')));
    buttons.forEach(b => { b.disabled = true; });
    try {
      const r = await post('/api/v1/escrow/reveals', { items });
      result.replaceChildren(el('div.alert.ok', { role: 'status', id: 'reveal-ok' },
        t('escrow.revealedIn', { n: fmtNum(r.entries ?? 1), party: r.party, index: fmtNum(r.index) })));
      input.value = '';
      await refresh();
    } catch (e) {
      result.replaceChildren(e.status === 422 || e.status === 400
        ? el('div.alert.error', { role: 'alert', id: 'reveal-refused' }, t('escrow.refused', { error: e.message }))
        : errorBox(e));
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  };
  const submit = el('button', { type: 'submit', id: 'reveal-submit' }, t('escrow.reveal'));
  const all = el('button.secondary', { type: 'button', id: 'reveal-all', onclick: () => send('all') }, t('escrow.revealAll'));
  const buttons = [submit, all];
  const form = el('form.card.reveal-form', { id: 'reveal-form', novalidate: true, onsubmit: ev => {
    ev.preventDefault();
    const ids = input.value.split(',').map(s => s.trim()).filter(Boolean);
    const bad = ids.find(s => !ID.test(s));
    if (!ids.length || bad) {
      result.replaceChildren(el('div.alert.error', { role: 'alert', id: 'reveal-invalid' },
        bad ? t('escrow.badId', { id: bad }) : t('escrow.noItems')));
      return;
    }
    send(ids);
  } },
  el('h2', {}, t('escrow.revealTitle', { party })),
  el('label', { for: 'reveal-items' }, t('escrow.revealItems')), el('p.muted.small', { id: 'reveal-help' }, t('escrow.revealHelp')),
  el('div.reveal-row', {}, input, submit, all), result);
  return form;
}

register({ id: 'escrow', nav: 'nav.escrow', order: 95, render: escrow,
  applies: agr => agr.declarationMode === ESCROW });
