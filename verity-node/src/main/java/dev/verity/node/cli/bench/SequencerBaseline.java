package dev.verity.node.cli.bench;

import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.LogStorage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline of a closed loop of receipts: the log's sequencer alone appending entries of the
 * same size as fast as it can, durably (hash, tiles, signed checkpoint, fsync), in the same run
 * and on the same disk as the nodes. No receipt can come faster than the sender's own durable
 * append, so the closed loop's receipted rate is printed as a fraction of this one (issue 18).
 */
final class SequencerBaseline {
  /** Appends outstanding at once: as many as the bench's submitting threads, so batches match. */
  private static final int WINDOW = 64;

  private SequencerBaseline() {}

  /** Durable appends per second of {@code count} entries of {@code entryBytes} into {@code dir}. */
  static double rate(Path dir, int entryBytes, int count) throws Exception {
    NoteKeys.KeyPair key =
        NoteKeys.generate("bench.verity.dev/sequencer", (byte) 1, new SecureRandom());
    Random random = new Random(18);
    try (LogWriter w = LogWriter.builder(LogStorage.directory(dir))
        .signer(LogCheckpoints.signer(key.signerKey()))
        .reader(LogCheckpoints.reader(key.verifierKey())).open()) {
      Deque<CompletableFuture<Long>> pending = new ArrayDeque<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        if (pending.size() == WINDOW) {
          pending.removeFirst().join();
        }
        byte[] entry = new byte[entryBytes];
        random.nextBytes(entry);
        pending.addLast(w.appendAsync(entry));
      }
      pending.forEach(CompletableFuture::join);
      return count / ((System.nanoTime() - t0) / 1e9);
    }
  }
}
