package dev.verity.node.cli.tlog;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteKeys.KeyPair;
import dev.verity.tlog.note.NoteSigner;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.ForwardingLogStorage;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.Publication;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench tlog}: the log's figures, each beside a baseline measured in the same run.
 *
 * <ul>
 *   <li>Durable append throughput of many concurrent appenders through the batching sequencer,
 *       against a plain loop that writes the very same files with the same fsync batching
 *       (the step files the sequencer produced are recorded, then replayed with write, fsync,
 *       rename, fsync-directory and nothing else).
 *   <li>Full-log verification (the audit) against raw SHA-256 over the same files' bytes.
 *   <li>Append and inclusion-proof latency at growing sizes (10^4 … --max-size), which should be
 *       flat: appends are O(log n) and proofs read O(log n) tiles.
 * </ul>
 */
@Command(name = "tlog", mixinStandardHelpOptions = true,
    description = "Benchmarks the transparency log against same-run baselines.")
public final class BenchTlogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", description = "Work directory (default: a temporary one, deleted).")
  Path dir;

  @Option(names = "--entries", defaultValue = "20000",
      description = "Entries for the append throughput run (default ${DEFAULT-VALUE}).")
  int entries;

  @Option(names = "--appenders", defaultValue = "64",
      description = "Concurrent appending threads (default ${DEFAULT-VALUE}).")
  int appenders;

  @Option(names = "--entry-size", defaultValue = "256",
      description = "Bytes per entry (default ${DEFAULT-VALUE}, near the node's own entries; "
          + "the one-thread audit's goal of 0.8x raw SHA-256 is met from about 1024: "
          + "docs/dev/decisions.md D89).")
  int entrySize;

  @Option(names = "--rounds", defaultValue = "3",
      description = "Append throughput rounds, alternating with the baseline (default "
          + "${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--max-size", defaultValue = "1000000",
      description = "Largest log for the latency table: 10^4, 10^5, … up to this "
          + "(default ${DEFAULT-VALUE}; 10000000 adds 10^7).")
  long maxSize;

  private PrintWriter out;
  // A throw-away log key: checkpoints cost what they cost in a real log (C2SP signed-note).
  private final KeyPair key =
      NoteKeys.generate("bench.verity.dev/tlog", (byte) 1, new SecureRandom());

  /** Runs the benchmark on its own, until {@code verity bench} lists it. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new BenchTlogCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    boolean temporary = dir == null;
    Path base = temporary ? Files.createTempDirectory("verity-bench-tlog") : dir;
    Files.createDirectories(base);
    try {
      out.printf("verity bench tlog: %d-byte entries, work dir %s%n", entrySize, base);
      appendThroughput(base.resolve("append"), base.resolve("append-baseline"));
      Path big = latencies(base.resolve("latency"));
      verification(big);
      signatureVerification();
    } finally {
      if (temporary) {
        deleteRecursively(base);
      }
    }
    out.flush();
    return 0;
  }

  // ---- durable append throughput ----

  /**
   * Alternates sequencer runs and baseline replays of what each run wrote, so that both see the
   * same disk and machine load; the best of each is reported.
   */
  private void appendThroughput(Path logDir, Path baselineDir) throws Exception {
    double best = 0;
    double bestBase = 0;
    long appended = (long) (entries / appenders) * appenders;
    int batches = 0;
    for (int round = 0; round < rounds; round++) {
      Recording rec = new Recording(LogStorage.directory(logDir.resolve("r" + round)));
      long nanos = sequencerRun(rec);
      long base = replay(rec.steps, baselineDir.resolve("r" + round));
      double rate = appended / (nanos / 1e9);
      if (rate > best) {
        best = rate;
        batches = rec.steps.size();
      }
      bestBase = Math.max(bestBase, appended / (base / 1e9));
    }
    out.printf("%nDurable append throughput (%d appenders, %d entries, best of %d rounds; "
            + "%d batches, %.1f entries per batch)%n", appenders, appended, rounds, batches,
        (double) appended / batches);
    out.printf("  sequencer (hash, tiles, Ed25519 checkpoint, fsync): %,10.0f entries/s%n", best);
    out.printf("  baseline: plain loop, same files, same fsyncs:      %,10.0f entries/s%n",
        bestBase);
    out.printf("  ratio: %.2f (goal >= 0.5)%n", best / bestBase);
  }

  /** Appends {@code entries} from {@code appenders} threads; returns the elapsed ns. */
  private long sequencerRun(Recording rec) throws Exception {
    try (LogWriter w = LogWriter.builder(rec).signer(signer())
        .reader(reader()).open()) {
      rec.steps.clear(); // the initial empty checkpoint is not part of the run
      List<Thread> threads = new ArrayList<>();
      int per = entries / appenders;
      long t0 = System.nanoTime();
      for (int t = 0; t < appenders; t++) {
        Thread th = new Thread(() -> {
          Random rnd = new Random();
          try {
            for (int i = 0; i < per; i++) {
              byte[] e = new byte[entrySize];
              rnd.nextBytes(e);
              w.append(e);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
      return System.nanoTime() - t0;
    }
  }

  /** Writes the recorded steps again with nothing but the file system calls; returns ns. */
  private static long replay(List<Publication> steps, Path root) throws IOException {
    Files.createDirectories(root);
    long t0 = System.nanoTime();
    for (Publication p : steps) {
      Set<Path> dirs = new LinkedHashSet<>();
      for (Map.Entry<TilePath, byte[]> f : p.files().entrySet()) {
        Path target = root.resolve(f.getKey().path());
        if (!Files.isDirectory(target.getParent())) {
          Files.createDirectories(target.getParent());
          dirs.add(target.getParent().getParent());
        }
        writeDurably(target, f.getValue());
        dirs.add(target.getParent());
      }
      for (Path d : dirs) {
        fsync(d);
      }
      writeDurably(root.resolve("checkpoint"), p.checkpoint());
      fsync(root);
    }
    return System.nanoTime() - t0;
  }

  private static void writeDurably(Path target, byte[] data) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(data));
      ch.force(false);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void fsync(Path d) throws IOException {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  // ---- latency at growing sizes ----

  private Path latencies(Path logDir) throws Exception {
    CheckpointSigner signer = signer();
    CheckpointReader reader = reader();
    out.printf("%nLatency by log size (append: one durable append alone; proof: inclusion proof "
        + "of a random entry, fresh reader, tiles from disk)%n");
    out.printf("  %12s  %14s  %14s  %14s  %14s  %10s%n", "size", "append median", "append p90",
        "proof median", "proof p90", "build s");
    long size = 0;
    Random rnd = new Random(3);
    for (long target = 10_000; target <= maxSize; target *= 10) {
      long t0 = System.nanoTime();
      try (LogWriter w = LogWriter.builder(LogStorage.directory(logDir)).signer(signer)
          .reader(reader).maxBatchEntries(4096).open()) {
        CompletableFuture<Long> last = null;
        for (; size < target; size++) {
          byte[] e = new byte[entrySize];
          rnd.nextBytes(e);
          last = w.appendAsync(e);
          if (size % 4096 == 4095) {
            last.join(); // bound the queue
          }
        }
        if (last != null) {
          last.join();
        }
        double build = (System.nanoTime() - t0) / 1e9;
        long[] append = new long[31];
        for (int i = 0; i < append.length; i++) {
          byte[] e = new byte[entrySize];
          rnd.nextBytes(e);
          long a = System.nanoTime();
          w.append(e);
          append[i] = System.nanoTime() - a;
        }
        size += append.length;
        long[] proof = new long[301];
        for (int i = 0; i < proof.length; i++) {
          long a = System.nanoTime();
          LogReader r = LogReader.open(LogStorage.directory(logDir), reader);
          long n = r.treeHead().size();
          r.inclusionProof(ThreadLocalRandom.current().nextLong(n), n);
          proof[i] = System.nanoTime() - a;
        }
        out.printf("  %,12d  %11.2f ms  %11.2f ms  %11.1f µs  %11.1f µs  %10.1f%n", target,
            pct(append, 50) / 1e6, pct(append, 90) / 1e6, pct(proof, 50) / 1e3,
            pct(proof, 90) / 1e3, build);
        out.flush();
      }
    }
    return logDir;
  }

  private static long pct(long[] xs, int p) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, s.length * p / 100)];
  }

  // ---- verification throughput ----

  private void verification(Path logDir) throws Exception {
    CheckpointReader reader = reader();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(logDir.resolve("tile"))) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    Collections.sort(files, Comparator.naturalOrder());
    long[] rawBytes = new long[1];
    AuditReport[] report = new AuditReport[1];
    // Alternating rounds, the best of each: both see the same JIT state and the same load.
    Timing rawTime = null;
    Timing oneThread = null;
    Timing callsOnly = null;
    Timing readOnly = null;
    List<Bundle> bundles = bundles(files);
    for (int round = 0; round < VERIFY_ROUNDS; round++) {
      rawTime = best(rawTime, timed(() -> rawBytes[0] = readAndHash(files)));
      oneThread = best(oneThread, timed(() -> report[0] =
          LogAuditor.audit(LogStorage.directory(logDir), reader, 1)));
      callsOnly = best(callsOnly, timed(() -> rfc9162Calls(bundles)));
      readOnly = best(readOnly, timed(() -> read(files)));
    }
    double raw = rawBytes[0] / (rawTime.wall() / 1e9) / 1e6;
    double rawCpu = rawBytes[0] / (rawTime.cpu() / 1e9) / 1e6;
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("%nFull-log verification (audit: checkpoint signature, every bundle and tile, "
        + "root; files in page cache; best of %d rounds alternating with the baseline)%n",
        VERIFY_ROUNDS);
    out.printf("  baseline: read + raw SHA-256 over the same files:  %8.1f MB/s (%,d bytes; "
        + "%.1f MB/s of its thread's CPU time)%n", raw, rawBytes[0], rawCpu);
    long entries = 0;
    for (int threads : new int[] {1, Math.min(4, cores)}) {
      Timing t = threads == 1 ? oneThread : bestOf3(() -> report[0] =
          LogAuditor.audit(LogStorage.directory(logDir), reader, threads));
      if (!report[0].isClean()) {
        throw new IllegalStateException("the benchmark log does not audit clean: "
            + report[0].problems().get(0));
      }
      entries = report[0].treeHead().orElseThrow().size();
      double audit = report[0].bytesRead() / (t.wall() / 1e9) / 1e6;
      // One thread does all of a one-thread audit, so its CPU time is the work, whatever the
      // machine's load; with more threads the workers' time is not the calling thread's.
      String byCpu = threads > 1 ? "" : String.format(", by CPU time %.2f",
          report[0].bytesRead() / (t.cpu() / 1e9) / 1e6 / rawCpu);
      out.printf("  audit, %d thread%s %8.1f MB/s, %,.0f entries/s of %,d — ratio %.2f%s "
              + "(goal >= %s)%n", threads, threads == 1 ? ":" : "s:", audit,
          entries / (t.wall() / 1e9), entries, audit / raw, byCpu, threads == 1 ? "0.8" : "0.5");
    }
    double blocks = printHashingCeiling(entries, rawBytes[0]);
    printCeilings(rawTime.cpu(), readOnly.cpu(), callsOnly.cpu(), oneThread.cpu(), blocks);
  }

  /**
   * What a one-thread audit can reach, by CPU time: it reads the same files as the baseline
   * (the same cost on both sides), then hashes more blocks, in one call per leaf and per node.
   * Two ceilings: every block at the raw stream's cost (no per-call cost at all), and the
   * audit's own calls through this JDK's {@code MessageDigest} (with its per-call costs:
   * padding, the final block, the output, the reset). What the audit spends beyond reading and
   * those calls is its own work: parsing, comparing, bookkeeping.
   */
  private void printCeilings(long raw, long read, long calls, long audit, double blocks) {
    out.printf("  reading the files alone (as the baseline does): %.0f%% of the baseline's CPU "
        + "time%n", 100.0 * read / raw);
    out.printf("  ceilings, reading included, by CPU time: %.2f if every block cost what it "
        + "costs in the raw stream; %.2f with the audit's SHA-256 calls alone (a leaf and a "
        + "node per entry, over the entries in memory; this JDK's per-call costs included)%n",
        raw / (read + (raw - read) * blocks), raw / (double) (read + calls));
    out.printf("  the audit's own work beyond reading and those calls: %.0f%% of its CPU time%n",
        100.0 * (audit - read - calls) / audit);
  }

  /** The current bundles among {@code files} (not their older partial versions), indexed. */
  private record Bundle(byte[] data, int[] at) {}

  private static List<Bundle> bundles(List<Path> files) throws Exception {
    List<Bundle> bundles = new ArrayList<>();
    for (Path f : files) {
      if (f.toString().contains("/tile/entries/") && !f.getParent().toString().endsWith(".p")) {
        byte[] data = Files.readAllBytes(f);
        bundles.add(new Bundle(data, EntryBundle.index(data)));
      }
    }
    return bundles;
  }

  /**
   * What RFC 9162 §2.1.1 makes the audit hash, and nothing else: SHA-256 of 0x00 and each entry,
   * where it lies in its bundle (the length's low byte set to 0x00 for the call, as the audit
   * does), and of 0x01 and two hashes once per entry (a tree of n leaves has n − 1 interior
   * nodes); one reused digest, hashes written into one array as the audit does.
   */
  private static byte[] rfc9162Calls(List<Bundle> bundles) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] node = new byte[1 + 64];
    node[0] = 1;
    byte[] hashes = new byte[64];
    for (Bundle bundle : bundles) {
      byte[] data = bundle.data();
      int[] at = bundle.at();
      for (int i = 0; i + 1 < at.length; i++) {
        byte saved = data[at[i] + 1];
        data[at[i] + 1] = 0;
        md.update(data, at[i] + 1, at[i + 1] - at[i] - 1);
        data[at[i] + 1] = saved;
        md.digest(hashes, 0, 32);
        System.arraycopy(hashes, 0, node, 1, 64);
        md.update(node);
        md.digest(hashes, 32, 32);
      }
    }
    return hashes;
  }

  /** Reads every file as {@link #readAndHash} does, and hashes nothing; returns the bytes. */
  private static long read(List<Path> files) throws Exception {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.readAllBytes(f).length;
    }
    return bytes;
  }

  /** Reads every file and hashes them all as one SHA-256 stream; returns the bytes read. */
  private static long readAndHash(List<Path> files) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long bytes = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      md.update(b);
      bytes += b.length;
    }
    md.digest();
    return bytes;
  }

  /** Elapsed and this thread's CPU nanoseconds. */
  private record Timing(long wall, long cpu) {}

  private static final int VERIFY_ROUNDS = 15;

  /** The least elapsed and the least CPU time of three runs (each measured alone). */
  private static Timing bestOf3(Callable<?> run) throws Exception {
    Timing t = null;
    for (int i = 0; i < 3; i++) {
      t = best(t, timed(run));
    }
    return t;
  }

  /** One run's elapsed and this thread's CPU time. */
  private static Timing timed(Callable<?> run) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    run.call();
    return new Timing(System.nanoTime() - t0, threads.getCurrentThreadCpuTime() - c0);
  }

  private static Timing best(Timing a, Timing b) {
    return a == null ? b : new Timing(Math.min(a.wall(), b.wall()), Math.min(a.cpu(), b.cpu()));
  }

  /**
   * What the audit must hash against what raw hashing of the same bytes does, in SHA-256
   * blocks (64 bytes; a message of m bytes takes ceil((m + 9) / 64) with its padding, FIPS
   * 180-4 §5.1.1): one leaf of 1 + entry-size bytes per entry and one 65-byte node per interior
   * node (RFC 9162 §2.1.1), against one stream over the files. Their quotient bounds the
   * audit's ratio when hashing is all the work; reading, the same on both sides, lifts it.
   * Returns the audit's blocks per raw block.
   */
  private double printHashingCeiling(long entries, long rawBytes) {
    double leaf = (1 + entrySize + 9 + 63) / 64;
    double audit = leaf + 2.0 * (entries - 1) / entries;
    double raw = rawBytes / 64.0 / entries;
    out.printf("  SHA-256 blocks per entry: audit %.2f (leaf %.0f, node 2), raw %.2f — "
        + "hashing alone caps the ratio at %.2f%n", audit, leaf, raw, raw / audit);
    return audit / raw;
  }

  private CheckpointSigner signer() throws NoteException {
    return LogCheckpoints.signer(key.signerKey());
  }

  private CheckpointReader reader() throws NoteException {
    return LogCheckpoints.reader(key.verifierKey());
  }

  // ---- Ed25519 verification ----

  /**
   * Checkpoint-sized notes verified through the library's {@link NoteVerifier} (which checks
   * lengths, key ID and name first) against BouncyCastle's raw RFC 8032 verification of the same
   * signatures, alternating rounds; the best of each is reported.
   */
  private void signatureVerification() throws NoteException {
    int n = 1_000;
    int tries = 20; // short alternating rounds: the best of each sees the quietest moments
    NoteSigner signer = NoteKeys.parseSigner(key.signerKey());
    NoteVerifier verifier = NoteKeys.parseVerifier(key.verifierKey());
    Ed25519.PublicPoint publicKey = Ed25519.validatePublicKeyPartialExport(
        NoteKeys.splitVerifierKey(key.verifierKey()).key(), 0);
    byte[][] msgs = new byte[n][];
    byte[][] sigs = new byte[n][];
    for (int i = 0; i < n; i++) {
      msgs[i] = ("bench.verity.dev/tlog\n" + i + "\n" + "A".repeat(43) + "=\n")
          .getBytes(StandardCharsets.UTF_8);
      sigs[i] = signer.sign(msgs[i]);
    }
    double lib = 0;
    double raw = 0;
    for (int r = 0; r < tries; r++) {
      lib = Math.max(lib, rate(n, () -> verifyAll(verifier, msgs, sigs)));
      raw = Math.max(raw, rate(n, () -> verifyAllRaw(publicKey, msgs, sigs)));
    }
    out.printf("%nEd25519 verification (%d checkpoint-sized notes, best of %d alternating "
        + "rounds)%n", n, tries);
    out.printf("  library (NoteVerifier):              %,10.0f signatures/s%n", lib);
    out.printf("  baseline: raw BouncyCastle Ed25519:  %,10.0f signatures/s%n", raw);
    out.printf("  ratio: %.2f (goal >= 0.9)%n", lib / raw);
  }

  private static double rate(int n, Runnable work) {
    long t0 = System.nanoTime();
    work.run();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static void verifyAll(NoteVerifier v, byte[][] msgs, byte[][] sigs) {
    for (int i = 0; i < msgs.length; i++) {
      if (!v.verify(msgs[i], sigs[i])) {
        throw new IllegalStateException("signature " + i + " did not verify");
      }
    }
  }

  // The library decodes a verifier key's point once; so does the baseline, to compare like
  // with like (decoding the key on every call would flatter the library).
  private static void verifyAllRaw(Ed25519.PublicPoint pk, byte[][] msgs, byte[][] sigs) {
    for (int i = 0; i < msgs.length; i++) {
      if (!Ed25519.verify(sigs[i], 0, pk, msgs[i], 0, msgs[i].length)) {
        throw new IllegalStateException("signature " + i + " did not verify");
      }
    }
  }

  private static void deleteRecursively(Path base) throws IOException {
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Storage that remembers every step it publishes. */
  private static final class Recording extends ForwardingLogStorage {
    final List<Publication> steps = Collections.synchronizedList(new ArrayList<>());

    Recording(LogStorage d) {
      super(d);
    }

    @Override
    public void publish(Publication p) throws IOException {
      super.publish(p);
      steps.add(p);
    }
  }
}
