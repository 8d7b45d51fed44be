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

/**
 * RFC 9162 §2.1.1 hashing against raw SHA-256 of the same bytes (the baselines): a leaf, SHA-256
 * of 0x00 and the entry, against SHA-256 of the entry; an interior node, SHA-256 of 0x01 and
 * its two children, against SHA-256 of 65 bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LeafHashBenchmark {
  @Param({"64", "1024"})
  int entrySize;

  byte[] entry;
  byte[] nodeInput;
  Hash left;
  Hash right;
  MessageDigest sha;

  @Setup
  public void setup() throws Exception {
    Random rnd = new Random(1);
    entry = new byte[entrySize];
    rnd.nextBytes(entry);
    nodeInput = new byte[1 + 2 * Hash.SIZE];
    rnd.nextBytes(nodeInput);
    left = Hash.of(nodeInput, 1, Hash.SIZE);
    right = Hash.of(nodeInput, 1 + Hash.SIZE, Hash.SIZE);
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

  @Benchmark
  public Hash nodeHash() {
    return MerkleHash.node(left, right);
  }

  @Benchmark
  public byte[] rawSha256NodeInput() {
    return sha.digest(nodeInput);
  }
}
