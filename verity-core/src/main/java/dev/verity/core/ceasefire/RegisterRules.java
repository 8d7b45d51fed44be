package dev.verity.core.ceasefire;

import java.util.List;
import java.util.Optional;

/**
 * What a register is set up with: its participants (every one countersigns a commitment), other
 * actors that claims may name (e.g. armed formations that are not participants), the vocabulary
 * and the daily report schedule.
 */
public record RegisterRules(
    List<Participant> participants, List<String> otherActors, Vocabulary vocabulary,
    ReportSchedule schedule) {

  public RegisterRules {
    participants = List.copyOf(participants);
    otherActors = otherActors == null ? List.of() : List.copyOf(otherActors);
    if (participants.stream().map(Participant::id).distinct().count() != participants.size()) {
      throw new IllegalArgumentException("a participant is named twice");
    }
  }

  public Optional<Participant> participant(String id) {
    return participants.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Whether {@code id} names a participant or another actor. */
  public boolean knowsActor(String id) {
    return participant(id).isPresent() || otherActors.contains(id);
  }
}
