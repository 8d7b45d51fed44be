package dev.verity.node.notify;

import java.time.Duration;

/**
 * How often and how patiently a notifier retries a transient failure: at most {@code attempts} in
 * all, waiting {@code firstBackoff} before the second, doubling each time up to {@code maxBackoff}.
 * No jitter: one node sends to a handful of receivers, not a fleet to one.
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
  /** 4 attempts over about 14 s (2 s, 4 s, 8 s between them). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofMinutes(1));

  static final int MAX_ATTEMPTS = 20;

  public RetryPolicy {
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "attempts must be from 1 to " + MAX_ATTEMPTS + ", not " + attempts);
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be at least 0 and maxBackoff at least firstBackoff");
    }
  }

  /** The wait before attempt {@code next} (2 for the first retry). */
  public Duration backoffBefore(int next) {
    Duration d = firstBackoff;
    for (int i = 2; i < next && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
