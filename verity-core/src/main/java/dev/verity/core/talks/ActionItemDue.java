package dev.verity.core.talks;

import dev.verity.core.obligation.ObligationStatus;
import java.time.Instant;

/**
 * An action item as a typed obligation: the item (subject), its round, the owner, the deadline,
 * when it was met (null if not) and its status.
 */
public record ActionItemDue(
    String item, int round, String owner, Instant due, Instant metAt, ObligationStatus status) {}
