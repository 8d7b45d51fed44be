package dev.verity.core.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.agreement.Protocol.Recurring;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A line's availability from its scheduled tests (issue 14): a pure function of when each test
 * message was sent and when its technical receipt (the other side's cosignature) came back. The
 * schedule is the protocol's recurring deadline (an hourly test, as on the Moscow-Washington
 * link; twice a day on the EUCOM-NDMC line), the limit is the test message type's {@code
 * receiptWithin} (none: within the period). Each period of the schedule is one slot: its first
 * test {@code ok} if receipted within the limit, {@code late-receipt} if after it, {@code
 * no-receipt} if never, {@code not-sent} if the slot passed without a test. A slot whose
 * outcome cannot be known yet at the end of the window (a test still inside its limit, a slot
 * whose test is not due yet) is left out. Availability is the share of the slots decided that
 * were {@code ok}.
 */
public final class Availability {
  private Availability() {}

  /** A test message: when its entry was made, and when it was receipted (null: not yet). */
  public record TestMessage(Instant sent, Instant receipted) {}

  /** What became of one slot. */
  public enum Result {
    OK,
    LATE_RECEIPT,
    NO_RECEIPT,
    NOT_SENT;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One slot of the schedule and its test. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Slot(Instant start, Result result, Instant sent, Instant receipted) {}

  /**
   * Availability over {@code [from, to)}: the slots decided, how many were ok, their share (1
   * when none was decided), and the failures, oldest first: the line's failure log.
   */
  public record Report(Instant from, Instant to, int decided, int ok, double availability,
      List<Slot> failures) {}

  /** A schedule: the recurring deadline's periods, and the receipt limit of its test messages. */
  public record Schedule(Recurring rule, Instant anchor, Duration receiptWithin) {
    /**
     * The schedule of recurring deadline {@code rule} of protocol {@code protocol} in {@code a},
     * with the receipt limit of the message type its first step names (none: no limit).
     */
    public static Optional<Schedule> of(Agreement a, String protocol, String rule) {
      Optional<Protocol> p = a.protocols().stream().filter(x -> x.id().equals(protocol))
          .findFirst();
      Optional<Recurring> r = p.flatMap(x -> x.recurring().stream().filter(y -> y.id()
          .equals(rule)).findFirst());
      if (r.isEmpty()) {
        return Optional.empty();
      }
      String step = r.get().met().get(0);
      Duration limit = p.get().steps().stream().filter(s -> s.id().equals(step)).findFirst()
          .flatMap(s -> a.messageType(s.message())).map(MessageType::receiptWithin)
          .map(Protocol.Span::duration).orElse(null);
      return Optional.of(new Schedule(r.get(), a.entryIntoForce().atStartOfDay()
          .toInstant(ZoneOffset.UTC), limit));
    }
  }

  /** The day before {@code asOf}. */
  public static Report day(Schedule s, List<TestMessage> tests, Instant asOf) {
    return of(s, tests, asOf.minus(Duration.ofDays(1)), asOf);
  }

  /** The week before {@code asOf}. */
  public static Report week(Schedule s, List<TestMessage> tests, Instant asOf) {
    return of(s, tests, asOf.minus(Duration.ofDays(7)), asOf);
  }

  /** Availability over the slots that start in {@code [from, to)}, as known at {@code to}. */
  public static Report of(Schedule s, List<TestMessage> tests, Instant from, Instant to) {
    NavigableMap<Instant, TestMessage> sorted = new TreeMap<>();
    tests.forEach(x -> sorted.putIfAbsent(x.sent(), x));
    Duration every = s.rule().every().duration();
    List<Slot> failures = new ArrayList<>();
    int decided = 0;
    int ok = 0;
    for (Instant start : slots(s, from, to)) {
      Optional<Slot> slot = slot(s, sorted, start, start.plus(every), to);
      if (slot.isEmpty()) {
        continue;
      }
      decided++;
      if (slot.get().result() == Result.OK) {
        ok++;
      } else {
        failures.add(slot.get());
      }
    }
    return new Report(from, to, decided, ok, decided == 0 ? 1.0 : (double) ok / decided,
        List.copyOf(failures));
  }

  /** The starts of the schedule's periods in {@code [from, to)}. */
  private static List<Instant> slots(Schedule s, Instant from, Instant to) {
    Duration every = s.rule().every().duration();
    List<Instant> out = new ArrayList<>();
    Instant t = s.anchor();
    if (from.isAfter(t)) {
      long k = Duration.between(t, from).dividedBy(every);
      t = t.plus(every.multipliedBy(k));
      t = t.isBefore(from) ? t.plus(every) : t;
    }
    for (; t.isBefore(to); t = t.plus(every)) {
      out.add(t);
    }
    return out;
  }

  /** What became of the slot {@code [start, end)}, if it is decided at {@code now}. */
  private static Optional<Slot> slot(Schedule s, NavigableMap<Instant, TestMessage> sorted,
      Instant start, Instant end, Instant now) {
    Map.Entry<Instant, TestMessage> first = sorted.ceilingEntry(start);
    boolean inSlot = first != null && first.getKey().isBefore(end)
        && first.getKey().isBefore(now);
    TestMessage test = inSlot ? first.getValue() : null;
    if (test == null) {
      boolean passed = !start.plus(s.rule().dueAfter()).isAfter(now);
      return passed ? Optional.of(new Slot(start, Result.NOT_SENT, null, null)) : Optional.empty();
    }
    // without a limit in the agreement, a test is receipted in time within its own period
    Instant limit = s.receiptWithin() == null ? end : test.sent().plus(s.receiptWithin());
    boolean receipted = test.receipted() != null && !test.receipted().isAfter(now);
    if (receipted) {
      boolean inTime = !test.receipted().isAfter(limit);
      return Optional.of(new Slot(start, inTime ? Result.OK : Result.LATE_RECEIPT, test.sent(),
          test.receipted()));
    }
    return !limit.isAfter(now)
        ? Optional.of(new Slot(start, Result.NO_RECEIPT, test.sent(), null)) : Optional.empty();
  }
}
