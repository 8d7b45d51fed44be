package dev.verity.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.agreement.Protocol.DeadlineRule;
import dev.verity.core.agreement.Protocol.Guard;
import dev.verity.core.agreement.Protocol.Span;
import dev.verity.core.schema.Fields;
import dev.verity.core.schema.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The time rules of a protocol over its state: which deadlines a subject owes, to whom, by when,
 * and whether a gate's condition holds at an instant. Pure functions of the folded state, so every
 * node and the offline evaluator compute them alike.
 *
 * <p>Whole days on a date: a deadline N days before or after a date field counts the whole day,
 * as New START counts "no later than N days" (ObligationTracker): N days before 15 October is
 * met by a step at any time on 1 October, so it is due at 2 October 00:00 UTC.
 */
final class ProtocolRules {
  /** One deadline owed by one party on one subject. */
  record Owed(DeadlineRule rule, Subject subject, String party, Instant start, Instant due,
      Subject.Taken met, Subject.Taken cancelled) {
    /** Whether it was not met by its deadline: not at all, or late. */
    boolean missed() {
      return met == null || met.at().isAfter(due);
    }
  }

  private final Protocol protocol;
  private final Roles roles;
  private final Map<String, Kind> fieldKinds;

  ProtocolRules(Protocol protocol, Roles roles, Map<String, Kind> fieldKinds) {
    this.protocol = protocol;
    this.roles = roles;
    this.fieldKinds = fieldKinds;
  }

  /** The instances of deadline {@code d} on {@code s}: none while its reference is unknown. */
  List<Owed> owed(Subject s, DeadlineRule d, ProtocolState state) {
    List<Owed> out = new ArrayList<>();
    Optional<Instant[]> times = times(s, d);
    if (times.isEmpty() || !holds(d.when(), s, times.get()[0], null, state)) {
      return out;
    }
    Subject.Taken cancelled = s.steps().stream().filter(t -> d.cancelledBy().contains(t.step()))
        .findFirst().orElse(null);
    for (String party : roles.holders(d.by(), s)) {
      Subject.Taken met = s.steps().stream().filter(t -> d.met().contains(t.step())
          && t.party().equals(party)).findFirst().orElse(null);
      out.add(new Owed(d, s, party, times.get()[0], times.get()[1], met, cancelled));
    }
    return out;
  }

  /** From when, and by when: {@code [start, due]}; empty while the reference is unknown. */
  private Optional<Instant[]> times(Subject s, DeadlineRule d) {
    Protocol.Ref ref = d.due().ref();
    Span span = d.due().span();
    boolean before = d.due().before() != null;
    if (ref.step() != null) {
      return s.first(ref.step()).map(t -> new Instant[] {t.at(), shift(t.at(), span, before)});
    }
    Optional<JsonNode> v = s.field(ref.field());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (fieldKinds.get(ref.field()) == Kind.DATE) {
      LocalDate day = LocalDate.parse(v.get().asText());
      Instant due = span.days() != null ? wholeDays(day, span.days(), before)
          : shift(day.atStartOfDay().toInstant(ZoneOffset.UTC), span, before);
      return Optional.of(new Instant[] {s.opened(), due});
    }
    return Optional.of(new Instant[] {s.opened(), shift(Instant.parse(v.get().asText()), span,
        before)});
  }

  private static Instant shift(Instant t, Span span, boolean before) {
    return before ? t.minus(span.duration()) : t.plus(span.duration());
  }

  /** N whole days before (or after) a date: the boundary at the start of the following day. */
  private static Instant wholeDays(LocalDate day, int n, boolean before) {
    LocalDate last = before ? day.minusDays(n) : day.plusDays(n);
    return last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /**
   * Whether {@code g} holds at {@code t} for subject {@code s} (null before it is opened), with
   * {@code pending} the fields of the step being checked (null when none).
   */
  boolean holds(Guard g, Subject s, Instant t, Fields pending, ProtocolState state) {
    if (g == null) {
      return true;
    }
    if (g.allOf() != null) {
      return g.allOf().stream().allMatch(x -> holds(x, s, t, pending, state));
    }
    if (g.anyOf() != null) {
      return g.anyOf().stream().anyMatch(x -> holds(x, s, t, pending, state));
    }
    if (g.not() != null) {
      return !holds(g.not(), s, t, pending, state);
    }
    if (g.missed() != null || g.met() != null) {
      return deadline(g, s, t, state);
    }
    if (g.state() != null) {
      return s != null && g.state().contains(s.state());
    }
    if (g.field() != null) {
      Optional<JsonNode> v = pending != null && pending.has(g.field()) ? pending.get(g.field())
          : s == null ? Optional.empty() : s.field(g.field());
      return v.isPresent() && g.in().contains(v.get().asText());
    }
    if (g.elapsed() != null) {
      Instant since = s == null ? null : g.since() == null ? s.opened()
          : s.first(g.since()).map(Subject.Taken::at).orElse(null);
      return since != null && !since.plus(g.elapsed().duration()).isAfter(t);
    }
    Instant from = t.minus(g.quiet().duration());
    return state.entries(g.to()).stream().noneMatch(x -> x.isAfter(from) && !x.isAfter(t));
  }

  /** {@code missed: D}: some party let D pass unmet by {@code t}; {@code met: D}: all met it. */
  private boolean deadline(Guard g, Subject s, Instant t, ProtocolState state) {
    if (s == null) {
      return false;
    }
    String id = g.missed() != null ? g.missed() : g.met();
    DeadlineRule d = protocol.deadlines().stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow();
    List<Owed> owed = owed(s, d, state);
    if (g.missed() != null) {
      return owed.stream().anyMatch(o -> o.due().isBefore(t) && o.missed());
    }
    return !owed.isEmpty() && owed.stream().allMatch(o -> o.met() != null
        && !o.met().at().isAfter(t));
  }
}
