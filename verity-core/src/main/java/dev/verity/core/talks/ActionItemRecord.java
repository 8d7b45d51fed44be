package dev.verity.core.talks;

import dev.verity.core.obligation.ObligationStatus;
import java.time.Instant;

/**
 * An action item as the talks keep it: who assigned it and when, and when its owner reported it
 * done (null while open). Its status is an obligation's: pending before the deadline, missing
 * after it, on time or late once done.
 */
public record ActionItemRecord(
    ActionItem item, String assignedBy, Instant assignedAt, Instant doneAt, String note) {

  /** The status as of {@code asOf}: a completion after it is not yet known then. */
  public ObligationStatus status(Instant asOf) {
    if (doneAt == null || doneAt.isAfter(asOf)) {
      return asOf.isBefore(item.due()) ? ObligationStatus.PENDING : ObligationStatus.MISSING;
    }
    return doneAt.isAfter(item.due()) ? ObligationStatus.LATE : ObligationStatus.ON_TIME;
  }
}
