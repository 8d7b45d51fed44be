package dev.verity.node.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database on a thread of its own, so that no
 * commit pays for it.
 *
 * <p>By default SQLite checkpoints inside the commit that takes the log past 1,000 pages
 * (sqlite.org/wal.html §"Automatic Checkpoint"): that writer copies about 4 MB into the database
 * and fsyncs it while it holds the store's one writing connection, and every writer behind it
 * waits. At 1,000 messages/s between two nodes that was one commit a second on the sender,
 * 2–5 ms of fsync alone (issue 18, D96). Here the writing connection checkpoints only as a
 * backstop, at {@link #BACKSTOP_PAGES}; this thread runs a {@code PASSIVE} checkpoint every
 * {@link #PERIOD_MS} ms when something was committed since the last one. A passive checkpoint
 * takes no lock a writer needs: it copies the frames no reader still uses
 * (sqlite.org/pragma.html#pragma_wal_checkpoint), and the writer starts the log again from its
 * beginning once a checkpoint has copied all of it.
 *
 * <p>Durability is unchanged: a commit is durable once its frames are fsynced in the log
 * ({@code synchronous=FULL}); the checkpoint only moves them.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  /** How often to look for new commits to checkpoint. */
  static final long PERIOD_MS = 250;

  /**
   * The writing connection's own automatic checkpoint, should this thread fall behind or stop:
   * 10,000 pages (about 40 MB) bound the log as SQLite's default bounds it at 1,000.
   */
  static final int BACKSTOP_PAGES = 10_000;

  private final Connection connection;
  private final LongSupplier commits;
  private final ScheduledExecutorService thread;
  private long checkpointed = -1; // the commit count at the last checkpoint; this thread only

  /** What one checkpoint did (the three columns of {@code PRAGMA wal_checkpoint}). */
  record Result(boolean busy, int logFrames, int checkpointedFrames) {}

  /**
   * Starts checkpointing through {@code connection} (which this object closes) whenever {@code
   * commits} has moved since the last checkpoint.
   */
  WalCheckpointer(Connection connection, LongSupplier commits, String name) {
    this.connection = connection;
    this.commits = commits;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "verity-sqlite-checkpoint " + name);
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Sets the writing connection's automatic checkpoint to the backstop. */
  static void backstop(Connection writer) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA wal_autocheckpoint=" + BACKSTOP_PAGES);
    }
  }

  private void tick() {
    long now = commits.getAsLong();
    if (now == checkpointed) {
      return; // nothing new: an idle node does no work here
    }
    try {
      checkpoint();
      checkpointed = now;
    } catch (SQLException e) {
      // the next tick tries again; meanwhile the writer's backstop bounds the log
      LOG.warn("SQLite checkpoint failed (will retry): {}", e.getMessage());
    }
  }

  /** One passive checkpoint, now, on the caller's thread. */
  synchronized Result checkpoint() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return new Result(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
    }
  }

  @Override
  public void close() throws SQLException {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      connection.close();
    }
  }
}
