package dev.verity.tlog.log;

import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Appends entries to a tlog-tiles log. Thread-safe: any number of threads may append at once;
 * their entries are sequenced in batches, and each batch is made durable with one fsync pass
 * and one signed checkpoint. An append completes only once the checkpoint covering its entry
 * is published, so a returned index survives any crash.
 *
 * <pre>{@code
 * try (LogWriter log = LogWriter.builder(LogStorage.directory(dir))
 *     .signer(signer).reader(reader).open()) {
 *   long index = log.append(entry);
 * }
 * }</pre>
 */
public interface LogWriter extends Closeable {

  static Builder builder(LogStorage storage) {
    return new Builder(storage);
  }

  /**
   * Queues an entry; the future completes with its index once it is durable, or fails with an
   * {@link IOException} if its batch could not be published.
   *
   * @throws IllegalArgumentException if the entry exceeds 65535 bytes (C2SP tlog-tiles bundles)
   * @throws IllegalStateException if the writer is closed
   */
  CompletableFuture<Long> appendAsync(byte[] entry);

  /** Appends an entry and waits until it is durable; returns its index. */
  default long append(byte[] entry) throws IOException {
    try {
      return appendAsync(entry).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the append to be durable");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
  }

  /** The tree head of the latest published checkpoint. */
  TreeHead treeHead();

  /**
   * Publishes what is queued, stops the sequencer and releases the log (closing its storage).
   */
  @Override
  void close() throws IOException;

  /** Configures and opens a {@link LogWriter}. */
  final class Builder {
    private final LogStorage storage;
    private CheckpointSigner signer;
    private CheckpointReader reader;
    private int maxBatchEntries = 1024;

    private Builder(LogStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Signs each new checkpoint (required). */
    public Builder signer(CheckpointSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /** Verifies the stored checkpoint on open (required). */
    public Builder reader(CheckpointReader reader) {
      this.reader = Objects.requireNonNull(reader, "reader");
      return this;
    }

    /** The most entries sequenced in one batch (1–4096; default 1024). */
    public Builder maxBatchEntries(int n) {
      if (n < 1 || n > TreeState.MAX_BATCH_LIMIT) {
        throw new IllegalArgumentException("max batch entries must be in [1, "
            + TreeState.MAX_BATCH_LIMIT + "], got " + n);
      }
      this.maxBatchEntries = n;
      return this;
    }

    /**
     * Locks the log for writing, recovers it (the checkpoint is the source of truth; leftovers
     * of an interrupted batch are discarded), publishes an empty checkpoint if it has none, and
     * starts the sequencer.
     *
     * @throws CorruptLogException if the stored log contradicts its checkpoint
     */
    public LogWriter open() throws IOException {
      if (signer == null || reader == null) {
        throw new IllegalStateException("a LogWriter needs a signer and a reader");
      }
      return SequencedLogWriter.open(storage, signer, reader, maxBatchEntries);
    }
  }
}
