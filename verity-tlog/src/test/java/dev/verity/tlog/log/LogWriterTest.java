package dev.verity.tlog.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.ForwardingLogStorage;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.Publication;
import dev.verity.tlog.storage.TestCheckpoints;
import dev.verity.tlog.storage.TestLogs;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWriterTest {
  static final CheckpointSigner SIGNER = TestCheckpoints.unsignedSigner();
  static final CheckpointReader READER = TestCheckpoints.unsignedReader();

  @TempDir Path tmp;

  static LogWriter open(LogStorage s) throws IOException {
    return LogWriter.builder(s).signer(SIGNER).reader(READER).open();
  }

  static byte[] entry(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertClean(LogStorage s, long size) throws IOException {
    AuditReport r = LogAuditor.audit(s, READER);
    assertThat(r.problems()).isEmpty();
    assertThat(r.treeHead().orElseThrow().size()).isEqualTo(size);
  }

  @Test
  void anEmptyLogGetsAnEmptyCheckpoint() throws Exception {
    LogStorage s = LogStorage.memory();
    try (LogWriter w = open(s)) {
      assertThat(w.treeHead().size()).isZero();
      assertThat(w.treeHead().root()).isEqualTo(new MemoryTree().root());
    }
    assertThat(s.readCheckpoint()).isPresent();
    assertClean(s, 0);
  }

  @Test
  void concurrentAppendsGetDistinctIndicesAndTheRightTree() throws Exception {
    Path dir = tmp.resolve("log");
    CountingStorage s = new CountingStorage(LogStorage.directory(dir));
    int threads = 8;
    int perThread = 300;
    List<String>[] byIndex = new List[1];
    byIndex[0] = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(
        threads * perThread, (String) null)));
    try (LogWriter w = open(s)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            String e = "writer " + id + " entry " + i;
            long idx = w.append(entry(e));
            byIndex[0].set((int) idx, e);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      assertThat(w.treeHead().size()).isEqualTo(threads * perThread);
      MemoryTree expected = new MemoryTree();
      byIndex[0].forEach(e -> expected.append(entry(e)));
      assertThat(w.treeHead().root()).isEqualTo(expected.root());
    }
    // group commit: concurrent appends share checkpoints
    assertThat(s.publishes.get()).isLessThan(threads * perThread);
    LogReader r = LogReader.open(LogStorage.directory(dir), READER);
    for (int i = 0; i < threads * perThread; i += 97) {
      assertThat(new String(r.entry(i), StandardCharsets.UTF_8)).isEqualTo(byIndex[0].get(i));
    }
    assertClean(LogStorage.directory(dir), threads * perThread);
  }

  @Test
  void reopeningContinuesTheSameTree() throws Exception {
    Path dir = tmp.resolve("log");
    MemoryTree expected = new MemoryTree();
    int n = 0;
    for (int round = 0; round < 4; round++) {
      try (LogWriter w = open(LogStorage.directory(dir))) {
        assertThat(w.treeHead().size()).isEqualTo(n);
        List<CompletableFuture<Long>> fs = new ArrayList<>();
        for (int i = 0; i < 200 + round * 37; i++, n++) {
          fs.add(w.appendAsync(entry("e" + n)));
          expected.append(entry("e" + n));
        }
        for (int i = 0; i < fs.size(); i++) {
          assertThat(fs.get(i).get()).isEqualTo(n - fs.size() + i);
        }
        assertThat(w.treeHead().root()).isEqualTo(expected.root());
      }
    }
    assertClean(LogStorage.directory(dir), n);
  }

  @Test
  void appendsToTheTesseraLogAndReSignsItsCheckpointByteForByte() throws Exception {
    Path dir = TestLogs.tesseraCopy(tmp);
    byte[] cp15 = Files.readAllBytes(dir.resolve("checkpoint"));
    CheckpointSigner signer = TestCheckpoints.tesseraSigner();
    CheckpointReader reader = TestCheckpoints.tesseraReader();
    LogWriter w = LogWriter.builder(LogStorage.directory(dir)).signer(signer).reader(reader)
        .open();
    try (w) {
      assertThat(w.treeHead().size()).isEqualTo(15);
      assertThat(signer.sign(15, w.treeHead().root())).isEqualTo(cp15);
      assertThat(w.append(entry("sixteen"))).isEqualTo(15);
      assertThat(w.append(entry("seventeen"))).isEqualTo(16);
    }
    assertThat(Files.readAllBytes(dir.resolve("tile/entries/000.p/17"))).endsWith(
        entry("\0\u0009seventeen"));
    assertThat(LogAuditor.audit(LogStorage.directory(dir), reader).problems()).isEmpty();
  }

  /** Appending never reads the tree; opening reads O(log n) tiles, not the whole log. */
  @Test
  void appendsWithoutReadingAndOpensWithFewReads() throws Exception {
    CountingStorage s = new CountingStorage(LogStorage.memory());
    try (LogWriter w = LogWriter.builder(s).signer(SIGNER).reader(READER).maxBatchEntries(4096)
        .open()) {
      int before = s.reads.get();
      for (int i = 0; i < 70_000; i++) {
        w.appendAsync(entry("e" + i));
      }
      w.append(entry("last"));
      assertThat(s.reads.get()).isEqualTo(before);
    }
    CountingStorage again = new CountingStorage(s);
    open(again).close();
    assertThat(again.reads.get()).isLessThanOrEqualTo(12);
  }

  @Test
  void refusesEntriesTooLargeForABundle() throws Exception {
    try (LogWriter w = open(LogStorage.memory())) {
      assertThatThrownBy(() -> w.appendAsync(new byte[65536]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
      assertThat(w.append(new byte[65535])).isZero();
      assertThatThrownBy(() -> w.appendAsync(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void aClosedWriterRefusesAppendsAndReleasesTheLog() throws Exception {
    LogStorage s = LogStorage.directory(tmp.resolve("log"));
    LogWriter w = open(s);
    assertThatThrownBy(() -> open(LogStorage.directory(tmp.resolve("log"))))
        .isInstanceOf(IOException.class);
    w.close();
    assertThatThrownBy(() -> w.appendAsync(entry("x")))
        .isInstanceOf(IllegalStateException.class);
    open(LogStorage.directory(tmp.resolve("log"))).close();
  }

  @Test
  void aFailedBatchFailsItsCallersAndLeavesNoTrace() throws Exception {
    Path dir = tmp.resolve("log");
    CountingStorage s = new CountingStorage(LogStorage.directory(dir));
    try (LogWriter w = open(s)) {
      for (int i = 0; i < 300; i++) {
        w.appendAsync(entry("ok " + i));
      }
      w.append(entry("ok 300"));
      // the next batch's files reach the disk but its checkpoint does not: a torn step
      s.tearNext.set(true);
      List<CompletableFuture<Long>> doomed = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        doomed.add(w.appendAsync(entry("lost " + i)));
      }
      assertThatThrownBy(() -> doomed.get(0).get()).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IOException.class);
      for (CompletableFuture<Long> f : doomed) {
        try {
          f.get();
        } catch (ExecutionException expected) {
          // the torn batch, or later ones still sequenced
        }
      }
      long size = w.treeHead().size();
      long idx = w.append(entry("after"));
      assertThat(idx).isEqualTo(size);
    }
    assertClean(LogStorage.directory(dir), LogReader.open(LogStorage.directory(dir), READER)
        .treeHead().size());
  }

  @Test
  void recoveryDeletesWhatAnInterruptedStepLeftBeyondTheCheckpoint() throws Exception {
    Path dir = tmp.resolve("log");
    try (LogWriter w = open(LogStorage.directory(dir))) {
      for (int i = 0; i < 700; i++) {
        w.appendAsync(entry("e" + i));
      }
      w.append(entry("e700"));
    }
    // debris of a step that died before its checkpoint (size stays 701 = 2·256 + 189)
    for (String junk : List.of("tile/0/002.p/200", "tile/entries/002.p/250", "tile/0/002",
        "tile/entries/003.p/5", "tile/0/005", "tile/1/000.p/4", "tile/entries/010")) {
      Path p = dir.resolve(junk);
      Files.createDirectories(p.getParent());
      Files.write(p, new byte[] {9, 9, 9});
    }
    try (LogWriter w = open(LogStorage.directory(dir))) {
      assertThat(w.treeHead().size()).isEqualTo(701);
      for (String junk : List.of("tile/0/002.p/200", "tile/entries/002.p/250", "tile/0/002",
          "tile/entries/003.p/5", "tile/0/005", "tile/1/000.p/4", "tile/entries/010")) {
        assertThat(dir.resolve(junk)).doesNotExist();
      }
      assertThat(dir.resolve("tile/0/002.p/189")).exists();
      assertThat(dir.resolve("tile/1/000.p/2")).exists();
      for (int i = 701; i < 1600; i++) {
        w.appendAsync(entry("e" + i));
      }
      w.append(entry("last"));
    }
    assertClean(LogStorage.directory(dir), 1601);
  }

  @Test
  void refusesToOpenALogWhoseTilesContradictItsCheckpoint() throws Exception {
    Path dir = tmp.resolve("log");
    try (LogWriter w = open(LogStorage.directory(dir))) {
      for (int i = 0; i < 10; i++) {
        w.append(entry("e" + i));
      }
    }
    byte[] tile = Files.readAllBytes(dir.resolve("tile/0/000.p/10"));
    tile[5] ^= 1;
    Files.write(dir.resolve("tile/0/000.p/10"), tile);
    assertThatThrownBy(() -> open(LogStorage.directory(dir)))
        .isInstanceOf(CorruptLogException.class).hasMessageContaining("root");
    Files.writeString(dir.resolve("checkpoint"), "garbage\n");
    assertThatThrownBy(() -> open(LogStorage.directory(dir)))
        .isInstanceOf(CorruptLogException.class).hasMessageContaining("checkpoint");
  }

  @Test
  void refusesToStartOverALogWhoseCheckpointIsLost() throws Exception {
    Path dir = tmp.resolve("log");
    try (LogWriter w = open(LogStorage.directory(dir))) {
      w.append(entry("precious"));
    }
    Files.delete(dir.resolve("checkpoint"));
    assertThatThrownBy(() -> open(LogStorage.directory(dir)))
        .isInstanceOf(CorruptLogException.class).hasMessageContaining("no checkpoint");
    assertThat(dir.resolve("tile/entries/000.p/1")).exists();
  }

  @Test
  void aFailingSignerFailsTheBatchButNotTheWriter() throws Exception {
    AtomicBoolean fail = new AtomicBoolean();
    CheckpointSigner flaky = (size, root) -> {
      if (fail.get()) {
        throw new IOException("signer unavailable");
      }
      return SIGNER.sign(size, root);
    };
    LogStorage s = LogStorage.memory();
    try (LogWriter w = LogWriter.builder(s).signer(flaky).reader(READER).maxBatchEntries(1)
        .open()) {
      w.append(entry("a"));
      fail.set(true);
      assertThatThrownBy(() -> w.append(entry("b"))).hasMessageContaining("signer unavailable");
      fail.set(false);
      assertThat(w.append(entry("c"))).isEqualTo(1);
    }
    assertClean(s, 2);
  }

  @Test
  void validatesTheBuilder() {
    assertThatThrownBy(() -> LogWriter.builder(LogStorage.memory()).maxBatchEntries(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogWriter.builder(LogStorage.memory()).maxBatchEntries(4097))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogWriter.builder(LogStorage.memory()).open())
        .isInstanceOf(IllegalStateException.class);
  }

  /** Counts publishes; can tear one: store its files but not its checkpoint, then fail. */
  static final class CountingStorage extends ForwardingLogStorage {
    final AtomicInteger publishes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicBoolean tearNext = new AtomicBoolean();

    CountingStorage(LogStorage d) {
      super(d);
    }

    @Override
    public void publish(Publication p) throws IOException {
      publishes.incrementAndGet();
      if (tearNext.getAndSet(false)) {
        super.publish(new Publication(p.files(), readCheckpoint().orElseThrow()));
        throw new IOException("disk full (simulated)");
      }
      super.publish(p);
    }

    @Override
    public Optional<byte[]> read(TilePath path) throws IOException {
      reads.incrementAndGet();
      return super.read(path);
    }
  }

}
