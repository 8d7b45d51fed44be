package dev.verity.node.store;

import java.sql.SQLException;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The waiting half of a group commit: transactions are numbered as they open; a writer whose
 * work is in transaction {@code b} waits here until {@code b} is committed. The first waiter to
 * find {@code b} uncommitted commits it for every writer in it (the leader), while the writers
 * that come meanwhile gather in {@code b + 1}: one fsync per transaction, however many writers
 * it holds (the pattern of the log's sequencer, and of database group commit generally: Gray
 * and Reuter, "Transaction Processing", §9.4.7). A failed commit is reported to every writer of
 * that transaction.
 */
final class GroupCommit {
  /** Commits transaction {@code batch} if it is still the open one. */
  @FunctionalInterface
  interface Committer {
    void commit(long batch) throws SQLException;
  }

  /** Failures kept for writers still to look: far more than can wait at once. */
  private static final int FAILURES_KEPT = 1024;

  private final Committer committer;
  private long committed;
  private final NavigableMap<Long, SQLException> failed = new TreeMap<>();

  GroupCommit(Committer committer) {
    this.committer = committer;
  }

  /** Returns once transaction {@code batch} has committed; throws if its commit failed. */
  synchronized void await(long batch, String what) throws StoreException {
    if (committed < batch) {
      try {
        committer.commit(batch);
      } catch (SQLException e) {
        failed.put(batch, e);
        failed.headMap(batch - FAILURES_KEPT).clear();
      }
      committed = batch;
    }
    SQLException e = failed.get(batch);
    if (e != null) {
      throw SqlNodeStore.failed(what + " (commit)", e);
    }
  }
}
