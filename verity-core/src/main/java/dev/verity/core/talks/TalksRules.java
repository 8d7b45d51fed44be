package dev.verity.core.talks;

import java.util.List;
import java.util.Optional;

/** The participants of the talks and their roles; the signatories are the parties and mediator. */
public record TalksRules(List<Participant> participants) {
  public TalksRules {
    participants = List.copyOf(participants);
    if (participants.stream().map(Participant::id).distinct().count() != participants.size()) {
      throw new IllegalArgumentException("a participant is named twice");
    }
  }

  public Optional<Participant> participant(String id) {
    return participants.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Who initials and signs, in the participants' order. */
  public List<String> signatories() {
    return participants.stream().filter(p -> p.role().signs()).map(Participant::id).toList();
  }
}
