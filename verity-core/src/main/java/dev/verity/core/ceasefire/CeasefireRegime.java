package dev.verity.core.ceasefire;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Action.InvokeRelease;
import dev.verity.core.ceasefire.Action.OpenSite;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The ceasefire register as a {@link Regime}: {@link #apply} is a pure function from a register
 * and a step to the next register or a typed refusal (a refused step changes nothing; the
 * register is a persistent value). Steps come in time order; the same steps give the same register
 * on every node. What is code here is what a declared protocol cannot say: countersignature of the
 * exact terms, standing of a claim against the commitment's dates and scope, counting per report
 * day, sealed site openings and the release-on-breach determination. When answers are due, the
 * coordination mechanism of July 2020 and other state machines are declared in the agreement
 * ({@code ceasefire-monitoring}) and run by the protocol engine beside it: a claim goes to both
 * (docs/dev/treaty-engine.md, "Routing").
 */
public final class CeasefireRegime implements Regime<Register> {
  public static final String ID = "ceasefire-register";

  private final RegisterRules rules;

  public CeasefireRegime(RegisterRules rules) {
    this.rules = rules;
  }

  /**
   * The register of agreement {@code a}: its parties with their roles, the bundled vocabulary
   * (whose actors claims may also name) and the SMM's report schedule.
   */
  public static CeasefireRegime of(Agreement a) {
    Vocabulary v = Vocabulary.standard();
    return new CeasefireRegime(new RegisterRules(a.parties(),
        v.actors().stream().map(Vocabulary.Actor::id).toList(), v, ReportSchedule.SMM));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return CeasefireMessages.TYPES;
  }

  @Override
  public Register empty() {
    return Register.empty(rules);
  }

  /** Applies {@code step} to {@code state}: the next register, or a refusal. */
  @Override
  public Outcome<Register> apply(Register state, Step step) {
    Refusal pre = precheck(state, step);
    if (pre != null) {
      return Outcome.refused(pre);
    }
    Steps.Bound<Action> a = Steps.read(step, Action.class, Rule.MALFORMED.id());
    if (a.refusal() != null) {
      return Outcome.refused(a.refusal());
    }
    Outcome<Register> o = dispatch(state, step, a.value());
    return o instanceof Outcome.Next<Register> n ? Outcome.next(n.state().at(step.at())) : o;
  }

  private Refusal precheck(Register state, Step s) {
    if (s == null || s.entry() == null || s.at() == null || s.type() == null) {
      return Rule.MALFORMED.refusal("a step needs a participant, a time and a type");
    }
    if (rules.participant(s.party()).isEmpty()) {
      return Rule.UNKNOWN_PARTICIPANT.refusal(s.party()
          + " is not a participant of this register");
    }
    if (state.lastStepAt() != null && s.at().isBefore(state.lastStepAt())) {
      return Rule.OUT_OF_ORDER.refusal("the step at " + s.at()
          + " comes before the last accepted step, at " + state.lastStepAt());
    }
    return null;
  }

  private Outcome<Register> dispatch(Register r, Step s, Action a) {
    if (a instanceof Commitment c) {
      return CommitmentSteps.propose(r, s, c);
    } else if (a instanceof Countersign c) {
      return CommitmentSteps.countersign(r, s, c);
    } else if (a instanceof InvokeRelease rel) {
      return CommitmentSteps.release(r, s, rel);
    } else if (a instanceof OpenSite o) {
      return CommitmentSteps.openSite(r, s, o);
    } else if (a instanceof FileClaim f) {
      return ClaimSteps.file(r, s, f);
    } else if (a instanceof Restriction x) {
      return ClaimSteps.restriction(r, s, x);
    }
    return ClaimSteps.answer(r, s, (Answer) a);
  }

  /**
   * Nothing: when answers, findings and coordination responses are due is declared in the
   * agreement and owed under its protocols.
   */
  @Override
  public List<Obligation> obligations(Register state, Instant asOf) {
    return List.of();
  }

  @Override
  public Object view(Register state) {
    return RegisterView.of(state);
  }
}
