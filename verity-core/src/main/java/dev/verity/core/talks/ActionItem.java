package dev.verity.core.talks;

import java.time.Instant;

/**
 * Something a delegation undertook at a round, with its owner and deadline: "agreed to exchange
 * definitions of key terms ... within a week" [b18]; "report back to their respective capitals"
 * [b24].
 */
public record ActionItem(String id, int round, String owner, String description, Instant due)
    implements Action {}
