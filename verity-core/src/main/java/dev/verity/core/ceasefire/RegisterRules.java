package dev.verity.core.ceasefire;

import dev.verity.core.agreement.Party;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a register is set up with: its participants (from the agreement's parties and their
 * roles), other actors that claims may name (e.g. armed formations that are not participants),
 * the vocabulary and the daily report schedule.
 *
 * <p>Roles: a {@code party} (Ukraine, Russia) is bound by the commitments; the {@code monitor}
 * observes and finds; the {@code mediator} brokers. These three file, answer and countersign;
 * any other role (an {@code observer}) reads and takes no step.
 */
public record RegisterRules(
    List<Party> participants, List<String> otherActors, Vocabulary vocabulary,
    ReportSchedule schedule) {

  /** The roles that file claims and countersign commitments. */
  static final Set<String> ACTIVE = Set.of(Party.PARTY, Party.MONITOR, Party.MEDIATOR);

  public RegisterRules {
    participants = List.copyOf(participants);
    otherActors = otherActors == null ? List.of() : List.copyOf(otherActors);
    if (participants.stream().map(Party::id).distinct().count() != participants.size()) {
      throw new IllegalArgumentException("a participant is named twice");
    }
  }

  public Optional<Party> participant(String id) {
    return participants.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Whether {@code id} names a participant or another actor. */
  public boolean knowsActor(String id) {
    return participant(id).isPresent() || otherActors.contains(id);
  }

  /** Whether {@code p} files observations or claims, answers them and countersigns. */
  public static boolean active(Party p) {
    return ACTIVE.stream().anyMatch(p::is);
  }

  /** {@code p}'s role, {@code party} when the agreement gives none. */
  public static String role(Party p) {
    return p.role() == null ? Party.PARTY : p.role();
  }

  /** The participants who file, in the participants' order: the columns of every report. */
  public List<Party> filers() {
    return participants.stream().filter(RegisterRules::active).toList();
  }
}
