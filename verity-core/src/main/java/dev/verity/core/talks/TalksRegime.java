package dev.verity.core.talks;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import dev.verity.core.talks.Action.AnchorCapitalReport;
import dev.verity.core.talks.Action.CompleteActionItem;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.OpenTrack;
import dev.verity.core.talks.Action.Sign;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Multi-party talks as a {@link Regime} (domain file §B): a pure {@link #apply} giving the next
 * state or a typed refusal that changes nothing (the state is a persistent value). What is code:
 * the agreed-text rule (every signatory's signed entry names the same text hash, after every
 * signatory initialled it), versions and redlines, rosters over time, the formats of sessions,
 * action items as obligations of their owners, and capital reports as hash anchors only.
 */
public final class TalksRegime implements Regime<Talks> {
  public static final String ID = "talks";

  private final TalksRules rules;

  public TalksRegime(TalksRules rules) {
    this.rules = rules;
  }

  /** The talks of agreement {@code a}: its parties with their roles. */
  public static TalksRegime of(Agreement a) {
    return new TalksRegime(new TalksRules(a.parties()));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return TalksMessages.TYPES;
  }

  @Override
  public Talks empty() {
    return Talks.empty(rules);
  }

  @Override
  public Outcome<Talks> apply(Talks state, Step step) {
    Refusal pre = precheck(state, step);
    if (pre != null) {
      return Outcome.refused(pre);
    }
    Steps.Bound<Action> a = Steps.read(step, Action.class, Rule.MALFORMED.id());
    if (a.refusal() != null) {
      return Outcome.refused(a.refusal());
    }
    Outcome<Talks> o = dispatch(state, step, a.value());
    return o instanceof Outcome.Next<Talks> n ? Outcome.next(n.state().at(step.at())) : o;
  }

  private Refusal precheck(Talks state, Step s) {
    if (s == null || s.entry() == null || s.at() == null || s.type() == null) {
      return Rule.MALFORMED.refusal("a step needs a participant, a time and a type");
    }
    Party p = rules.participant(s.party()).orElse(null);
    if (p == null) {
      return Rule.UNKNOWN_PARTICIPANT.refusal(s.party() + " takes no part in these talks");
    }
    if (!TalksRules.acts(p)) {
      return Rule.WRONG_SENDER.refusal("an " + p.role() + " takes no step");
    }
    if (state.lastStepAt() != null && s.at().isBefore(state.lastStepAt())) {
      return Rule.OUT_OF_ORDER.refusal("the step at " + s.at()
          + " comes before the last accepted step, at " + state.lastStepAt());
    }
    return null;
  }

  private Outcome<Talks> dispatch(Talks t, Step s, Action a) {
    if (a instanceof TextSubmission x) {
      return TextSteps.submit(t, s, x);
    } else if (a instanceof Initial i) {
      return TextSteps.initial(t, s, i);
    } else if (a instanceof Sign g) {
      return TextSteps.sign(t, s, g);
    } else if (a instanceof Round r) {
      return RoundSteps.announce(t, s, r);
    } else if (a instanceof DelegationRoster r) {
      return RoundSteps.roster(t, s, r);
    } else if (a instanceof OpenTrack o) {
      return RoundSteps.track(t, s, o);
    } else if (a instanceof AgendaItem i) {
      return RoundSteps.agenda(t, s, i);
    } else if (a instanceof Session h) {
      return RoundSteps.session(t, s, h);
    } else if (a instanceof RoundOutput o) {
      return RoundSteps.output(t, s, o);
    } else if (a instanceof AnchorCapitalReport c) {
      return RoundSteps.anchor(t, s, c);
    } else if (a instanceof ActionItem i) {
      return ActionSteps.assign(t, s, i);
    }
    return ActionSteps.complete(t, s, (CompleteActionItem) a);
  }

  /** Each action item, an obligation of its owner by its deadline. */
  @Override
  public List<Obligation> obligations(Talks state, Instant asOf) {
    return state.obligations(asOf);
  }

  @Override
  public Object view(Talks state) {
    return TalksView.of(state);
  }
}
