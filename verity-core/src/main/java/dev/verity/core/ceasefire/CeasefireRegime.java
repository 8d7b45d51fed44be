package dev.verity.core.ceasefire;

import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Action.InvokeRelease;
import dev.verity.core.ceasefire.Action.OpenSite;
import dev.verity.core.ceasefire.Action.ProposeCommitment;
import dev.verity.core.ceasefire.Action.RecordRestriction;
import dev.verity.core.ceasefire.Refusal.Reason;
import java.util.List;

/**
 * The ceasefire register as a fold: {@link #empty()} and {@link #apply(Register, Step)}, a pure
 * function from a register and a step to the next register or a typed refusal (a refused step
 * changes nothing). Steps come in time order; the same steps give the same register on every node.
 * What is code here is what a declared protocol cannot say: countersignature of the exact terms,
 * standing of a claim against the commitment's dates and scope, counting per report day, sealed
 * site openings and the release-on-breach determination. Answer deadlines, the coordination
 * mechanism and other state machines are declared in the agreement and run by the generic engine.
 */
public final class CeasefireRegime {
  public static final String ID = "ceasefire-register";

  private final RegisterRules rules;

  public CeasefireRegime(RegisterRules rules) {
    this.rules = rules;
  }

  public String id() {
    return ID;
  }

  public Register empty() {
    return Register.empty(rules);
  }

  /** Applies {@code step} to {@code state}: the next register, or {@code state} and a refusal. */
  public Outcome apply(Register state, Step step) {
    Refusal pre = precheck(state, step);
    if (pre != null) {
      return new Outcome(state, pre);
    }
    Outcome o = dispatch(state, step);
    return o.accepted() ? Outcome.ok(o.register().at(step.at())) : o;
  }

  /** Applies {@code steps} in the order given; refused steps are skipped. */
  public Register fold(List<Step> steps) {
    Register r = empty();
    for (Step s : steps) {
      r = apply(r, s).register();
    }
    return r;
  }

  private Refusal precheck(Register state, Step s) {
    if (s == null || s.participant() == null || s.at() == null || s.action() == null) {
      return Refusal.of(Reason.MALFORMED, "a step needs a participant, a time and an action");
    }
    if (rules.participant(s.participant()).isEmpty()) {
      return Refusal.of(Reason.UNKNOWN_PARTICIPANT,
          s.participant() + " is not a participant of this register");
    }
    if (state.lastStepAt() != null && s.at().isBefore(state.lastStepAt())) {
      return Refusal.of(Reason.OUT_OF_ORDER, "the step at " + s.at()
          + " comes before the last accepted step, at " + state.lastStepAt());
    }
    return null;
  }

  private Outcome dispatch(Register r, Step s) {
    Action a = s.action();
    if (a instanceof ProposeCommitment p) {
      return CommitmentSteps.propose(r, s, p.terms());
    } else if (a instanceof Countersign c) {
      return CommitmentSteps.countersign(r, s, c);
    } else if (a instanceof InvokeRelease rel) {
      return CommitmentSteps.release(r, s, rel);
    } else if (a instanceof OpenSite o) {
      return CommitmentSteps.openSite(r, s, o);
    } else if (a instanceof FileClaim f) {
      return ClaimSteps.file(r, s, f);
    } else if (a instanceof RecordRestriction rr) {
      return ClaimSteps.restriction(r, s, rr.restriction());
    }
    return ClaimSteps.answer(r, s, (Answer) a);
  }
}
