package dev.verity.node.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.lifecycle.Event;
import dev.verity.core.lifecycle.LifecycleState;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.util.List;

/**
 * The agreement's life as {@code GET /api/v1/agreements/{id}} and the dashboard show it
 * (docs/formats/api.md, "The agreement's life"): where it stands at {@code asOf}, the suspensions
 * in effect then with the suspending Party and its stated reason, the withdrawals notified, and
 * the timeline of what was known by then. A resumption or withdrawal declared later is not known
 * yet, as in the core's {@link LifecycleState}.
 *
 * @param standing where the agreement as a whole stands at {@code asOf}
 */
public record LifeView(Instant asOf, Standing standing, List<Suspended> suspendedBy,
    List<Withdrawing> withdrawals, List<Event> timeline) {

  /** A suspension in effect: by which Party, since when, why, in which entry. */
  public record Suspended(String party, Instant since, String statedReason, EntryRef entry) {}

  /** A notice of withdrawal and when it takes (or took) effect. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Withdrawing(String party, Instant notified, Instant effective,
      String statedReason, EntryRef entry) {}

  static LifeView of(LifecycleState life, Instant asOf) {
    List<Suspended> open = life.suspensions().stream()
        .filter(s -> !s.declared().isAfter(asOf) && !asOf.isBefore(s.from()))
        .filter(s -> s.resumed() == null || s.resumed().declared().isAfter(asOf)
            || asOf.isBefore(s.resumed().from()))
        .map(s -> new Suspended(s.party(), s.from(), s.reason(), s.entry())).toList();
    List<Withdrawing> out = life.withdrawals().stream().filter(w -> !w.declared().isAfter(asOf))
        .map(w -> new Withdrawing(w.party(), w.declared(), w.effective(), w.reason(), w.entry()))
        .toList();
    List<Event> known = life.timeline().stream()
        .filter(e -> e.entry() == null ? !e.at().isAfter(asOf) : declared(life, e, asOf))
        .toList();
    return new LifeView(asOf, life.standing(asOf, asOf), open, out, known);
  }

  /** Whether the entry behind {@code e} was made by {@code asOf} (its effect may be later). */
  private static boolean declared(LifecycleState life, Event e, Instant asOf) {
    Instant made = life.suspensions().stream().filter(s -> e.entry().equals(s.entry()))
        .map(LifecycleState.Suspension::declared).findFirst()
        .or(() -> life.suspensions().stream().filter(s -> s.resumed() != null
            && e.entry().equals(s.resumed().entry())).map(s -> s.resumed().declared()).findFirst())
        .or(() -> life.withdrawals().stream().filter(w -> e.entry().equals(w.entry()))
            .map(LifecycleState.Withdrawal::declared).findFirst())
        .orElse(e.at());
    return !made.isAfter(asOf);
  }
}
