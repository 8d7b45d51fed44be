package dev.verity.node.notify;

/**
 * What became of one notification sent to one target: delivered (the receiver accepted it) or
 * failed, with the reason as a value a program branches on and a detail for people. Neither ever
 * contains a secret (tokens and passwords are redacted from details).
 */
public sealed interface Delivery {
  /** The target's name in the configuration. */
  String target();

  /** How many attempts were made, the successful one included. */
  int attempts();

  /**
   * The receiver accepted it: {@code response} is its status, e.g. {@code HTTP 202} or {@code 250}.
   */
  record Delivered(String target, int attempts, String response) implements Delivery {}

  /** Given up: after the last allowed attempt, or at once for a failure retrying cannot fix. */
  record Failed(String target, int attempts, Failure failure, String detail) implements Delivery {}

  /** Why a delivery failed. */
  enum Failure {
    /** No connection: refused, no route, name not resolved. Retried. */
    UNREACHABLE,
    /** No answer within the target's timeout. Retried. */
    TIMEOUT,
    /** The receiver answered "later" (HTTP 429 or 5xx, SMTP 4xx) every time. */
    UNAVAILABLE,
    /** TLS could not be set up: no STARTTLS offered, certificate not trusted. Not retried. */
    TLS,
    /** The receiver refused the credentials (HTTP 401/403, SMTP 535). Not retried. */
    AUTHENTICATION,
    /** The receiver refused the notification itself (HTTP 4xx, SMTP 5xx). Not retried. */
    REJECTED,
    /** The target cannot be used: no such target, its secret is missing. Not retried. */
    CONFIGURATION,
    /** The sending thread was interrupted (the node is stopping). */
    INTERRUPTED
  }
}
