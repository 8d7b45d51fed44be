package dev.verity.bench;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TilePath;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A full audit of an in-memory log on one thread against raw SHA-256 over the same bytes (its
 * current bundles and tiles, with the older partial versions the audit also reads): the audit's
 * cost beyond hashing those bytes once is one SHA-256 call per leaf and per interior node
 * (RFC 9162 §2.1.1), parsing and comparing.
 *
 * <p>Run {@code java -cp verity-bench/target/benchmarks.jar dev.verity.bench.AuditBenchmark}
 * (JMH options may follow) to print, per entry size, both throughputs and their ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditBenchmark {
  @Param({"100000"})
  int size;

  @Param({"128", "256", "1024"})
  int entrySize;

  /** Hashing threads of the audit; the goal (≥ 0.8× raw SHA-256) is for one. */
  @Param({"1"})
  int threads;

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
    AuditReport r = LogAuditor.audit(storage, BenchLogs.READER, threads);
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

  /** The bytes one audit reads (and the baseline hashes), for an entry size. */
  private static long bytesFor(int size, int entrySize) throws Exception {
    AuditBenchmark b = new AuditBenchmark();
    b.size = size;
    b.entrySize = entrySize;
    b.setup();
    return b.files.stream().mapToLong(f -> f.length).sum();
  }

  /** Runs both benchmarks, then prints each case's two throughputs and their ratio. */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
        .include(AuditBenchmark.class.getName() + "\\.").build()).run();
    Map<Case, double[]> ms = new TreeMap<>(); // {audit, raw} ms per operation
    for (RunResult r : results) {
      boolean audit = r.getParams().getBenchmark().endsWith(".audit");
      ms.computeIfAbsent(Case.of(r), k -> new double[2])[audit ? 0 : 1] =
          r.getPrimaryResult().getScore();
    }
    System.out.printf("%nAudit against raw SHA-256 over the same bytes (in memory, JMH "
        + "average time per operation)%n");
    for (Map.Entry<Case, double[]> e : ms.entrySet()) {
      Case c = e.getKey();
      double mb = bytesFor(c.size(), c.entrySize()) / 1e6;
      double audit = mb / (e.getValue()[0] / 1e3);
      double raw = mb / (e.getValue()[1] / 1e3);
      System.out.printf("  %,d entries of %5d bytes, %d thread(s): audit %8.1f MB/s, raw SHA-256 "
          + "%8.1f MB/s, ratio %.2f%n", c.size(), c.entrySize(), c.threads(), audit, raw,
          audit / raw);
    }
  }

  /** One combination of the parameters; the raw baseline ignores {@code threads}. */
  private record Case(int size, int entrySize, int threads) implements Comparable<Case> {
    static Case of(RunResult r) {
      return new Case(Integer.parseInt(r.getParams().getParam("size")),
          Integer.parseInt(r.getParams().getParam("entrySize")),
          Integer.parseInt(r.getParams().getParam("threads")));
    }

    @Override
    public int compareTo(Case o) {
      return Comparator.comparingInt(Case::size).thenComparingInt(Case::entrySize)
          .thenComparingInt(Case::threads).compare(this, o);
    }
  }
}
