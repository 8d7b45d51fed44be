package dev.verity.node.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.config.PeerLimits;
import dev.verity.node.entry.Envelope;
import dev.verity.node.federation.Mirror;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench startup}: how long a node takes to start, and how much heap it needs, with a
 * peer's log of N entries mirrored (10^4, 10^5, 10^6 by default). For each N it writes the peer's
 * log, mirrors it into the node's {@code node.db} (the node's own code, in steps, checked against
 * the signed root), then starts the node in a fresh JVM with the heap the launcher gives a node,
 * which checks every entry against the signed tree and folds it, and reports the time to started,
 * the most heap in use during the start (sampled every 5 ms: garbage included, so it says how hard
 * the collector worked more than what was needed) and the heap still in use after a full collection
 * once started (what the node holds). The smallest N is the baseline the others are printed
 * against: the goal is memory flat and time at most linear. {@code --kind notifications} mirrors
 * bomber-exercise notifications (folded: the projection keeps each, a few hundred bytes); {@code
 * opaque} entries of a type the agreement does not know (kept in the log and node.db only), which
 * isolates what storage and verification cost.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description =
        "Start-up time and heap of a node with N mirrored entries (against the smallest N of the"
            + " run).")
public final class StartupBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--entries",
      split = ",",
      defaultValue = "10000,100000,1000000",
      paramLabel = "N,N",
      description = "Mirrored entries for each run (default: ${DEFAULT-VALUE}).")
  long[] entries;

  @Option(
      names = "--kind",
      defaultValue = "notifications",
      paramLabel = "notifications|opaque",
      description = "What the peer's entries are (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--heap",
      defaultValue = "256m",
      paramLabel = "SIZE",
      description = "-Xmx of the node's JVM (default: ${DEFAULT-VALUE}, the demo's).")
  String heap;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where the nodes live (default: a temporary directory).")
  Path dir;

  /** Runs the bench on its own. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new StartupBenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!kind.equals("notifications") && !kind.equals("opaque")) {
      throw new IllegalArgumentException("--kind: notifications or opaque, not " + kind);
    }
    Path root = dir != null ? dir : Files.createTempDirectory("verity-bench-startup-");
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "verity bench startup: a node with a peer's log of N %s entries mirrored, started with"
            + " -Xmx%s%n",
        kind, heap);
    out.printf(
        "%10s %12s %14s %14s %12s%n",
        "entries", "start (s)", "peak heap MB", "after GC MB", "s/10^5");
    out.flush();
    double[] base = null;
    for (long n : entries) {
      Path d = root.resolve(kind + "-" + n);
      prepare(d, n);
      double[] r = probe(d.resolve("US"));
      base = base == null ? r : base;
      out.printf(
          "%10d %12.1f %14.0f %14.0f %12.2f   (x%.1f time, x%.2f peak, x%.2f after GC of the %d"
              + " run)%n",
          n,
          r[0],
          r[1] / 1e6,
          r[2] / 1e6,
          r[0] / n * 1e5,
          r[0] / base[0],
          r[1] / base[1],
          r[2] / base[2],
          entries[0]);
      out.flush();
    }
    return 0;
  }

  /** A US node with RU pinned, and RU's log of {@code n} entries mirrored into US. */
  private void prepare(Path d, long n) throws Exception {
    for (String party : List.of("US", "RU")) {
      cli(
          "node",
          "init",
          "--party",
          party,
          "--agreement",
          "new-start",
          "--dir",
          d.resolve(party).toString(),
          "--api-port",
          "0",
          "--peer-port",
          "0");
    }
    cli(
        "node",
        "peer",
        "add",
        "--dir",
        d.resolve("US").toString(),
        "--identity",
        d.resolve("RU/identity.json").toString(),
        "--url",
        "https://127.0.0.1:1/");
    NodeIdentity ru = NodeIdentity.load(d.resolve("RU"), "new-start", "RU");
    try (LogStorage log = LogStorage.directory(d.resolve("RU/log"))) {
      write(d.resolve("RU/log"), ru, n);
      byte[] cp = log.readCheckpoint().orElseThrow();
      Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(cp).text());
      mirror(d.resolve("US"), checkpoint, new String(cp, StandardCharsets.UTF_8), log);
    }
  }

  private void write(Path logDir, NodeIdentity ru, long n) throws Exception {
    String origin = ru.publicIdentity().origin();
    try (LogWriter w =
        LogWriter.builder(LogStorage.directory(logDir))
            .maxBatchEntries(4096)
            .signer(LogCheckpoints.signer(origin, ru.logSignerKey()))
            .reader(LogCheckpoints.reader(origin, ru.publicIdentity().logKey()))
            .open()) {
      for (long i = 0; i < n; i += 4096) {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        for (long j = i; j < Math.min(n, i + 4096); j++) {
          done.add(w.appendAsync(entry(j)));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
      }
    }
  }

  /**
   * Entry {@code i} of RU's log: a bomber-exercise notification, or an entry of an unknown type.
   */
  private byte[] entry(long i) {
    ObjectNode body = CanonicalJson.mapper().createObjectNode();
    Instant at = Instant.parse("2020-09-01T00:00:00Z").plusSeconds(60 * i);
    body.put("eventTime", at.toString()).put("number", i + 1).put("party", "RU");
    String type = kind.equals("notifications") ? "bomber-exercise" : "opaque-record";
    body.put("type", type);
    return new Envelope(Envelope.VERSION, "new-start", "RU", type, "b-" + i, at, body).encode();
  }

  /**
   * Mirrors RU's log into US's store with the node's own mirror, in large steps (setup, not
   * measured).
   */
  private static void mirror(Path us, Checkpoint cp, String text, LogStorage ru) throws Exception {
    try (SqliteNodeStore store = SqliteNodeStore.open(us.resolve("node.db"))) {
      Mirror m =
          Mirror.load("RU", store, null, Clock.systemUTC(), new PeerLimits(0, 65_536, 64L << 20));
      m.catchUp(
          cp,
          text,
          new Mirror.BundleSource() {
            @Override
            public Optional<byte[]> bundle(BundleId id) throws java.io.IOException {
              return ru.read(id);
            }

            @Override
            public TileSource tiles() {
              return ru.tileSource();
            }
          });
    }
  }

  /**
   * Starts the node in a JVM of its own; returns seconds to started, peak and retained heap bytes.
   */
  private double[] probe(Path node) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                node.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
      throw new IllegalStateException("the node did not start with -Xmx" + heap + ":\n" + output);
    }
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("PROBE "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no figures from the node:\n" + output));
    String[] f = line.split(" ");
    return new double[] {
      Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])
    };
  }

  private static void cli(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    if (cl.execute(args) != 0) {
      throw new IllegalStateException("verity " + String.join(" ", args) + ": " + out);
    }
  }

  /**
   * The node's JVM: starts it, prints {@code PROBE seconds peak-bytes retained-bytes}, stops it.
   */
  public static final class Probe {
    private Probe() {}

    public static void main(String[] args) throws Exception {
      AtomicLong peak = new AtomicLong();
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(
                      ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                      Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      Node n = Node.start(Path.of(args[0]));
      double seconds = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      System.gc();
      long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      n.close();
      System.out.printf("PROBE %.3f %d %d%n", seconds, peak.get(), retained);
      System.exit(0);
    }
  }
}
