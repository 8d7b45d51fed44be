package dev.verity.core.reconcile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kinds of discrepancy between a data exchange and the previous one plus the notifications. */
public enum DiscrepancyKind {
  /** Expected from the previous exchange and notifications, absent from the new one. */
  MISSING_ITEM("missing-item"),
  /** In the new exchange, never declared nor notified. */
  UNEXPLAINED_ITEM("unexplained-item"),
  /** Same place, different derived status (deployed / non-deployed / not counted). */
  STATUS_MISMATCH("status-mismatch"),
  /** Different facility or launcher. */
  LOCATION_MISMATCH("location-mismatch"),
  /** Different number of warheads (reentry vehicles) on a missile. */
  WARHEAD_MISMATCH("warhead-mismatch"),
  /** A notification received after its deadline. */
  LATE_NOTIFICATION("late-notification"),
  /** A gap in the sender's notification numbers. */
  MISSING_NOTIFICATION("missing-notification");

  private final String label;

  DiscrepancyKind(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  @JsonCreator
  public static DiscrepancyKind parse(String s) {
    for (DiscrepancyKind k : values()) {
      if (k.label.equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown discrepancy kind '" + s + "'");
  }
}
