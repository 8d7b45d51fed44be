package dev.verity.bench;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** RFC 9162 leaf hashing against raw SHA-256 of the same entry (the baseline). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LeafHashBenchmark {
  @Param({"64", "1024"})
  int entrySize;

  byte[] entry;
  MessageDigest sha;

  @Setup
  public void setup() throws Exception {
    entry = new byte[entrySize];
    new Random(1).nextBytes(entry);
    sha = MessageDigest.getInstance("SHA-256");
  }

  @Benchmark
  public Hash leafHash() {
    return MerkleHash.leaf(entry);
  }

  @Benchmark
  public byte[] rawSha256() {
    return sha.digest(entry);
  }
}
