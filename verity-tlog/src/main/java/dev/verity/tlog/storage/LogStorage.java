package dev.verity.tlog.storage;

import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.tiles.TileSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Where a tlog-tiles log lives: the {@code checkpoint} file and the {@code tile/...} resources,
 * named exactly as in C2SP tlog-tiles so a directory of it can be served as a static log.
 *
 * <p>Writes go through {@link #publish}, which makes tiles and bundles durable before it
 * replaces the checkpoint atomically: the checkpoint is the source of truth, and anything
 * stored beyond it is the debris of an unfinished step.
 */
public interface LogStorage extends Closeable {

  /** A crash-safe log in directory {@code dir} (created if missing). */
  static LogStorage directory(Path dir) throws IOException {
    return new FileLogStorage(dir);
  }

  /** A log held in memory, for tests and tools. */
  static LogStorage memory() {
    return new MemoryLogStorage();
  }

  /** The current checkpoint file, if one was ever published. */
  Optional<byte[]> readCheckpoint() throws IOException;

  /**
   * A tile or entry bundle at exactly this width, if stored: a fresh array each time, the
   * caller's to keep or change (the audit hashes entries in place).
   */
  Optional<byte[]> read(TilePath path) throws IOException;

  /** The widths (1–255) of the partial versions stored for {@code tile}'s index. */
  SortedSet<Integer> partialWidths(TilePath tile) throws IOException;

  /** Removes one tile or bundle durably, if present (recovery of an unfinished step). */
  void delete(TilePath path) throws IOException;

  /** Stores the files, makes them durable, then atomically and durably replaces the checkpoint. */
  void publish(Publication publication) throws IOException;

  /**
   * Claims this log for one writer until {@link #close()}; fails if another writer holds it.
   * Readers need no lock: they only ever see whole files.
   */
  void lockForWriting() throws IOException;

  /** Reads hash tiles; a missing tile is a {@link NoSuchFileException}. */
  default TileSource tileSource() {
    return id -> read(id).orElseThrow(() -> new NoSuchFileException(id.path()));
  }
}
