package dev.verity.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Party's correction of one of its own notifications, on a log that cannot change: a new
 * entry that names the entry it supersedes, says why, and carries the notification that replaces
 * it (with the same number: it stands in the same place in the Party's sequence), or nothing, to
 * withdraw it. The original stays in the log, marked superseded; the projections use the
 * replacement. A correction of a correction supersedes the replacement it carried.
 *
 * @param supersedes the index, in the sender's own log, of the entry it corrects: the
 *     notification itself or the latest correction of it
 * @param reason why, in words (shown to the other Parties beside both entries)
 * @param replacement the corrected notification, or null to withdraw the original
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Correction(long supersedes, String reason, Notification replacement) {
  /** The message type (and entry type) of a correction; not part of any agreement's catalogue. */
  public static final String TYPE = "correction";

  /** A reason is required and bounded: it travels in the log to every Party. */
  public static final int MAX_REASON = 1000;

  public boolean withdrawal() {
    return replacement == null;
  }
}
