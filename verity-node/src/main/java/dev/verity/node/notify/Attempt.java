package dev.verity.node.notify;

import dev.verity.node.notify.Delivery.Failure;

/** The outcome of one attempt, as a notifier reports it to {@link Retrying}. */
sealed interface Attempt {
  /** Accepted, with the receiver's status. */
  record Accepted(String response) implements Attempt {}

  /** Not accepted; {@code retry} says whether another attempt may succeed. */
  record Refused(Failure failure, String detail, boolean retry) implements Attempt {}

  static Attempt transientFailure(Failure f, String detail) {
    return new Refused(f, detail, true);
  }

  static Attempt permanentFailure(Failure f, String detail) {
    return new Refused(f, detail, false);
  }
}
