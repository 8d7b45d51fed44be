package dev.verity.core.obligation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether something owed was provided by its deadline. */
public enum ObligationStatus {
  ON_TIME("on-time"),
  LATE("late"),
  MISSING("missing"),
  /** Not yet due. */
  PENDING("pending");

  private final String label;

  ObligationStatus(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
