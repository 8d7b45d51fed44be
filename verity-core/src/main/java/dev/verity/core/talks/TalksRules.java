package dev.verity.core.talks;

import dev.verity.core.agreement.Party;
import java.util.List;
import java.util.Optional;

/**
 * The participants of the talks and their roles, from the agreement: the parties and the
 * mediator are the signatories (they initial and sign texts); a host announces rounds and records
 * sessions and outputs but signs nothing; any other role (an observer) takes no step.
 */
public record TalksRules(List<Party> participants) {
  public TalksRules {
    participants = List.copyOf(participants);
    if (participants.stream().map(Party::id).distinct().count() != participants.size()) {
      throw new IllegalArgumentException("a participant is named twice");
    }
  }

  public Optional<Party> participant(String id) {
    return participants.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Who initials and signs, in the participants' order. */
  public List<String> signatories() {
    return participants.stream().filter(TalksRules::signs).map(Party::id).toList();
  }

  /** Whether {@code p} initials and signs texts: a party or the mediator. */
  public static boolean signs(Party p) {
    return p.is(Party.PARTY) || p.is(Party.MEDIATOR);
  }

  /** Whether {@code p} takes steps at all: a signatory or a host. */
  public static boolean acts(Party p) {
    return signs(p) || p.is(Party.HOST);
  }
}
