package dev.verity.core.regime;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A provision of an agreement as a deterministic fold (issue 12): inventory and notifications,
 * inspections, the commission, escrowed declarations, and every declared protocol. Each node, and
 * the offline evaluator, folds the same steps in the same {@link Step#ORDER} and so computes the
 * same state and the same obligations.
 *
 * <p>State may be mutable and owned by the fold: {@link #apply} may change {@code state} in place
 * and return it (an inventory of thousands of items is never copied per step,
 * docs/dev/decisions.md), or return a new value if the state is persistent. The contract that
 * makes this safe: a refused step changes nothing, so every rule is checked before anything
 * moves; and a caller that wants an earlier state folds again from {@link #empty}. Rules that
 * really are code (verifiable selection, counting, escrow proofs) stay in the
 * implementation; simple procedures are data ({@code dev.verity.core.protocol}).
 *
 * @param <S> the folded state
 */
public interface Regime<S> {
  /** The regime's id, unique in its agreement ({@code inventory}, a protocol's id, ...). */
  String id();

  /** The message types this regime folds; every step of one of them comes here. */
  Set<String> types();

  /** The state before any step. */
  S empty();

  /**
   * Checks {@code step} against the rules in {@code state} and, if they hold, applies it. Steps
   * come in {@link Step#ORDER}. Never throws for a broken rule: that is a {@link Refusal}.
   */
  Outcome<S> apply(S state, Step step);

  /**
   * Everything owed, as seen at {@code asOf}: a deadline met after {@code asOf} is not met yet,
   * one whose trigger comes after it is {@link Obligation.Status#PENDING}.
   */
  List<Obligation> obligations(S state, Instant asOf);

  /**
   * The state after {@code steps}, applied in the order given from {@link #empty}; refused steps
   * are skipped.
   */
  default S fold(List<Step> steps) {
    S s = empty();
    for (Step step : steps) {
      if (apply(s, step) instanceof Outcome.Next<S> n) {
        s = n.state();
      }
    }
    return s;
  }

  /** The state as the API and the offline evaluator show it: an object Jackson writes as JSON. */
  default Object view(S state) {
    return state;
  }
}
