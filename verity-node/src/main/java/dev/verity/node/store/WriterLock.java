package dev.verity.node.store;

import java.util.Optional;

/**
 * A log storage whose writer lock can be lost while held (PostgreSQL: with the database session
 * that holds it). The writer asks, so that it steps down rather than answering as the active
 * process while it can append nothing.
 */
public interface WriterLock {
  /** Why this writer can no longer write (its session lost, or fenced), if so; checked now. */
  Optional<String> lost();
}
