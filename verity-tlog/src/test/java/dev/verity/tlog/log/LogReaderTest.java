package dev.verity.tlog.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.Vectors;
import dev.verity.tlog.merkle.ConsistencyProof;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TestCheckpoints;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogReaderTest {
  @Test
  void readsEntriesAndProvesThemFromTheTesseraLog() throws Exception {
    LogReader r = LogReader.open(LogStorage.directory(Vectors.file("tessera-testdata-log/log")),
        TestCheckpoints.tesseraReader());
    assertThat(r.treeHead().size()).isEqualTo(15);
    assertThat(r.treeHead().root().base64())
        .isEqualTo("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=");
    assertThat(new String(r.entry(0), StandardCharsets.US_ASCII)).isEqualTo("one");
    assertThat(new String(r.entry(14), StandardCharsets.US_ASCII)).isEqualTo("fivten");
    for (int i = 0; i < 15; i++) {
      InclusionProof p = r.inclusionProof(i, 15);
      p.verify(MerkleHash.leaf(r.entry(i)), r.treeHead().root());
    }
    assertThatThrownBy(() -> r.entry(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.inclusionProof(0, 16)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void provesAgainstOlderSizesFromTheCurrentTiles() throws Exception {
    LogStorage s = LogStorage.memory();
    MemoryTree t = new MemoryTree();
    try (LogWriter w = LogWriterTest.open(s)) {
      for (int i = 0; i < 1000; i++) {
        byte[] e = ("e" + i).getBytes(StandardCharsets.UTF_8);
        w.appendAsync(e);
        t.append(e);
      }
      w.append("e1000".getBytes(StandardCharsets.UTF_8));
      t.append("e1000".getBytes(StandardCharsets.UTF_8));
    }
    LogReader r = LogReader.open(s, TestCheckpoints.unsignedReader());
    for (long size : new long[] {1, 255, 256, 257, 700, 1001}) {
      for (long i : new long[] {0, size / 2, size - 1}) {
        InclusionProof p = r.inclusionProof(i, size);
        assertThat(p).isEqualTo(TreeProofs.inclusion(t, i, size));
        p.verify(t.nodeHash(0, i), TreeProofs.root(t, size));
      }
      java.util.List<byte[]> es = r.entries(size / 2, size);
      assertThat(es).hasSize((int) (size - size / 2));
      for (int k = 0; k < es.size(); k++) {
        assertThat(MerkleHash.leaf(es.get(k))).isEqualTo(t.nodeHash(0, size / 2 + k));
      }
      ConsistencyProof c = r.consistencyProof(Math.max(1, size / 3), 1001);
      assertThat(c).isEqualTo(TreeProofs.consistency(t, Math.max(1, size / 3), 1001));
    }
  }

  /** Readers opened while a writer appends always see a consistent log. */
  @Test
  void readsConsistentlyWhileAWriterAppends(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path dir = tmp.resolve("log");
    try (LogWriter w = LogWriterTest.open(LogStorage.directory(dir))) {
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < 3000; i++) {
            w.appendAsync(("e" + i).getBytes(StandardCharsets.UTF_8));
            if (i % 100 == 99) {
              w.append(("sync" + i).getBytes(StandardCharsets.UTF_8));
            }
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      writer.start();
      java.util.Random rnd = new java.util.Random(5);
      int checked = 0;
      while (writer.isAlive() || checked < 20) {
        LogReader r = LogReader.open(LogStorage.directory(dir), TestCheckpoints.unsignedReader());
        long size = r.treeHead().size();
        if (size > 0) {
          long i = rnd.nextInt((int) size);
          r.inclusionProof(i, size).verify(MerkleHash.leaf(r.entry(i)), r.treeHead().root());
          checked++;
        }
      }
      writer.join();
      assertThat(checked).isGreaterThanOrEqualTo(20);
    }
  }

  @Test
  void needsACheckpoint() {
    assertThatThrownBy(() -> LogReader.open(LogStorage.memory(), TestCheckpoints.unsignedReader()))
        .isInstanceOf(CorruptLogException.class);
  }
}
