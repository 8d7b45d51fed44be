package dev.verity.node.federation;

import dev.verity.node.federation.WitnessService.Polled;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When the mirror poller next asks each peer for its checkpoint (decision "The mirror poller
 * backs off, and a push wakes it"). Polling is the fallback: peers push their checkpoints
 * (add-checkpoint), so a poll only has to notice a log that grew without telling us, or a
 * checkpoint served differently from the ones pushed.
 *
 * <ul>
 *   <li>The first poll comes {@link #QUIET} after the start, plus a spread chosen at random per
 *       peer of up to another {@link #QUIET}.
 *   <li>A peer that pushes is not polled: each push defers its next poll to {@link #QUIET} after
 *       it, and sets its interval back to {@link #FIRST}, since a log that moved may move again
 *       without a push reaching us (a publisher failing to reach us, a split view).
 *   <li>A poll that finds entries the mirror lacked (or raises an alarm) keeps the interval at
 *       {@link #FIRST}: that log moves without its pushes reaching us.
 *   <li>A poll that finds nothing new (or no answer) doubles the interval, up to
 *       {@link #LONGEST}: a quiet network of N nodes costs N(N−1) polls per {@link #LONGEST},
 *       not per {@link #FIRST} (issue 18: at N = 57 the polls were 43 % of the CPU).
 * </ul>
 *
 * <p>Times are {@link System#nanoTime}-style readings passed in by the caller, so a test can
 * drive the schedule with a clock of its own. Thread-safe.
 */
final class PollSchedule {
  static final long FIRST = TimeUnit.SECONDS.toNanos(5);
  static final long LONGEST = TimeUnit.MINUTES.toNanos(5);
  static final long QUIET = TimeUnit.SECONDS.toNanos(30);

  private record Next(long at, long interval) {}

  private final Map<String, Next> peers = new ConcurrentHashMap<>();
  /** The spread added to each first poll, in [0, {@link #QUIET}). */
  private final LongSupplier spread;

  /** A schedule whose first polls are spread at random over a second {@link #QUIET}. */
  PollSchedule() {
    this(() -> ThreadLocalRandom.current().nextLong(QUIET));
  }

  /** A schedule whose first polls are spread by {@code spread} (tests: none). */
  PollSchedule(LongSupplier spread) {
    this.spread = spread;
  }

  /**
   * Schedules {@code peer}'s first poll {@link #QUIET} after {@code now} (the node's start) and a
   * spread: its pushing peers are heard from first, and the N−1 first polls of a node, each a
   * mutual-TLS handshake, do not all come in the same second (at N = 57 they came as 3,192
   * handshakes at once, 30 s after a start, into the bench's measured window: D91).
   */
  void add(String peer, long now) {
    peers.put(peer, new Next(now + QUIET + spread.getAsLong(), FIRST));
  }

  /** {@link #add}s {@code peer} unless it is scheduled already (a peer pinned while running). */
  void addIfAbsent(String peer, long now) {
    peers.computeIfAbsent(peer, p -> new Next(now + QUIET + spread.getAsLong(), FIRST));
  }

  /** Whether {@code peer} is due for a poll at {@code now}. */
  boolean due(String peer, long now) {
    Next n = peers.get(peer);
    return n != null && now - n.at() >= 0;
  }

  /**
   * {@code peer} pushed a new checkpoint at {@code at}: its next poll comes {@link #QUIET} after
   * its last push, however far it had backed off.
   */
  void pushed(String peer, long at) {
    peers.computeIfPresent(peer, (p, n) -> new Next(at + QUIET, FIRST));
  }

  /** {@code peer} was polled at {@code now} with {@code outcome}: when to poll it next. */
  void polled(String peer, Polled outcome, long now) {
    peers.computeIfPresent(peer, (p, n) -> {
      long interval = outcome == Polled.CHANGED ? FIRST : Math.min(LONGEST, 2 * n.interval());
      return new Next(now + interval, interval);
    });
  }

  /** The time between {@code peer}'s last poll and its next (for tests and the docs). */
  long interval(String peer) {
    return peers.get(peer).interval();
  }
}
