package dev.verity.core.reconcile;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.inventory.ItemStatus;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import dev.verity.core.obligation.Obligation;
import dev.verity.core.obligation.ObligationStatus;
import dev.verity.core.obligation.ObligationTracker;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a new data exchange with the previous one plus the notifications between them
 * (New START Article VII: the database is updated by notifications and the semi-annual
 * exchanges; the two must agree).
 */
public final class Reconciler {
  private final Agreement agreement;

  public Reconciler(Agreement agreement) {
    this.agreement = agreement;
  }

  /**
   * @param notifications any notifications; those of the Party with an event from the previous
   *     exchange (inclusive) to the new one (exclusive) are applied
   */
  public Reconciliation reconcile(String fromSource, Declaration from, List<Notification> notifications,
      String toSource, Declaration to) throws ReconcileException, DeclarationException, InventoryException {
    return reconcile(fromSource, from, notifications, toSource, to, Set.of());
  }

  /**
   * As {@link #reconcile(String, Declaration, List, String, Declaration)}, where the numbers in
   * {@code withdrawn} were withdrawn by their sender (a correction with no replacement): a gap
   * there is explained, not a missing notification.
   */
  public Reconciliation reconcile(String fromSource, Declaration from,
      List<Notification> notifications, String toSource, Declaration to, Set<Long> withdrawn)
      throws ReconcileException, DeclarationException, InventoryException {
    if (!from.party().equals(to.party())) {
      throw new ReconcileException(toSource + ": party: '" + to.party() + "' differs from '" + from.party() + "' in " + fromSource);
    }
    if (!to.asOf().isAfter(from.asOf())) {
      throw new ReconcileException(toSource + ": asOf: dates out of order: " + to.asOf()
          + " is not after " + from.asOf() + " (" + fromSource + ")");
    }
    Instant start = from.asOf().atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = to.asOf().atStartOfDay().toInstant(ZoneOffset.UTC);
    List<Notification> period = notifications.stream()
        .filter(n -> n.party().equals(from.party()))
        .filter(n -> !n.eventTime().isBefore(start) && n.eventTime().isBefore(end))
        .sorted(Comparator.comparing(Notification::eventTime).thenComparingLong(Notification::number))
        .toList();
    Inventory expected = Inventory.of(agreement, fromSource, from);
    for (Notification n : period) {
      expected.apply(n);
    }
    Inventory declared = Inventory.of(agreement, toSource, to);
    List<Discrepancy> out = new ArrayList<>(compareItems(expected, declared));
    out.addAll(timeliness(period, to));
    out.addAll(gaps(notifications, from.party(), start, end, withdrawn));
    return new Reconciliation(from.party(), from.asOf(), to.asOf(), period.size(),
        expected.aggregates(), declared.aggregates(), out);
  }

  private static List<Discrepancy> compareItems(Inventory exp, Inventory dec) {
    String party = exp.party();
    List<Discrepancy> out = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(exp.items().keySet());
    ids.addAll(dec.items().keySet());
    for (String id : ids) {
      Item e = exp.item(id);
      Item d = dec.item(id);
      if (d == null) {
        out.add(new Discrepancy(DiscrepancyKind.MISSING_ITEM, party, id, null, describe(exp, e), null));
      } else if (e == null) {
        out.add(new Discrepancy(DiscrepancyKind.UNEXPLAINED_ITEM, party, id, null, null, describe(dec, d)));
      } else {
        if (!Objects.equals(e.facility(), d.facility()) || !Objects.equals(e.launcher(), d.launcher())) {
          out.add(new Discrepancy(DiscrepancyKind.LOCATION_MISMATCH, party, id, null, where(e), where(d)));
        } else {
          ItemStatus se = exp.status(id);
          ItemStatus sd = dec.status(id);
          if (se != sd) {
            out.add(new Discrepancy(DiscrepancyKind.STATUS_MISMATCH, party, id, null, se.label(), sd.label()));
          }
        }
        if (e.warheadCount() != d.warheadCount()) {
          out.add(new Discrepancy(DiscrepancyKind.WARHEAD_MISMATCH, party, id, null,
              String.valueOf(e.warheadCount()), String.valueOf(d.warheadCount())));
        }
      }
    }
    return out;
  }

  private static String describe(Inventory inv, Item it) {
    return it.kind() + " at " + where(it) + " (" + inv.status(it.id()).label() + ")";
  }

  private static String where(Item it) {
    return it.facility() + (it.launcher() == null ? "" : " in " + it.launcher());
  }

  private List<Discrepancy> timeliness(List<Notification> period, Declaration to) {
    ObligationTracker t = new ObligationTracker(agreement);
    Instant nextDue = t.exchangeDue(to.asOf());
    List<Discrepancy> out = new ArrayList<>();
    for (Obligation o : t.notifications(period, nextDue, null)) {
      if (o.status() == ObligationStatus.LATE) {
        out.add(new Discrepancy(DiscrepancyKind.LATE_NOTIFICATION, o.party(), null, o.notification(),
            "by " + o.due(), "received " + o.metAt()));
      }
    }
    return out;
  }

  /** Numbers missing between consecutive notifications of the Party, where the later one falls
   * in the period. */
  private static List<Discrepancy> gaps(List<Notification> all, String party, Instant start,
      Instant end, Set<Long> withdrawn) {
    List<Notification> mine = all.stream().filter(n -> n.party().equals(party))
        .sorted(Comparator.comparingLong(Notification::number)).toList();
    List<Discrepancy> out = new ArrayList<>();
    for (int i = 1; i < mine.size(); i++) {
      Notification prev = mine.get(i - 1);
      Notification n = mine.get(i);
      boolean inPeriod = !n.eventTime().isBefore(start) && n.eventTime().isBefore(end);
      for (long k = prev.number() + 1; inPeriod && k < n.number(); k++) {
        if (withdrawn.contains(k)) {
          continue;
        }
        out.add(new Discrepancy(DiscrepancyKind.MISSING_NOTIFICATION, party, null, k,
            "between #" + prev.number() + " and #" + n.number(), null));
      }
    }
    return out;
  }
}
