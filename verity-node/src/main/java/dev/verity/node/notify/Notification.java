package dev.verity.node.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something a person must know now, sent to the outside world (issue 14: an unanswered flash
 * message escalating through a duty roster, a line test failing, an alarm). The caller writes the
 * title and text in the language the recipients read; the notifiers add no prose of their own
 * beyond a fixed e-mail subject tag.
 *
 * @param key what identifies the matter across repeated sends: a receiver groups and de-duplicates
 *     on it, and a {@link State#RESOLVED} notification with the same key closes it (e.g. {@code
 *     us-ru-military-line/US/17/flash})
 * @param kind a short machine name of what happened, e.g. {@code flash-unacknowledged}
 * @param severity how urgent
 * @param state whether the matter is open or resolved (acknowledged, answered, fixed)
 * @param title one line
 * @param text the details, plain text
 * @param at when it happened
 * @param labels identifiers for routing (agreement, party, peer, entry), never secrets
 * @param link where to look on the operator's dashboard, or null
 */
public record Notification(
    String key,
    String kind,
    Severity severity,
    State state,
    String title,
    String text,
    Instant at,
    Map<String, String> labels,
    URI link) {

  /** How urgent, mapped to each receiver's own scale. */
  public enum Severity {
    /** A flash message, an alarm (fork, altered entry): wake someone up. */
    CRITICAL,
    /** An immediate message, a failed line test. */
    WARNING,
    /** A routine message. */
    INFO
  }

  /** Open (a receiver pages) or resolved (a receiver closes what the key opened). */
  public enum State {
    FIRING,
    RESOLVED
  }

  public Notification {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(at, "at");
    text = text == null ? "" : text;
    // sorted, so that every receiver lists them in one order
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
  }

  /** The same matter, now resolved at {@code when}. */
  public Notification resolved(Instant when) {
    return new Notification(key, kind, severity, State.RESOLVED, title, text, when, labels, link);
  }
}
