package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A participant of multi-party talks and its role (domain file §B5). */
public record Participant(String id, Role role) {

  /** Roles in talks. Parties and the mediator sign texts; a host does not. */
  public enum Role {
    /** A side (Ukraine, Russia). */
    PARTY,
    /** Brokers the talks and signs what is agreed (the United States in 2026). */
    MEDIATOR,
    /** Hosts a round: logistics, not a signatory (the UAE, Switzerland). */
    HOST,
    /** Reads; takes no step. */
    OBSERVER;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role initials and signs texts. */
    public boolean signs() {
      return this == PARTY || this == MEDIATOR;
    }
  }
}
