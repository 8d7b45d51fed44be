package dev.verity.tlog.storage;

import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A {@link LogStorage} that forwards every call to another one; subclasses override what they
 * observe or change (recording publications, counting reads, injecting faults in tests).
 */
public abstract class ForwardingLogStorage implements LogStorage {
  private final LogStorage delegate;

  protected ForwardingLogStorage(LogStorage delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  protected final LogStorage delegate() {
    return delegate;
  }

  @Override
  public Optional<byte[]> readCheckpoint() throws IOException {
    return delegate.readCheckpoint();
  }

  @Override
  public Optional<byte[]> read(TilePath path) throws IOException {
    return delegate.read(path);
  }

  @Override
  public SortedSet<Integer> partialWidths(TilePath tile) throws IOException {
    return delegate.partialWidths(tile);
  }

  @Override
  public void delete(TilePath path) throws IOException {
    delegate.delete(path);
  }

  @Override
  public void publish(Publication publication) throws IOException {
    delegate.publish(publication);
  }

  @Override
  public void lockForWriting() throws IOException {
    delegate.lockForWriting();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
