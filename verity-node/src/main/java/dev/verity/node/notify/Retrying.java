package dev.verity.node.notify;

import dev.verity.node.notify.Delivery.Failure;
import java.util.function.Supplier;

/** Runs attempts by a {@link RetryPolicy} until one is accepted or retrying is pointless. */
final class Retrying {
  private final RetryPolicy policy;
  private final Sleeper sleeper;

  Retrying(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  Delivery run(String target, Supplier<Attempt> attempt) {
    for (int n = 1; ; n++) {
      Attempt a = attempt.get();
      if (a instanceof Attempt.Accepted ok) {
        return new Delivery.Delivered(target, n, ok.response());
      }
      Attempt.Refused r = (Attempt.Refused) a;
      if (!r.retry() || n == policy.attempts()) {
        return new Delivery.Failed(target, n, r.failure(), r.detail());
      }
      try {
        sleeper.sleep(policy.backoffBefore(n + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Delivery.Failed(
            target, n, Failure.INTERRUPTED, "interrupted after: " + r.detail());
      }
    }
  }
}
