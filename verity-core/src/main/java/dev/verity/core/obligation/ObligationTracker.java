package dev.verity.core.obligation;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What is owed under an agreement's deadlines, and whether it was met on time. */
public final class ObligationTracker {
  private final Agreement agreement;

  public ObligationTracker(Agreement agreement) {
    this.agreement = agreement;
  }

  /**
   * The deadline of a notification under its type's rule, or null when the type has none.
   *
   * @param nextExchangeDue the due time of the next data exchange, for changes reported only
   *     there (New START Protocol Part Four: warhead changes)
   */
  public Instant deadline(Notification n, Instant nextExchangeDue) {
    MessageType t = agreement.messageType(n.type()).orElse(null);
    if (t == null || t.deadline() == null) {
      return null;
    }
    MessageType.Deadline d = t.deadline();
    if (d.afterEventDays() != null) {
      // "no later than N days after": the whole N-th day counts
      LocalDate day = n.eventTime().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(d.afterEventDays() + 1L);
      return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (d.afterEventHours() != null) {
      return n.eventTime().plus(Duration.ofHours(d.afterEventHours()));
    }
    if (d.beforeEventHours() != null) {
      return n.eventTime().minus(Duration.ofHours(d.beforeEventHours()));
    }
    if (Boolean.TRUE.equals(d.nextDataExchange())) {
      return nextExchangeDue;
    }
    return null;
  }

  /**
   * Whether something due at {@code due} and met at {@code metAt} (null: not yet) was on time, as
   * seen at {@code now}. A null {@code due} means no deadline.
   */
  public static ObligationStatus judge(Instant due, Instant metAt, Instant now) {
    if (metAt == null) {
      return due != null && now != null && now.isAfter(due) ? ObligationStatus.MISSING : ObligationStatus.PENDING;
    }
    return due == null || !metAt.isAfter(due) ? ObligationStatus.ON_TIME : ObligationStatus.LATE;
  }

  /** Each notification judged against its deadline ("date of provision is the date of receipt"). */
  public List<Obligation> notifications(List<Notification> ns, Instant nextExchangeDue, Instant now) {
    List<Obligation> out = new ArrayList<>();
    for (Notification n : ns) {
      Instant due = deadline(n, nextExchangeDue);
      ObligationStatus s = judge(due, n.receivedAt(), now);
      out.add(new Obligation(n.party(), "notification #" + n.number() + " (" + n.type() + ")", n.number(), n.item(), due, n.receivedAt(), s));
    }
    return out;
  }

  /** When the data exchange with data as of {@code asOf} is due. */
  public Instant exchangeDue(LocalDate asOf) {
    int days = asOf.equals(agreement.entryIntoForce())
        ? agreement.dataExchange().initialDueDaysAfterEntryIntoForce()
        : agreement.dataExchange().dueDaysAfterAsOf();
    return asOf.plusDays(days + 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /**
   * The data exchanges owed by each bound Party up to {@code today}, met by the declarations
   * given (by as-of date). Optional exchanges (a voluntary regime) are never missing.
   */
  public List<Obligation> dataExchanges(List<Declaration> received, LocalDate today) {
    return dataExchanges(received, null, today.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /**
   * The data exchanges owed by each bound Party with an as-of date from {@code since} (null:
   * from entry into force) up to {@code now}, met by the declarations given (by as-of date,
   * dated by their {@code receivedAt}): the initial database, then 1 March and 1 September, each
   * due {@code dueDaysAfterAsOf} later (New START Protocol Part Four section I). One not received
   * by its due time is missing; optional exchanges (a voluntary regime) are never missing.
   */
  public List<Obligation> dataExchanges(List<Declaration> received, LocalDate since, Instant now) {
    List<Obligation> out = new ArrayList<>();
    if (agreement.dataExchange() == null) {
      return out;
    }
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    for (var p : agreement.boundParties()) {
      Map<LocalDate, Declaration> byDate = received.stream()
          .filter(d -> d.party().equals(p.id()))
          .collect(Collectors.toMap(Declaration::asOf, Function.identity(), (a, b) -> a));
      for (LocalDate asOf : agreement.exchangeDates(today)) {
        if (since == null || !asOf.isBefore(since)) {
          out.add(exchange(p.id(), asOf, byDate.get(asOf), now));
        }
      }
    }
    out.sort(Comparator.comparing(Obligation::due).thenComparing(Obligation::party));
    return out;
  }

  private Obligation exchange(String party, LocalDate asOf, Declaration d, Instant now) {
    Instant due = exchangeDue(asOf);
    ObligationStatus s;
    if (d == null) {
      s = now.isAfter(due) && agreement.dataExchange().required() ? ObligationStatus.MISSING
          : ObligationStatus.PENDING;
    } else {
      // received, at a time not given: met (a file-based check knows no receipt times)
      s = d.receivedAt() == null ? ObligationStatus.ON_TIME : judge(due, d.receivedAt(), now);
    }
    return new Obligation(party, "data exchange as of " + asOf, null, null, due,
        d == null ? null : d.receivedAt(), s);
  }
}
