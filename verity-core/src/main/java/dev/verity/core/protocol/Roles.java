package dev.verity.core.protocol;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who holds a role in a subject. The participants' own roles come from the agreement ({@code
 * party}, {@code mediator}, {@code monitor}, {@code observer}, {@code neutral-intermediary});
 * relational roles from the subject: {@code initiator} (who opened it), {@code counterpart} (whom
 * it is addressed to), {@code others} (everyone but the initiator), {@code any}.
 */
final class Roles {
  private final Agreement agreement;

  Roles(Agreement agreement) {
    this.agreement = agreement;
  }

  /** The participants holding {@code role} in {@code s}, in id order. */
  Set<String> holders(String role, String initiator, List<String> counterparts) {
    Set<String> out = new TreeSet<>();
    switch (role) {
      case "initiator" -> out.add(initiator);
      case "counterpart" -> out.addAll(counterparts);
      case "others" -> agreement.participantIds().stream().filter(p -> !p.equals(initiator))
          .forEach(out::add);
      case "any" -> out.addAll(agreement.participantIds());
      default -> agreement.parties().stream().filter(p -> role.equals(roleOf(p)))
          .map(Party::id).forEach(out::add);
    }
    return out;
  }

  /** The participants holding any of {@code roles} in {@code s} (null: participant roles only). */
  Set<String> holders(List<String> roles, Subject s) {
    Set<String> out = new TreeSet<>();
    roles.forEach(r -> out.addAll(s == null ? holders(r, null, List.of())
        : holders(r, s.initiator(), s.counterparts())));
    return out;
  }

  /** Whom a subject opened by {@code initiator} is addressed to, when no field names them. */
  List<String> defaultCounterparts(String initiator) {
    return agreement.parties().stream().filter(p -> "party".equals(roleOf(p)))
        .map(Party::id).filter(p -> !p.equals(initiator)).sorted().toList();
  }

  private static String roleOf(Party p) {
    return p.role() == null ? "party" : p.role();
  }
}
