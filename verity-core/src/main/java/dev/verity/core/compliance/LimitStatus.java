package dev.verity.core.compliance;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an aggregate stands against a limit on a given day. */
public enum LimitStatus {
  WITHIN("within"),
  EXCEEDS("exceeds"),
  /** Before the limit applies (or before entry into force): a higher value is no violation. */
  NOT_IN_FORCE("not-in-force"),
  /** On or after the day the agreement ended. */
  EXPIRED("expired"),
  /** The value is not known (a blank in a partial table). */
  UNKNOWN("unknown");

  private final String label;

  LimitStatus(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
