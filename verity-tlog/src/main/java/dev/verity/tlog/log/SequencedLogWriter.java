package dev.verity.tlog.log;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.Publication;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The batching sequencer (group commit). Callers hash their own entry (spreading SHA-256 over
 * their threads) and queue it; one sequencer thread takes everything queued — up to the batch
 * limit — while the previous batch was being made durable, so batches grow with load and a lone
 * append is not delayed. Per batch: assign indices, extend the tree state, write bundles and
 * tiles, sign the checkpoint, publish (one fsync pass, checkpoint last), then complete the
 * callers' futures. If a batch fails, its callers get the error and the state is recovered
 * from storage, where the previous checkpoint still stands.
 */
final class SequencedLogWriter implements LogWriter {
  private static final Pending STOP = new Pending(null, null, null);

  private final LogStorage storage;
  private final CheckpointSigner signer;
  private final CheckpointReader reader;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread sequencer;
  private TreeState state; // sequencer thread only, after open
  private volatile TreeHead head;
  private volatile IOException broken;
  private boolean closed; // guarded by this

  private record Pending(byte[] entry, Hash leaf, CompletableFuture<Long> result) {}

  private SequencedLogWriter(LogStorage storage, CheckpointSigner signer,
      CheckpointReader reader, int maxBatch, TreeState state) {
    this.storage = storage;
    this.signer = signer;
    this.reader = reader;
    this.maxBatch = maxBatch;
    this.state = state;
    this.head = state.head();
    this.sequencer = new Thread(this::run, "tlog-sequencer");
    sequencer.setDaemon(true);
  }

  static LogWriter open(LogStorage storage, CheckpointSigner signer, CheckpointReader reader,
      int maxBatch) throws IOException {
    storage.lockForWriting();
    try {
      TreeState state = TreeState.recover(storage, reader).orElse(null);
      if (state == null) {
        state = TreeState.empty();
        storage.publish(new Publication(Map.of(), signer.sign(0, state.root())));
      }
      SequencedLogWriter w = new SequencedLogWriter(storage, signer, reader, maxBatch, state);
      w.sequencer.start();
      return w;
    } catch (IOException | RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  @Override
  public CompletableFuture<Long> appendAsync(byte[] entry) {
    Objects.requireNonNull(entry, "entry");
    EntryBundle.checkEntrySize(entry.length);
    IOException failed = broken;
    if (failed != null) {
      return CompletableFuture.failedFuture(failed);
    }
    byte[] copy = entry.clone();
    Pending p = new Pending(copy, MerkleHash.leaf(copy), new CompletableFuture<>());
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("log writer is closed");
      }
      queue.add(p);
    }
    return p.result();
  }

  @Override
  public TreeHead treeHead() {
    return head;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break; // only close() interrupts, after STOP failed to arrive
      }
      queue.drainTo(batch, maxBatch - 1);
      int stopAt = batch.indexOf(STOP);
      if (stopAt >= 0) {
        stop = true;
        batch.subList(stopAt, batch.size()).clear();
      }
      if (!batch.isEmpty()) {
        try {
          sequence(batch);
        } catch (Error e) { // e.g. out of memory: fail the callers rather than strand them
          broken = new IOException("the sequencer failed: " + e, e);
          batch.forEach(p -> p.result().completeExceptionally(broken));
          throw e;
        }
      }
      batch.clear();
    }
  }

  private void sequence(List<Pending> batch) {
    if (broken != null) {
      batch.forEach(p -> p.result().completeExceptionally(broken));
      return;
    }
    long first = state.size();
    try {
      Map<TilePath, byte[]> files = new LinkedHashMap<>();
      for (Pending p : batch) {
        state.append(p.entry(), p.leaf(), files);
      }
      state.finishStep(files);
      TreeHead next = state.head();
      storage.publish(new Publication(files, signer.sign(next.size(), next.root())));
      head = next;
    } catch (IOException | RuntimeException e) {
      IOException err = e instanceof IOException io ? io
          : new IOException("publishing a batch failed: " + e, e);
      batch.forEach(p -> p.result().completeExceptionally(err));
      reload(err);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(first + i);
    }
  }

  /** After a failed batch the in-memory state is ahead of storage: start again from storage. */
  private void reload(IOException cause) {
    try {
      state = TreeState.recover(storage, reader).orElseThrow(
          () -> new CorruptLogException("the checkpoint disappeared"));
      head = state.head();
    } catch (IOException | RuntimeException e) {
      e.addSuppressed(cause);
      broken = e instanceof IOException io ? io : new IOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      sequencer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sequencer.interrupt();
    } finally {
      storage.close();
    }
  }
}
