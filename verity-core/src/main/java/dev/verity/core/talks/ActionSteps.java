package dev.verity.core.talks;

import static dev.verity.core.talks.Checks.bad;
import static dev.verity.core.talks.Checks.refuse;
import static dev.verity.core.talks.Checks.role;
import static dev.verity.core.talks.Checks.wrong;

import dev.verity.core.message.Fields;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.core.talks.Action.CompleteActionItem;

/** Action items: assigned with an owner and a deadline, reported done by their owner. */
final class ActionSteps {
  private ActionSteps() {}

  static Outcome<Talks> assign(Talks t, Step s, ActionItem i) {
    if (!TalksRules.signs(role(t, s))) {
      return wrong(t, "a delegation assigns action items");
    }
    if (i == null || !Fields.id(i.id()) || !Checks.text(i.description()) || i.due() == null
        || !i.due().isAfter(s.at())) {
      return bad(t, "an action item needs an id, a description and a deadline after now");
    }
    if (i.owner() == null || t.rules().participant(i.owner()).isEmpty()) {
      return bad(t, "owner: '" + i.owner() + "' takes no part in these talks");
    }
    if (t.round(i.round()).isEmpty()) {
      return Checks.noRound(t, i.round());
    }
    if (t.actionItem(i.id()).isPresent()) {
      return refuse(Rule.DUPLICATE, "action item " + i.id() + " exists");
    }
    return Outcome.next(t.with(new ActionItemRecord(i, s.party(), s.at(), null, null, null)));
  }

  static Outcome<Talks> complete(Talks t, Step s, CompleteActionItem c) {
    ActionItemRecord a = t.actionItem(c.item()).orElse(null);
    if (a == null) {
      return refuse(Rule.UNKNOWN_ITEM, "no action item " + c.item());
    }
    if (!a.item().owner().equals(s.party())) {
      return wrong(t, "only its owner, " + a.item().owner() + ", reports an action item done");
    }
    if (a.doneAt() != null) {
      return refuse(Rule.DUPLICATE, "action item " + c.item() + " is done");
    }
    if (!Checks.text(c.note())) {
      return bad(t, "note: at most " + Checks.MAX_TEXT + " characters");
    }
    return Outcome.next(t.with(new ActionItemRecord(a.item(), a.assignedBy(), a.assignedAt(),
        s.at(), s.entry(), c.note())));
  }
}
