package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A participant of a ceasefire arrangement and its role. */
public record Participant(String id, Role role) {

  /** Roles in a ceasefire arrangement (domain file §A7). */
  public enum Role {
    /** A side bound by the commitments (Ukraine, Russia). */
    PARTY,
    /** Observes, verifies claims, finds (the OSCE SMM). */
    MONITOR,
    /** Brokers the arrangement (the United States in 2025-2026). */
    MEDIATOR,
    /** Reads the register; files nothing. */
    OBSERVER;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role files observations or claims. */
    public boolean files() {
      return this != OBSERVER;
    }
  }
}
