package dev.verity.core.protocol;

import dev.verity.core.agreement.Protocol;
import dev.verity.core.agreement.Protocol.Recurring;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A protocol's recurring deadlines as seen at an instant (a line tested every hour, issue 14):
 * periods of the rule's length counted from the agreement's entry into force at 00:00 UTC; in
 * each, every participant holding one of the rule's roles owes one of its steps, due the rule's
 * {@code within} after the period starts. The first such step in the period meets it (late if
 * after the due time); a period without one is missing once due. Only the periods that started
 * in the rule's {@code keep} before the instant are listed: a week of an hourly line is 168 a
 * participant, not every hour since 1963.
 */
final class Recurrences {
  private final Protocol protocol;
  private final Roles roles;
  private final Instant anchor;

  Recurrences(Protocol protocol, Roles roles, LocalDate entryIntoForce) {
    this.protocol = protocol;
    this.roles = roles;
    this.anchor = entryIntoForce.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The period starts of {@code r} in {@code [from, to]}, oldest first. */
  List<Instant> periods(Recurring r, Instant from, Instant to) {
    List<Instant> out = new ArrayList<>();
    Duration every = r.every().duration();
    if (to.isBefore(anchor)) {
      return out;
    }
    long k = from.isAfter(anchor) ? ceilDiv(Duration.between(anchor, from), every) : 0;
    for (Instant t = anchor.plus(every.multipliedBy(k)); !t.isAfter(to); t = t.plus(every)) {
      out.add(t);
    }
    return out;
  }

  private static long ceilDiv(Duration a, Duration b) {
    long q = a.dividedBy(b);
    return b.multipliedBy(q).equals(a) ? q : q + 1;
  }

  /** Adds the obligations of {@code r} owed in the periods kept before {@code asOf}. */
  void at(Recurring r, ProtocolState state, Instant asOf, List<Obligation> out) {
    Map<String, NavigableMap<Instant, Subject.Taken>> taken = taken(r, state);
    Duration every = r.every().duration();
    for (Instant start : periods(r, asOf.minus(r.keep().duration()), asOf)) {
      Instant due = start.plus(r.dueAfter());
      for (String party : roles.holders(r.by(), null)) {
        var first = taken.getOrDefault(party, new TreeMap<>()).ceilingEntry(start);
        Subject.Taken met = first == null || !first.getKey().isBefore(start.plus(every)) ? null
            : first.getValue();
        Status s = Obligation.judge(start, due, met == null ? null : met.at(), asOf);
        out.add(new Obligation(protocol.id(), Kind.DEADLINE, r.id(), start.toString(), party,
            due, s, s == Status.MET || s == Status.LATE ? met.entry() : null, null));
      }
    }
  }

  /** The steps that meet {@code r}, by the participant that took them, by time. */
  private static Map<String, NavigableMap<Instant, Subject.Taken>> taken(Recurring r,
      ProtocolState state) {
    Map<String, NavigableMap<Instant, Subject.Taken>> out = new HashMap<>();
    for (Subject s : state.subjects()) {
      for (Subject.Taken t : s.steps()) {
        if (r.met().contains(t.step())) {
          out.computeIfAbsent(t.party(), p -> new TreeMap<>()).putIfAbsent(t.at(), t);
        }
      }
    }
    return out;
  }
}
