package dev.verity.bench;

import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Builds logs for benchmarks, with a trivial unsigned checkpoint format. */
final class BenchLogs {
  static final CheckpointSigner SIGNER = (size, root) ->
      ("bench\n" + size + "\n" + root.base64() + "\n").getBytes(StandardCharsets.UTF_8);
  static final CheckpointReader READER = BenchLogs::open;

  private BenchLogs() {}

  private static TreeHead open(byte[] file) throws InvalidCheckpointException {
    String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
    if (lines.length != 3 || !lines[0].equals("bench")) {
      throw new InvalidCheckpointException("not a bench checkpoint");
    }
    return new TreeHead(Long.parseLong(lines[1]), Hash.fromBase64(lines[2]));
  }

  /** A log of {@code n} random entries of {@code entrySize} bytes, appended in big batches. */
  static LogStorage build(LogStorage storage, int n, int entrySize) throws IOException {
    Random rnd = new Random(1);
    try (LogWriter w = LogWriter.builder(storage).signer(SIGNER).reader(READER)
        .maxBatchEntries(4096).open()) {
      CompletableFuture<Long> last = null;
      for (int i = 0; i < n; i++) {
        byte[] e = new byte[entrySize];
        rnd.nextBytes(e);
        last = w.appendAsync(e);
        if (i % 4096 == 4095) {
          last.join();
        }
      }
      if (last != null) {
        last.join();
      }
    }
    return storage;
  }
}
