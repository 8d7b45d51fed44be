package dev.verity.node.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.reconcile.Discrepancy;
import dev.verity.core.reconcile.DiscrepancyKind;
import dev.verity.core.reconcile.Reconciler;
import dev.verity.core.reconcile.Reconciliation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Each Party's data exchanges reconciled in the node, each against the one before plus the
 * notifications between them, in their corrected form and dated by receipt (New START Article
 * VII; the same {@link Reconciler} as {@code verity reconcile}). A projection like the others:
 * computed from the entries when asked, kept until an entry or a receipt changes it. When a data
 * exchange arrives (submitted or mirrored), items missing from it or unexplained by anything are
 * also alarmed at once. Guarded by the {@link Projections} lock.
 */
public final class Reconciliations {
  /** Receipts are not known when a data exchange arrives: timeliness waits for the API. */
  private static final Map<String, NavigableMap<Long, Long>> NO_RECEIPTS = Map.of();

  /**
   * One data exchange against the previous one: the reconciliation, or why it could not be made
   * (a notification between that does not apply).
   *
   * @param entry the index of the entry that completed the later data exchange
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(
      String party,
      LocalDate from,
      LocalDate to,
      Long entry,
      Reconciliation reconciliation,
      String error) {}

  private final Projections projections;
  private String cachedKey;
  private List<Result> cached;

  Reconciliations(Projections projections) {
    this.projections = projections;
  }

  /** Every consecutive pair of every Party's data exchanges. */
  List<Result> all(Map<String, NavigableMap<Long, Long>> received) {
    String key = key(received);
    if (!key.equals(cachedKey)) {
      List<Result> out = new ArrayList<>();
      for (String party : new java.util.TreeSet<>(projections.recorded())) {
        out.addAll(of(party, received));
      }
      cached = List.copyOf(out);
      cachedKey = key;
    }
    return cached;
  }

  private String key(Map<String, NavigableMap<Long, Long>> received) {
    StringBuilder b = new StringBuilder();
    for (String party : new java.util.TreeSet<>(projections.recorded())) {
      NavigableMap<Long, Long> t = received.getOrDefault(party, new TreeMap<>());
      b.append(party)
          .append(':')
          .append(projections.ledger(party).version())
          .append(':')
          .append(t.size())
          .append(':')
          .append(t.isEmpty() ? "" : t.lastEntry())
          .append(';');
    }
    return b.toString();
  }

  private List<Result> of(String party, Map<String, NavigableMap<Long, Long>> received) {
    NotificationLedger l = projections.ledger(party);
    List<Declaration> ds = l.declarations();
    List<Result> out = new ArrayList<>();
    for (int i = 1; i < ds.size(); i++) {
      out.add(reconcile(l, ds.get(i - 1), ds.get(i), dated(l, received.get(party))));
    }
    return out;
  }

  private Result reconcile(
      NotificationLedger l, Declaration from, Declaration to, List<Notification> ns) {
    String party = to.party();
    Long entry = l.declarationEntry(to.asOf()).orElse(null);
    try {
      Reconciliation r =
          new Reconciler(projections.agreement())
              .reconcile(
                  party + " as of " + from.asOf(),
                  from,
                  ns,
                  party + " as of " + to.asOf(),
                  to,
                  l.withdrawn());
      return new Result(party, from.asOf(), to.asOf(), entry, r, null);
    } catch (Exception e) { // a notification between that does not apply, named in the message
      return new Result(party, from.asOf(), to.asOf(), entry, null, e.getMessage());
    }
  }

  /** The Party's notifications in force, each dated by the receipt of the entry that said it. */
  private static List<Notification> dated(NotificationLedger l, NavigableMap<Long, Long> times) {
    List<Notification> out = new ArrayList<>();
    for (NotificationLedger.Version v : l.currentVersions()) {
      out.add(
          v.notification()
              .withReceivedAt(times == null ? null : Projections.receivedAt(times, v.index())));
    }
    return out;
  }

  /** Alarms the items missing or unexplained in {@code party}'s new data exchange {@code d}. */
  void alarm(String party, Declaration d, ProjectionAlarms alarms) {
    NotificationLedger l = projections.ledger(party);
    Declaration before = null;
    for (Declaration x : l.declarations()) {
      before = x.asOf().isBefore(d.asOf()) ? x : before;
    }
    if (before == null) {
      return;
    }
    Result r = reconcile(l, before, d, dated(l, NO_RECEIPTS.get(party)));
    if (r.reconciliation() == null) {
      return;
    }
    raise(
        alarms,
        r,
        DiscrepancyKind.MISSING_ITEM,
        ProjectionAlarms.MISSING_ITEM,
        "missing: expected from the data exchange as of "
            + before.asOf()
            + " and the notifications since");
    raise(
        alarms,
        r,
        DiscrepancyKind.UNEXPLAINED_ITEM,
        ProjectionAlarms.UNEXPLAINED_ITEM,
        "unexplained: neither declared as of " + before.asOf() + " nor notified since");
  }

  private static void raise(
      ProjectionAlarms alarms, Result r, DiscrepancyKind kind, String alarm, String why) {
    List<String> ids =
        r.reconciliation().discrepancies().stream()
            .filter(x -> x.kind() == kind)
            .map(Discrepancy::item)
            .toList();
    if (!ids.isEmpty()) {
      String shown =
          String.join(", ", ids.subList(0, Math.min(ids.size(), 50)))
              + (ids.size() > 50 ? " and " + (ids.size() - 50) + " more" : "");
      alarms.raise(
          r.party(),
          alarm,
          r.party()
              + "'s data exchange as of "
              + r.to()
              + " (entry "
              + r.entry()
              + "): "
              + ids.size()
              + " item(s) "
              + why
              + ": "
              + shown);
    }
  }
}
