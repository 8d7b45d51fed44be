package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a filed observation or claim counts against its commitment. It is decided when it is
 * filed and never changes: the register marks, it does not drop. A claim filed for an event
 * before the commitment took effect is marked {@link #BEFORE_START}, shown, and not counted.
 */
public enum Standing {
  COUNTED,
  /** The event (or part of its period) is before the commitment took effect. */
  BEFORE_START,
  /** The event (or part of its period) is at or after the agreed end. */
  AFTER_END,
  /** Outside the commitment's regions or protected-object categories. */
  OUT_OF_SCOPE,
  /** Attributed to a Party after it invoked release on breach. */
  RELEASED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
