package dev.verity.node.federation;

import dev.verity.node.store.NodeStore;
import dev.verity.node.store.StoreException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's alarms as they are raised, so that no peer can flood them: repeats of one kind from
 * one peer on one channel are one stored alarm with a count and first and last seen ({@link
 * NodeStore#raiseAlarm(String, String, String, String, long)}); the first of a kind is stored at
 * once, repeats are added up and written at most once per {@link #FLUSH_MS} for each alarm, so a
 * thousand bad requests a second cost one write a second. Each new alarm is logged once; repeats
 * are logged at debug level.
 */
public final class AlarmBook implements AutoCloseable {
  static final long FLUSH_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(AlarmBook.class);

  private record Key(String peer, String kind, String source) {}

  /** Repeats seen since the alarm was last written, and their latest detail. */
  private static final class Pending {
    long times;
    String detail;
  }

  private final NodeStore store;
  private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "verity-alarms");
            t.setDaemon(true);
            return t;
          });

  public AlarmBook(NodeStore store) {
    this.store = store;
    flusher.scheduleWithFixedDelay(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
  }

  /** Records that {@code peer} was seen doing {@code kind} on {@code source}. */
  public void raise(String peer, String kind, String source, String detail) {
    Key k = new Key(peer, kind, source);
    boolean first = pending.putIfAbsent(k, new Pending()) == null;
    if (first) {
      LOG.warn("ALARM {} {} ({}): {}", peer, kind, source, detail);
      write(k, detail, 1);
      return;
    }
    Pending p = pending.get(k);
    synchronized (p) {
      p.times++;
      p.detail = detail;
    }
    LOG.debug("alarm again: {} {} ({}): {}", peer, kind, source, detail);
  }

  /** Writes the repeats seen since the last flush. */
  public void flush() {
    for (var e : pending.entrySet()) {
      long times;
      String detail;
      synchronized (e.getValue()) {
        times = e.getValue().times;
        detail = e.getValue().detail;
        e.getValue().times = 0;
      }
      if (times > 0) {
        write(e.getKey(), detail, times);
      }
    }
  }

  private void write(Key k, String detail, long times) {
    try {
      store.raiseAlarm(k.peer(), k.kind(), k.source(), detail, times);
    } catch (StoreException e) {
      LOG.error(
          "ALARM not stored ({}): {} {} ({}): {}",
          e.getMessage(),
          k.peer(),
          k.kind(),
          k.source(),
          detail);
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
