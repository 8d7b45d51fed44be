// The Reconciliation page: each Party's data exchange against the previous one plus the
// notifications between them (GET /api/v1/reconciliation, New START Article VII), as the node
// computes it from both logs; discrepancies by unique identifier or notification number.
import { t, tOr, fmtNum, fmtDate, fmtDateTime } from './i18n.js';
import { get } from './api.js';
import { el, badge, table, pagedTable } from './dom.js';
import { register } from './registry.js';

const agreement = () => get('/api/v1/agreement', true);
const partyName = (agr, id) => tOr('party.' + id, agr.parties.find(p => p.id === id)?.name || id);
const limitName = l => tOr('limit.' + l, l);

async function reconciliation(view, ctx) {
  const [agr, data] = await Promise.all([agreement(), get('/api/v1/reconciliation')]);
  if (ctx.stale()) return;
  view.append(el('div.page-head', {}, el('h1', {}, t('recon.title'))));
  view.append(el('p.muted', {}, t('recon.explain')));
  const all = data.reconciliations || [];
  if (!all.length) {
    view.append(el('p.muted', { id: 'recon-none' }, t(agr.declarationMode === 'escrow' ? 'recon.escrow' : 'recon.none')));
    return;
  }
  const found = all.reduce((n, r) => n + (r.reconciliation?.discrepancies.length || 0), 0);
  view.append(el('p', { id: 'recon-summary', 'data-count': found }, t('recon.summary', { n: fmtNum(found), pairs: fmtNum(all.length) })));
  for (const r of all) view.append(card(agr, r));
}

function card(agr, r) {
  const head = el('h2', {}, partyName(agr, r.party), ' — ', t('recon.pair', { from: fmtDate(r.from), to: fmtDate(r.to) }));
  const id = `recon-${r.party}-${r.to}`;
  const entry = r.entry == null ? null : el('a.entry-link', { href: `#/message/${encodeURIComponent(r.party)}/${r.entry}` },
    t('recon.entry', { party: r.party, index: fmtNum(r.entry) }));
  if (r.error) {
    return el('article.card.reconciliation', { id, 'data-party': r.party }, head, entry,
      el('div.alert.error', { role: 'alert' }, t('recon.error', { error: r.error })));
  }
  const x = r.reconciliation;
  const ds = x.discrepancies;
  return el('article.card.reconciliation', { id, 'data-party': r.party, 'data-count': ds.length }, head,
    el('p.muted', {}, entry, ' ', t('recon.applied', { n: fmtNum(x.notificationsApplied) })),
    aggregates(x),
    ds.length ? pagedTable([t('recon.kind'), t('recon.subject'), t('recon.expected'), t('recon.declared')], ds, d =>
      el('tr', { 'data-kind': d.kind, 'data-item': d.item ?? '', 'data-notification': d.notification ?? '' },
        el('td', {}, badge(d.kind === 'late-notification' ? 'late' : 'missing', tOr('disc.' + d.kind, d.kind))),
        el('td', {}, d.item ? el('code', {}, d.item) : t('recon.number', { n: fmtNum(d.notification) })),
        el('td', {}, words(d.expected)), el('td', {}, words(d.declared))), { id: id + '-table' })
      : el('p.ok-text', {}, t('recon.clean')));
}

/** The expected and the declared aggregates, side by side. */
function aggregates(x) {
  const rows = Object.keys(x.declaredAggregates || {}).map(k => el('tr', { 'data-aggregate': k },
    el('th', { scope: 'row' }, limitName(k)), el('td.num', {}, fmtNum(x.expectedAggregates[k])),
    el('td.num', {}, fmtNum(x.declaredAggregates[k]))));
  return table([t('recon.aggregate'), t('recon.expected'), t('recon.declared')], rows);
}

/** A discrepancy's detail: an instant in the reader's words, else as the node gave it. */
function words(s) {
  if (s == null) return '—';
  const m = /^(by|received) (\d{4}-\d{2}-\d{2}T[0-9:.]+Z)$/.exec(s);
  return m ? t('recon.' + m[1], { time: fmtDateTime(m[2]) }) : s;
}

/** Data exchanges are reconciled under an agreement that has them (New START's, Article VII). */
register({ id: 'reconciliation', nav: 'nav.reconciliation', order: 55, render: reconciliation,
  applies: agr => agr.dataExchange != null });
