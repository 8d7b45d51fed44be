package dev.verity.core.talks;

import dev.verity.core.talks.Action.AddAgendaItem;
import dev.verity.core.talks.Action.AnchorCapitalReport;
import dev.verity.core.talks.Action.AnnounceRound;
import dev.verity.core.talks.Action.AssignActionItem;
import dev.verity.core.talks.Action.CompleteActionItem;
import dev.verity.core.talks.Action.HoldSession;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.OpenTrack;
import dev.verity.core.talks.Action.RecordOutput;
import dev.verity.core.talks.Action.SetRoster;
import dev.verity.core.talks.Action.Sign;
import dev.verity.core.talks.Action.SubmitText;
import dev.verity.core.talks.Participant.Role;
import dev.verity.core.talks.Refusal.Reason;
import java.util.List;

/**
 * Multi-party talks as a fold (domain file §B): {@link #empty()} and a pure
 * {@link #apply(Talks, Step)} giving the next state or a typed refusal that changes nothing. What
 * is code: the agreed-text rule (every signatory's signed entry names the same text hash, after
 * every signatory initialled it), versions and redlines, rosters over time, the formats of
 * sessions, action items as obligations, and capital reports as hash anchors only. Deadlines
 * beyond action items are declared in the agreement and run by the generic protocol engine.
 */
public final class TalksRegime {
  public static final String ID = "talks";

  private final TalksRules rules;

  public TalksRegime(TalksRules rules) {
    this.rules = rules;
  }

  public String id() {
    return ID;
  }

  public Talks empty() {
    return Talks.empty(rules);
  }

  public Outcome apply(Talks state, Step step) {
    Refusal pre = precheck(state, step);
    if (pre != null) {
      return new Outcome(state, pre);
    }
    Outcome o = dispatch(state, step);
    return o.accepted() ? Outcome.ok(o.talks().at(step.at())) : o;
  }

  /** Applies {@code steps} in the order given; refused steps are skipped. */
  public Talks fold(List<Step> steps) {
    Talks t = empty();
    for (Step s : steps) {
      t = apply(t, s).talks();
    }
    return t;
  }

  private Refusal precheck(Talks state, Step s) {
    if (s == null || s.participant() == null || s.at() == null || s.action() == null) {
      return Refusal.of(Reason.MALFORMED, "a step needs a participant, a time and an action");
    }
    Participant p = rules.participant(s.participant()).orElse(null);
    if (p == null) {
      return Refusal.of(Reason.UNKNOWN_PARTICIPANT, s.participant() + " takes no part in these "
          + "talks");
    }
    if (p.role() == Role.OBSERVER) {
      return Refusal.of(Reason.WRONG_SENDER, "an observer takes no step");
    }
    if (state.lastStepAt() != null && s.at().isBefore(state.lastStepAt())) {
      return Refusal.of(Reason.OUT_OF_ORDER, "the step at " + s.at()
          + " comes before the last accepted step, at " + state.lastStepAt());
    }
    return null;
  }

  private Outcome dispatch(Talks t, Step s) {
    Action a = s.action();
    if (a instanceof SubmitText x) {
      return TextSteps.submit(t, s, x.submission());
    } else if (a instanceof Initial i) {
      return TextSteps.initial(t, s, i);
    } else if (a instanceof Sign g) {
      return TextSteps.sign(t, s, g);
    } else if (a instanceof AnnounceRound r) {
      return RoundSteps.announce(t, s, r.round());
    } else if (a instanceof SetRoster r) {
      return RoundSteps.roster(t, s, r.roster());
    } else if (a instanceof OpenTrack o) {
      return RoundSteps.track(t, s, o);
    } else if (a instanceof AddAgendaItem i) {
      return RoundSteps.agenda(t, s, i.item());
    } else if (a instanceof HoldSession h) {
      return RoundSteps.session(t, s, h.session());
    } else if (a instanceof RecordOutput o) {
      return RoundSteps.output(t, s, o.output());
    } else if (a instanceof AnchorCapitalReport c) {
      return RoundSteps.anchor(t, s, c);
    } else if (a instanceof AssignActionItem i) {
      return ActionSteps.assign(t, s, i.item());
    }
    return ActionSteps.complete(t, s, (CompleteActionItem) a);
  }
}
