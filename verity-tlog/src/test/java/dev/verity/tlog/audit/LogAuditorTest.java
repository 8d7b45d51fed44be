package dev.verity.tlog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TestCheckpoints;
import dev.verity.tlog.storage.TestLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAuditorTest {
  private static final CheckpointReader UNSIGNED = TestCheckpoints.unsignedReader();

  @TempDir Path tmp;

  @Test
  void acceptsTheTesseraLog() throws Exception {
    AuditReport r = LogAuditor.audit(LogStorage.directory(TestLogs.tesseraCopy(tmp)),
        TestCheckpoints.tesseraReader());
    assertThat(r.problems()).isEmpty();
    assertThat(r.isClean()).isTrue();
    assertThat(r.treeHead().orElseThrow().size()).isEqualTo(15);
    assertThat(r.treeHead().orElseThrow().root().base64())
        .isEqualTo("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=");
    assertThat(r.bytesRead()).isPositive();
  }

  /** Every single byte of every file of the Tessera log, flipped in turn, is caught and placed. */
  @Test
  void findsEveryFlippedByteOfTheTesseraLog() throws Exception {
    Path dir = TestLogs.tesseraCopy(tmp);
    LogStorage storage = LogStorage.directory(dir);
    int flips = flipEveryByte(dir, storage, TestCheckpoints.tesseraReader(), TestLogs.files(dir),
        1, null);
    assertThat(flips).isGreaterThan(4000);
    assertThat(LogAuditor.audit(storage, TestCheckpoints.tesseraReader()).isClean()).isTrue();
  }

  @Test
  void namesTheTileAndTheEntryThatDisagree() throws Exception {
    Path dir = TestLogs.tesseraCopy(tmp);
    flip(dir.resolve("tile/0/000.p/15"), 7 * 32 + 3);
    List<String> problems = problems(LogAuditor.audit(LogStorage.directory(dir),
        TestCheckpoints.tesseraReader()));
    assertThat(problems).containsExactly("tile/0/000.p/15: hash 7 differs from the recomputed "
        + "leaf hash of entry 7 in tile/entries/000.p/15");
  }

  @Test
  void listsEveryProblemNotJustTheFirst() throws Exception {
    Path dir = TestLogs.tesseraCopy(tmp);
    flip(dir.resolve("tile/0/000.p/15"), 0);
    flip(dir.resolve("tile/0/000.p/9"), 40);
    Files.delete(dir.resolve("tile/entries/000.p/15"));
    Files.write(dir.resolve("tile/0/000.p/3"), new byte[5]);
    List<String> problems = problems(LogAuditor.audit(LogStorage.directory(dir),
        TestCheckpoints.tesseraReader()));
    assertThat(problems).contains("tile/entries/000.p/15: missing",
        "tile/0/000.p/9: hash 1 differs from hash 1 of tile/0/000.p/15 as recomputed",
        "tile/0/000.p/3: malformed tile: tile of width 3 must be 96 bytes, got 5");
    assertThat(String.join("\n", problems)).contains("checkpoint: root");
  }

  @Test
  void reportsAnUnverifiableCheckpoint() throws Exception {
    Path dir = TestLogs.tesseraCopy(tmp);
    AuditReport r = LogAuditor.audit(LogStorage.directory(dir), UNSIGNED);
    assertThat(r.isClean()).isFalse();
    assertThat(r.treeHead()).isEmpty();
    assertThat(problems(r).get(0)).startsWith("checkpoint: does not verify");
    AuditReport none = LogAuditor.audit(LogStorage.memory(), UNSIGNED);
    assertThat(problems(none)).containsExactly("checkpoint: missing");
  }

  /**
   * A generated log with full and partial tiles at two levels and many stale partial versions
   * (batches of varying size): clean, and a flipped byte anywhere — sampled in every file — is
   * found and the problem names the file.
   */
  @Test
  void findsFlippedBytesInAGeneratedMultiLevelLog() throws Exception {
    Path dir = tmp.resolve("gen");
    int n = writeLog(dir, 3001);
    LogStorage storage = LogStorage.directory(dir);
    AuditReport clean = LogAuditor.audit(storage, UNSIGNED);
    assertThat(clean.problems()).isEmpty();
    assertThat(clean.treeHead().orElseThrow().size()).isEqualTo(n);
    assertThat(dir.resolve("tile/1/000.p/11")).exists();
    assertThat(dir.resolve("tile/0/010")).exists();
    List<Path> files = TestLogs.files(dir).stream()
        .filter(p -> !p.getFileName().toString().startsWith("."))
        .collect(Collectors.toList());
    int flips = flipEveryByte(dir, storage, UNSIGNED, files, 0, new Random(42));
    assertThat(flips).isGreaterThan(files.size());
  }

  @Test
  void checksTilesAboveTheFirstLevelInABigLog() throws Exception {
    Path dir = tmp.resolve("big");
    int n = writeLog(dir, 65536 + 300);
    LogStorage storage = LogStorage.directory(dir);
    assertThat(LogAuditor.audit(storage, UNSIGNED).problems()).isEmpty();
    flip(dir.resolve("tile/1/000"), 32 * 200 + 31);
    flip(dir.resolve("tile/2/000.p/1"), 0);
    List<String> problems = problems(LogAuditor.audit(storage, UNSIGNED));
    assertThat(problems).contains("tile/1/000: hash 200 differs from node 200 at Merkle level 8 "
        + "recomputed from tile/0 (entries 51200–51455)");
    assertThat(problems).anyMatch(p -> p.startsWith("tile/2/000.p/1: hash 0 differs"));
    assertThat(n).isEqualTo(65836);
  }

  @Test
  void givesTheSameReportWithOneOrManyThreads() throws Exception {
    Path dir = tmp.resolve("gen");
    writeLog(dir, 2000);
    flip(dir.resolve("tile/entries/003"), (int) Files.size(dir.resolve("tile/entries/003")) - 1);
    flip(dir.resolve("tile/0/005"), 64);
    LogStorage storage = LogStorage.directory(dir);
    AuditReport one = LogAuditor.audit(storage, UNSIGNED, 1);
    AuditReport many = LogAuditor.audit(storage, UNSIGNED, 3);
    assertThat(problems(one)).hasSizeGreaterThanOrEqualTo(3).isEqualTo(problems(many));
    assertThat(one.bytesRead()).isEqualTo(many.bytesRead());
    assertThat(problems(one)).contains("tile/0/003: hash 255 differs from the recomputed leaf "
        + "hash of entry 1023 in tile/entries/003");
    assertThat(problems(one)).anyMatch(p -> p.startsWith("tile/0/005: hash 2 differs"));
  }

  /** Writes {@code n} entries in batches of irregular size; returns n. */
  private static int writeLog(Path dir, int n) throws IOException {
    MemoryTree t = new MemoryTree();
    Random rnd = new Random(7);
    try (LogWriter w = LogWriter.builder(LogStorage.directory(dir))
        .signer(TestCheckpoints.unsignedSigner()).reader(UNSIGNED).maxBatchEntries(4096)
        .open()) {
      int i = 0;
      while (i < n) {
        int batch = Math.min(n - i, 1 + rnd.nextInt(i < 3000 ? 300 : 4000));
        for (int j = 0; j < batch - 1; j++, i++) {
          byte[] e = ("entry " + i).getBytes(StandardCharsets.UTF_8);
          w.appendAsync(e);
          t.append(e);
        }
        byte[] e = ("entry " + i++).getBytes(StandardCharsets.UTF_8);
        w.append(e);
        t.append(e);
      }
      assertThat(w.treeHead().root()).isEqualTo(t.root());
    }
    return n;
  }

  /**
   * Flips bytes of each file in turn (every byte when {@code rnd} is null; else the first, the
   * last and {@code 8} random ones) and checks that the audit fails naming the file; restores
   * each file afterwards. Returns the number of flips.
   */
  private static int flipEveryByte(Path dir, LogStorage storage, CheckpointReader reader,
      List<Path> files, int unused, Random rnd) throws IOException {
    int flips = 0;
    for (Path f : files) {
      String rel = dir.relativize(f).toString();
      if (!rel.equals("checkpoint") && !rel.startsWith("tile/")) {
        continue;
      }
      byte[] original = Files.readAllBytes(f);
      List<Integer> positions = new ArrayList<>();
      if (rnd == null) {
        for (int i = 0; i < original.length; i++) {
          positions.add(i);
        }
      } else {
        positions.add(0);
        positions.add(original.length - 1);
        for (int k = 0; k < 3; k++) {
          positions.add(rnd.nextInt(original.length));
        }
      }
      for (int pos : positions) {
        byte[] b = original.clone();
        b[pos] ^= (byte) (1 << (pos % 8));
        Files.write(f, b);
        AuditReport r = LogAuditor.audit(storage, reader);
        assertThat(r.isClean()).as("flip of byte %d of %s", pos, rel).isFalse();
        assertThat(problems(r)).as("flip of byte %d of %s", pos, rel)
            .anyMatch(p -> p.contains(rel));
        flips++;
      }
      Files.write(f, original);
    }
    return flips;
  }

  private static void flip(Path f, int pos) throws IOException {
    byte[] b = Files.readAllBytes(f);
    b[pos] ^= 1;
    Files.write(f, b);
  }

  private static List<String> problems(AuditReport r) {
    return r.problems().stream().map(Problem::toString).collect(Collectors.toList());
  }
}
