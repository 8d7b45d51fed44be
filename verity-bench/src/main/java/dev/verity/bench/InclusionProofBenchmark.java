package dev.verity.bench;

import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.TileHashReader;
import java.util.concurrent.ThreadLocalRandom;
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
 * Inclusion proofs from stored tiles (in memory, so this measures tile parsing and hashing, not
 * I/O): with a fresh reader each time (cold: every tile parsed) and with a shared one (warm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InclusionProofBenchmark {
  @Param({"10000", "1000000"})
  int size;

  LogStorage storage;
  TileHashReader warm;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    storage = BenchLogs.build(LogStorage.memory(), size, 32);
    warm = new TileHashReader(storage.tileSource(), size);
  }

  @Benchmark
  public InclusionProof coldReader() throws Exception {
    long index = ThreadLocalRandom.current().nextLong(size);
    return TreeProofs.inclusion(new TileHashReader(storage.tileSource(), size), index, size);
  }

  @Benchmark
  public InclusionProof warmReader() throws Exception {
    long index = ThreadLocalRandom.current().nextLong(size);
    return TreeProofs.inclusion(warm, index, size);
  }
}
