package dev.verity.tlog.witness;

import dev.verity.tlog.checkpoint.Checkpoint;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The witness's memory: the latest cosigned checkpoint of each log, by origin. C2SP tlog-witness
 * requires the check of the old size and the update to be one atomic step, persisted before the
 * witness answers, or a slow request could roll the log back.
 */
public interface WitnessState {
  /** The latest cosigned checkpoint for {@code origin}, if any. */
  Optional<Checkpoint> latest(String origin) throws WitnessException;

  /**
   * Replaces the latest checkpoint of {@code next.origin()} by {@code next} only if it is still
   * {@code expected} (null: none yet), durably, before returning true; false if it changed.
   */
  boolean compareAndSwap(Checkpoint expected, Checkpoint next) throws WitnessException;

  /** A state kept in memory only, for tests and ephemeral witnesses. */
  static WitnessState inMemory() {
    return new MemoryWitnessState();
  }

  /** A state kept in files under {@code dir}, one per origin, written crash-safely. */
  static WitnessState inDirectory(Path dir) throws WitnessException {
    return FileWitnessState.open(dir);
  }
}
