package dev.verity.node.projection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.inventory.InventoryRegime;
import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Notification;
import dev.verity.core.obligation.ObligationTracker;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Obligation.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The inventory regime's obligations as a node judges them at {@code asOf}, typed (issue 12):
 * each notification in force against its type's deadline, each bound Party's data exchanges, all
 * dated by receipt (New START Protocol Part Four: "the date of provision is the date of receipt",
 * here the first cosignature covering the entry). The regime id, types and subjects are those of
 * the offline evaluator's {@link InventoryRegime}: a notification's subject is its number, a data
 * exchange's its as-of date, its type {@code data-exchange}. A receipt after {@code asOf} is not
 * known at {@code asOf}.
 */
final class InventoryObligations {
  static final String DATA_EXCHANGE = "data-exchange";

  private final Agreement agreement;
  private final ObligationTracker tracker;
  private final Instant asOf;
  /** When the next data exchange is due after {@code asOf}'s day: warhead changes are owed then. */
  private final Instant nextExchangeDue;

  InventoryObligations(Agreement agreement, Instant asOf) {
    this.agreement = agreement;
    this.tracker = new ObligationTracker(agreement);
    this.asOf = asOf;
    LocalDate today = asOf.atOffset(ZoneOffset.UTC).toLocalDate();
    this.nextExchangeDue = agreement.dataExchange() == null ? null
        : tracker.exchangeDue(agreement.exchangeDates(today.plusYears(1)).stream()
            .filter(x -> x.isAfter(today)).findFirst().orElse(today.plusMonths(6)));
  }

  /**
   * Notification {@code n}, in force from {@code entry} (a correction's, if {@code corrected}),
   * received at {@code receivedAt} (null: not yet); null if its type sets no deadline.
   */
  Owed notification(Notification n, EntryRef entry, Instant receivedAt, boolean corrected) {
    Instant due = tracker.deadline(n, nextExchangeDue);
    if (due == null) {
      return null;
    }
    Status s = Obligation.judge(null, due, receivedAt, asOf);
    return Owed.of(new Obligation(InventoryRegime.ID, Obligation.Kind.DEADLINE, n.type(),
        Long.toString(n.number()), n.party(), due, s, met(s) ? entry : null, null),
        met(s) ? receivedAt : null, n.item(), corrected);
  }

  /**
   * {@code party}'s data exchange with data as of {@code day}, made by {@code entry} received at
   * {@code receivedAt} (both null: none yet). An optional exchange (a voluntary regime) is never
   * missing.
   */
  Owed exchange(String party, LocalDate day, EntryRef entry, Instant receivedAt) {
    Instant due = tracker.exchangeDue(day);
    Status s = Obligation.judge(null, due, receivedAt, asOf);
    if (s == Status.MISSING && !agreement.dataExchange().required()) {
      s = Status.DUE;
    }
    return Owed.of(new Obligation(InventoryRegime.ID, Obligation.Kind.DEADLINE, DATA_EXCHANGE,
        day.toString(), party, due, s, met(s) ? entry : null, null),
        met(s) ? receivedAt : null, null, false);
  }

  private static boolean met(Status s) {
    return s == Status.MET || s == Status.LATE;
  }
}
