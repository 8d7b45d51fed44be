package dev.verity.tlog.storage;

import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LogStorage} in a map; each publish becomes visible checkpoint last. */
final class MemoryLogStorage implements LogStorage {
  private final Map<TilePath, byte[]> files = new ConcurrentHashMap<>();
  private final Map<TilePath, SortedSet<Integer>> partials = new ConcurrentHashMap<>(); // by full
  private volatile byte[] checkpoint;
  private boolean locked;

  @Override
  public Optional<byte[]> readCheckpoint() {
    byte[] c = checkpoint;
    return Optional.ofNullable(c == null ? null : c.clone());
  }

  @Override
  public Optional<byte[]> read(TilePath path) {
    byte[] b = files.get(path);
    return Optional.ofNullable(b == null ? null : b.clone());
  }

  @Override
  public SortedSet<Integer> partialWidths(TilePath tile) {
    SortedSet<Integer> widths = partials.get(tile.withWidth(TilePath.WIDTH));
    synchronized (partials) {
      return widths == null ? new TreeSet<>() : new TreeSet<>(widths);
    }
  }

  @Override
  public void delete(TilePath path) {
    synchronized (partials) {
      files.remove(path);
      SortedSet<Integer> widths = partials.get(path.withWidth(TilePath.WIDTH));
      if (widths != null && !path.isFull()) {
        widths.remove(path.width());
      }
    }
  }

  @Override
  public void publish(Publication publication) {
    synchronized (partials) {
      publication.files().forEach((p, b) -> {
        files.put(p, b.clone());
        if (!p.isFull()) {
          partials.computeIfAbsent(p.withWidth(TilePath.WIDTH), k -> new TreeSet<>())
              .add(p.width());
        }
      });
    }
    checkpoint = publication.checkpoint().clone();
  }

  @Override
  public synchronized void lockForWriting() throws IOException {
    if (locked) {
      throw new IOException("log is already open for writing");
    }
    locked = true;
  }

  @Override
  public synchronized void close() {
    locked = false;
  }
}
