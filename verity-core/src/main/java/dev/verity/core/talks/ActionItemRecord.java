package dev.verity.core.talks;

import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import java.time.Instant;

/**
 * An action item as the talks keep it: who assigned it and when, and when its owner reported it
 * done and in which entry (null while open). It is an obligation of its owner: owed from its
 * assignment, due by its deadline, met or late once done.
 */
public record ActionItemRecord(
    ActionItem item, String assignedBy, Instant assignedAt, Instant doneAt, EntryRef doneIn,
    String note) {

  /** The status as of {@code asOf}: a completion after it is not yet known then. */
  public Obligation.Status status(Instant asOf) {
    return Obligation.judge(assignedAt, item.due(), doneAt, asOf);
  }
}
