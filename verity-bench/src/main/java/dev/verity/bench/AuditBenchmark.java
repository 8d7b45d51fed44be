package dev.verity.bench;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TilePath;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A full audit of an in-memory log against raw SHA-256 over the same bytes (its current bundles
 * and tiles, with the older partial versions the audit also reads): the audit's cost beyond hashing is parsing and the tree's interior nodes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditBenchmark {
  @Param({"100000"})
  int size;

  @Param({"128", "1024"})
  int entrySize;

  LogStorage storage;
  List<byte[]> files;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    storage = BenchLogs.build(LogStorage.memory(), size, entrySize);
    files = new ArrayList<>();
    for (long b = 0; b * TilePath.WIDTH < size; b++) {
      addWithOlderVersions(BundleId.forEntry(b * TilePath.WIDTH, size));
    }
    for (int l = 0; TileId.nodesAtLevel(l, size) > 0; l++) {
      for (long t = 0; t * TilePath.WIDTH < TileId.nodesAtLevel(l, size); t++) {
        addWithOlderVersions(TileId.forNode(l, t * TilePath.WIDTH, size));
      }
    }
  }

  /** The audit also reads the narrower partial versions the log kept: so does the baseline. */
  private void addWithOlderVersions(TilePath id) throws Exception {
    files.add(storage.read(id).orElseThrow());
    for (int w : storage.partialWidths(id)) {
      if (w < id.width()) {
        files.add(storage.read(id.withWidth(w)).orElseThrow());
      }
    }
  }

  @Benchmark
  public AuditReport audit() throws Exception {
    AuditReport r = LogAuditor.audit(storage, BenchLogs.READER);
    if (!r.isClean()) {
      throw new IllegalStateException(r.problems().toString());
    }
    return r;
  }

  @Benchmark
  public byte[] rawSha256SameBytes() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (byte[] f : files) {
      md.update(f);
    }
    return md.digest();
  }
}
