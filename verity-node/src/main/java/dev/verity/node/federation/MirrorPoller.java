package dev.verity.node.federation;

import dev.verity.node.config.PeerConfig;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pull side of mirroring: peers push their checkpoints (add-checkpoint), so this only polls
 * a peer that has been quiet for {@link #QUIET_SECONDS}, every {@link #PERIOD_SECONDS}, to
 * notice a log that grew without telling us or a checkpoint served differently from the one
 * pushed.
 */
public final class MirrorPoller implements AutoCloseable {
  static final long PERIOD_SECONDS = 5;
  static final long QUIET_SECONDS = 30;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "verity-mirror-poll");
    t.setDaemon(true);
    return t;
  });

  /** Polls the peers {@code peers} gives at each round (they change while the node runs). */
  public MirrorPoller(WitnessService witness, Supplier<List<PeerConfig>> peers) {
    timer.scheduleWithFixedDelay(() -> {
      for (PeerConfig p : peers.get()) {
        if (witness.sinceLastRequest(p.party()) > TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
          witness.poll(p);
        }
      }
    }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
