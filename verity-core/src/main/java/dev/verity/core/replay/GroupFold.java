package dev.verity.core.replay;

import dev.verity.core.lifecycle.LifecycleState;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Outcome.Next;
import dev.verity.core.regime.Outcome.Refused;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One group of regimes folded together: every step of a type routed to any of them, in the
 * canonical {@link Step#ORDER}, each step given to the group's regimes that take its type in
 * routing order. A step is all or nothing: at the first refusal it is refused, and a regime that
 * had already taken it is folded again from {@link Regime#empty} over the steps it kept, since its
 * state may have been changed in place (docs/dev/decisions.md D28). A group of one regime is the
 * plain fold. The refold costs a fold of the regime's accepted steps, and only happens when a
 * later regime refuses a step an earlier one took.
 *
 * <p>Every group but the life's own is judged against the agreement's folded life: a step the
 * life refuses (its sender had withdrawn, or withdrawals had ended the agreement) reaches none of
 * the group's regimes, and a step all of them took while the agreement did not stand in force
 * (suspended, most often) is marked with where it stood (docs/dev/decisions.md, "Messages under
 * a suspended agreement are accepted and marked").
 */
final class GroupFold {
  private final List<Regime<?>> regimes;
  private final Map<String, Set<String>> routed;
  private final LifecycleState life;
  private final Map<EntryRef, Standing> marks;
  private final Map<String, Object> states = new LinkedHashMap<>();
  private final Map<String, List<Step>> kept = new HashMap<>();
  private Step last;

  /**
   * The group {@code regimes}, each routed its types in {@code routed}, judged against {@code
   * life} (null for the life's own group); marked steps are put in {@code marks}.
   */
  GroupFold(List<Regime<?>> regimes, Map<String, Set<String>> routed, LifecycleState life,
      Map<EntryRef, Standing> marks) {
    this.regimes = regimes;
    this.routed = routed;
    this.life = life;
    this.marks = marks;
  }

  /** Folds the group's steps among {@code steps}; adds refusals to {@code refused}. */
  Map<String, Object> run(List<Step> steps, Map<EntryRef, Refusal> refused) {
    for (Regime<?> r : regimes) {
      states.put(r.id(), r.empty());
      kept.put(r.id(), new ArrayList<>());
    }
    for (Step step : steps.stream().filter(this::takes).sorted(Step.ORDER).toList()) {
      take(step, refused);
    }
    return states;
  }

  /** True when {@code s} is of a type routed to one of the group's regimes. */
  boolean takes(Step s) {
    return !to(s).isEmpty();
  }

  /** The regimes' states, by id, as folded so far. */
  Map<String, Object> states() {
    return states;
  }

  /** The last step folded (accepted or refused) in {@link Step#ORDER}; null before any. */
  Step last() {
    return last;
  }

  /**
   * Folds one more step of the group onto its states, as {@link #run} would have had it been
   * among the steps and after every step folded so far: the caller ensures that order.
   * Adds its refusal, if any, to {@code refused}; returns it, or null.
   */
  Refusal take(Step step, Map<EntryRef, Refusal> refused) {
    Optional<Refusal> ended = life == null ? Optional.empty() : life.refusal(step);
    Refusal r = ended.isPresent() ? ended.get() : one(step);
    if (r != null) {
      refused.put(step.entry(), r);
    } else {
      mark(step);
    }
    if (last == null || Step.ORDER.compare(step, last) > 0) {
      last = step;
    }
    return r;
  }

  private List<Regime<?>> to(Step s) {
    return regimes.stream().filter(r -> routed.get(r.id()).contains(s.type())).toList();
  }

  /** Gives {@code step} to each of its regimes; the refusal, or null when all took it. */
  private Refusal one(Step step) {
    List<Regime<?>> took = new ArrayList<>();
    Map<String, Object> next = new HashMap<>();
    for (Regime<?> r : to(step)) {
      Outcome<?> o = apply(r, states.get(r.id()), step);
      if (o instanceof Refused<?> x) {
        took.forEach(this::refold);
        return x.refusal();
      }
      next.put(r.id(), ((Next<?>) o).state());
      took.add(r);
    }
    states.putAll(next);
    took.forEach(r -> kept.get(r.id()).add(step));
    return null;
  }

  /** Marks an accepted step taken while the agreement did not stand in force. */
  private void mark(Step step) {
    Standing at = life == null ? Standing.IN_FORCE
        : life.standing(step.party(), step.at(), step.at());
    if (at != Standing.IN_FORCE) {
      marks.put(step.entry(), at);
    }
  }

  @SuppressWarnings("unchecked")
  private static <S> Outcome<S> apply(Regime<S> r, Object state, Step step) {
    return r.apply((S) state, step);
  }

  /** {@code r}'s state folded again from empty over the steps it kept. */
  private void refold(Regime<?> r) {
    states.put(r.id(), r.fold(kept.get(r.id())));
  }
}
