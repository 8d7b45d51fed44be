package dev.verity.node.federation;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.WitnessService.Polled;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The pull side of mirroring: peers push their checkpoints (add-checkpoint), so this polls a peer
 * only as a fallback, when {@link PollSchedule} says so: a peer that pushes is not polled until it
 * has been quiet a while, and one whose served checkpoint stays the same is polled less and less
 * often. Each push this node cosigns wakes its sender's schedule ({@link #pushed}).
 */
public final class MirrorPoller implements AutoCloseable {
  /** How often the schedule is looked at: a look that finds nothing due costs no request. */
  static final long TICK_MILLIS = 1000;
  private final Supplier<List<PeerConfig>> peers;
  private final Function<PeerConfig, Polled> poll;
  private final LongSupplier nanos;
  private final PollSchedule schedule;
  private final ScheduledExecutorService timer;

  /**
   * Polls the peers {@code peers} gives at each look (they change while the node runs: a new one
   * is first polled {@link PollSchedule#QUIET} after it appears) into {@code witness}'s mirrors;
   * its cosigned pushes wake the schedule.
   */
  public MirrorPoller(WitnessService witness, Supplier<List<PeerConfig>> peers) {
    this(peers, witness::poll, System::nanoTime, true, new PollSchedule());
    witness.onPushCosigned(this::pushed);
  }

  /** A poller of fixed peers, its parts given, first polls not spread (tests: a fake clock). */
  MirrorPoller(List<PeerConfig> peers, Function<PeerConfig, Polled> poll, LongSupplier nanos,
      boolean timed) {
    this(() -> peers, poll, nanos, timed, new PollSchedule(() -> 0));
  }

  private MirrorPoller(Supplier<List<PeerConfig>> peers, Function<PeerConfig, Polled> poll,
      LongSupplier nanos, boolean timed, PollSchedule schedule) {
    this.schedule = schedule;
    this.peers = peers;
    this.poll = poll;
    this.nanos = nanos;
    long now = nanos.getAsLong();
    peers.get().forEach(p -> schedule.add(p.party(), now));
    this.timer = timed ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "verity-mirror-poll");
      t.setDaemon(true);
      return t;
    }) : null;
    if (timer != null) {
      timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** {@code party} pushed a checkpoint this node cosigned: its log moved, and we know it. */
  void pushed(String party) {
    schedule.pushed(party, nanos.getAsLong());
  }

  /** Polls every peer that is due, one after another. */
  void tick() {
    for (PeerConfig p : peers.get()) {
      schedule.addIfAbsent(p.party(), nanos.getAsLong());
      if (schedule.due(p.party(), nanos.getAsLong())) {
        Polled o = poll.apply(p);
        schedule.polled(p.party(), o, nanos.getAsLong());
      }
    }
  }

  /** The schedule (tests). */
  PollSchedule schedule() {
    return schedule;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
