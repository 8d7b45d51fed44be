package dev.verity.node.cli.bench;

import dev.verity.node.cli.VerityCommand;
import dev.verity.node.cli.bench.BenchPostgres.Database;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.federation.PushEvent;
import dev.verity.node.federation.WitnessPushEvent;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.submit.AppendEvent;
import dev.verity.node.submit.SubmitRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench federation}: receipt latency between two nodes on localhost, from the
 * call that submits a message to the moment the sender stores the peer's cosignature covering
 * it, at fixed offered rates (open loop, so slow receipts cannot slow the offered load), and the
 * throughput. Both nodes run in this JVM but talk as in production: durable appends, mutual TLS,
 * add-checkpoint, the peer fetching and verifying the entries before it cosigns. Submissions
 * enter at the submit pipeline (validation included), not through the HTTP API. With {@code
 * --parties N} it runs one agreement among N participants instead ({@link MultilateralBench}).
 * With {@code --storage both} the two nodes run once with their state in SQLite and once in
 * PostgreSQL ({@link BenchPostgres}), and PostgreSQL's figures are printed over SQLite's from the
 * same run, so the machine's load at the time cancels out of the ratio (issue 17).
 */
@Command(name = "federation", mixinStandardHelpOptions = true,
    description = "Receipt latency (submit to cosignature) p50/p99 at fixed rates between two"
        + " local nodes, and throughput; with --parties, among N participants.")
public final class FederationBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rates", split = ",", defaultValue = "100,1000", paramLabel = "R,R",
      description = "Offered rates in messages/s (default: ${DEFAULT-VALUE}).")
  int[] rates;

  @Option(names = "--seconds", defaultValue = "5", paramLabel = "S",
      description = "Seconds per rate (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", paramLabel = "S", description = "Seconds at"
      + " the highest rate (with --parties: at --rate, for each N) before the measured ones, not"
      + " reported: the JIT compiles the hot paths and connections open; at 1,000 messages/s"
      + " on two cores the compilers need about a minute, see the jit ms column"
      + " (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--stages", description = "Also print where a receipt's time goes, stage by"
      + " stage, from the JDK Flight Recorder events both nodes record (" + AppendEvent.NAME
      + ", " + PushEvent.NAME + ", " + WitnessPushEvent.NAME + "); adds about two seconds per"
      + " row, and the recording lengthens the tail: take the ratios from a run without it.")
  boolean stages;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the nodes live (default: a temporary directory).")
  Path dir;

  /** Runs the bench on its own (until it is registered under {@code verity bench}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FederationBenchCommand()).execute(args));
  }

  @Option(names = "--parties", split = ",", paramLabel = "N,N", description = "Multilateral:"
      + " one agreement with N participants (for each N given, e.g. 3,10,30,57), every entry"
      + " cosigned by all N-1 others; all nodes in this JVM. After the table: a push's and an"
      + " entry's CPU, fitted over the rows, and the cores each N and 57 would need.")
  int[] parties;

  @Option(names = "--senders", defaultValue = "1", paramLabel = "1|all", description = "With"
      + " --parties: whether one participant sends or all do (default: ${DEFAULT-VALUE}).")
  String senders;

  @Option(names = "--rate", defaultValue = "10", paramLabel = "R", description = "With --parties:"
      + " messages/s offered by each sender before the closed loop (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--storage", defaultValue = NodeConfig.SQLITE,
      paramLabel = "sqlite|postgresql|both", description = "Where both nodes keep their state;"
      + " both: one run on each, then PostgreSQL's figures over SQLite's (default:"
      + " ${DEFAULT-VALUE}). PostgreSQL: a temporary cluster of the bench's own, or --jdbc-url.")
  String storage;

  @Option(names = "--jdbc-url", paramLabel = "URL", description = "With --storage postgresql or"
      + " both: a server where the role may create databases (one per node, dropped after),"
      + " jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE")
  String jdbcUrl;

  @Option(names = "--jdbc-password", paramLabel = "env:VARIABLE|file:PATH",
      description = "With --jdbc-url: where the role's password is.")
  String jdbcPassword;

  @Override
  public Integer call() throws Exception {
    Path root = dir != null ? dir : Files.createTempDirectory("verity-bench-fed-");
    try {
      return parties == null ? bilateral(root) : multilateral(root);
    } finally {
      if (dir == null) {
        delete(root);
      }
    }
  }

  /** {@code --parties}: N nodes per N given, one table. */
  private int multilateral(Path root) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!storage.equals(NodeConfig.SQLITE) || jdbcUrl != null || stages) {
      throw new IllegalArgumentException("--storage, --jdbc-url and --stages: with the"
          + " two-node bench only, not with --parties");
    }
    if (!senders.equals("1") && !senders.equals("all")) {
      throw new IllegalArgumentException("--senders: 1 or all, not '" + senders + "'");
    }
    for (int n : parties) {
      if (n < 2 || n > 99) {
        throw new IllegalArgumentException("--parties: from 2 to 99 participants, not " + n);
      }
    }
    out.printf("verity bench federation --parties: N nodes in one JVM on 127.0.0.1 (mutual TLS),"
        + " %s sending %d msg/s for %d s after %d s of warm-up, then a closed loop for %d s;"
        + " %s%n", senders.equals("all") ? "every participant" : "one participant", rate,
        seconds, warmup, seconds, root);
    out.println("latency: submit until every one of the N-1 peers has cosigned; cpu/node: process"
        + " CPU time / wall time / N (driver and GC included); heap/node: heap used after GC with"
        + " the nodes up, less before they started, / N; xappend: the latency over the sender's"
        + " durable append p50 in the same run");
    out.flush();
    MultilateralBench bench = new MultilateralBench(out, seconds, warmup, rate,
        senders.equals("all"));
    List<MultilateralBench.Row> rows = new ArrayList<>();
    for (int n : parties) {
      try {
        rows.addAll(bench.run(root.resolve("parties-" + n), n));
      } catch (Exception e) {
        // the table keeps the sizes that ran; the failure is the figure for this one
        out.printf("%d parties: did not run: %s%n", n, e.getMessage());
      }
    }
    out.println();
    MultilateralBench.header(out);
    rows.forEach(bench::print);
    CapacityModel.print(out, rows, rate);
    return 0;
  }

  /** Two nodes at each of {@code --rates} and closed loop, on each storage asked for. */
  private int bilateral(Path root) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> kinds = storages();
    Map<String, List<Row>> results = new LinkedHashMap<>();
    try (BenchPostgres pg = kinds.contains(NodeConfig.POSTGRESQL) ? postgres() : null) {
      if (pg != null) {
        out.printf("postgresql: %s%n", pg.describe());
      }
      for (String kind : kinds) {
        results.put(kind, bilateral(root.resolve(kind), kind, pg));
      }
    }
    if (results.size() == 2) {
      printRatios(out, results.get(NodeConfig.SQLITE), results.get(NodeConfig.POSTGRESQL));
    }
    return 0;
  }

  private List<String> storages() {
    return switch (storage) {
      case NodeConfig.SQLITE, NodeConfig.POSTGRESQL -> List.of(storage);
      case "both" -> List.of(NodeConfig.SQLITE, NodeConfig.POSTGRESQL);
      default -> throw new IllegalArgumentException(
          "--storage: sqlite, postgresql or both, not '" + storage + "'");
    };
  }

  private BenchPostgres postgres() throws Exception {
    return jdbcUrl != null ? BenchPostgres.server(jdbcUrl, jdbcPassword)
        : BenchPostgres.temporary();
  }

  /** The node init options that put a node's state on {@code kind}. */
  private static List<String> storageOptions(String kind, BenchPostgres pg, String party)
      throws Exception {
    if (kind.equals(NodeConfig.SQLITE)) {
      return List.of();
    }
    Database db = pg.newDatabase(party);
    return List.of("--storage", NodeConfig.POSTGRESQL, "--jdbc-url", db.url(),
        "--jdbc-password", db.passwordOption());
  }

  /** US and RU under New START, their state on {@code kind}: one row per rate, then max. */
  private List<Row> bilateral(Path root, String kind, BenchPostgres pg) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int[][] ports = {{free(), free()}, {free(), free()}};
    String[] parties = {"US", "RU"};
    for (int i = 0; i < 2; i++) {
      List<String> init = new ArrayList<>(List.of("node", "init", "--party", parties[i],
          "--agreement", "new-start", "--dir", root.resolve(parties[i]).toString(),
          "--api-port", "" + ports[i][0], "--peer-port", "" + ports[i][1]));
      init.addAll(storageOptions(kind, pg, parties[i]));
      cli(init.toArray(String[]::new));
    }
    for (int i = 0; i < 2; i++) {
      int j = 1 - i;
      cli("node", "peer", "add", "--dir", root.resolve(parties[i]).toString(), "--identity",
          root.resolve(parties[j]).resolve("identity.json").toString(),
          "--url", "https://127.0.0.1:" + ports[j][1] + "/");
    }
    List<Row> rows = new ArrayList<>();
    List<ReceiptStages.Split> splits = new ArrayList<>();
    try (Node us = Node.start(root.resolve("US")); Node ru = Node.start(root.resolve("RU"));
        ReceiptStages split = stages ? new ReceiptStages() : null) {
      Receipts receipts = new Receipts();
      out.printf("%nstorage %s: sender %s, witness %s%n", kind, us.config().party(),
          ru.config().party());
      us.onReceipt(receipts::record);
      var decl = DemoScenario.submissions("US", 0, 1).get(0);
      us.submitter().submit(new SubmitRequest(decl.clientId(), decl.type(), decl.message()),
          "bench");
      out.printf("verity bench federation: 2 nodes on 127.0.0.1 (mutual TLS), state in %s,"
          + " %d s per rate, %s%n", kind, seconds, root);
      out.println("append: the sender's durable append (submit until durable in its log);"
          + " x: the receipt latency over the append's p50, same run; gcs, gc ms: this JVM's"
          + " garbage collections during the row and their time; jit ms: its compilers' time"
          + " during the row (high: the code was still being compiled, warm up longer)");
      out.printf("%-8s %8s %10s %9s %9s %9s %12s %10s %10s %8s %8s %5s %6s %6s%n", "rate/s",
          "sent", "receipted", "p50 ms", "p99 ms", "max ms", "throughput/s", "append p50",
          "append p99", "p50 x", "p99 x", "gcs", "gc ms", "jit ms");
      out.flush();
      AtomicInteger seq = new AtomicInteger();
      // warm-up, not reported: connections, and the JIT at the highest rate, whose batches take
      // other paths than a lone entry's (the compilers took half a core for a minute: issue 18)
      Row warm =
          run(us, receipts, Arrays.stream(rates).max().orElse(100), Math.max(1, warmup), seq);
      take(split, "warm-up", warm.sent());
      for (int rate : rates) {
        Row row = print(out, run(us, receipts, rate, seconds, seq));
        rows.add(row);
        splits.add(take(split, "" + rate, row.sent()));
      }
      int n = Math.max(1000,
          rates.length == 0 ? 1000 : Arrays.stream(rates).max().getAsInt() * seconds);
      Row closed = print(out, run(us, receipts, 0, n, seq)); // closed loop: as fast as it goes
      rows.add(closed);
      splits.add(take(split, "max", closed.sent()));
      // the size of a bench message: the last one sent, by its client id, once the store has
      // indexed it (the index is written behind the durable append: Submitter)
      us.submitter().drain(10_000);
      int entryBytes = us.store().messageByClientId("US", "bench-" + seq.get())
          .orElseThrow(() -> new IllegalStateException(kind + ": the last bench message, bench-"
              + seq.get() + ", is not in the sender's store")).entry().length;
      double sequencer = SequencerBaseline.rate(root.resolve("sequencer"), entryBytes, n);
      printClosedLoop(out, closed.throughput(), sequencer, entryBytes);
      if (split != null) {
        ReceiptStages.print(out, splits);
      }
    }
    return rows;
  }

  /** With --stages, the row's events; else null. */
  private static ReceiptStages.Split take(ReceiptStages split, String rate, int appended)
      throws InterruptedException {
    return split == null ? null : split.take(rate, appended);
  }

  /** PostgreSQL's figures over SQLite's, rate by rate, from this run. */
  static void printRatios(PrintWriter out, List<Row> sqlite, List<Row> postgresql) {
    out.printf("%nPostgreSQL / SQLite, same run:%n%-8s %12s %12s %12s %12s %14s%n", "rate/s",
        "p50 ms pg", "p50 ratio", "p99 ms pg", "p99 ratio", "throughput x");
    for (int i = 0; i < Math.min(sqlite.size(), postgresql.size()); i++) {
      Row s = sqlite.get(i);
      Row p = postgresql.get(i);
      out.printf("%-8s %12.1f %12.2f %12.1f %12.2f %14.2f%n", p.rate(), p.p50(),
          p.p50() / s.p50(), p.p99(), p.p99() / s.p99(), p.throughput() / s.throughput());
    }
    out.flush();
  }

  /** The closed loop's receipted rate beside the sequencer's own, entries of the same size. */
  static void printClosedLoop(PrintWriter out, double receipted, double sequencer, int bytes) {
    out.printf("closed loop: %,.0f receipted entries/s; the sequencer alone appends %,.0f"
        + " entries/s of %d bytes durably, same run: ratio %.2f%n", receipted, sequencer, bytes,
        receipted / sequencer);
    out.flush();
  }

  /** Removes the bench's temporary directory and everything the nodes left in it. */
  static void delete(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Receipt events: (cosigned size, nanoTime), in arrival order. */
  static final class Receipts {
    private final List<long[]> events = new ArrayList<>();

    synchronized void record(String peer, long size) {
      events.add(new long[] {size, System.nanoTime()});
    }

    /** When the first receipt covering {@code index} arrived, or -1. */
    synchronized long at(long index) {
      for (long[] e : events) {
        if (e[0] > index) {
          return e[1];
        }
      }
      return -1;
    }

    synchronized long covered() {
      return events.stream().mapToLong(e -> e[0]).max().orElse(0);
    }
  }

  /** One line of the table: an offered rate ("max": the closed loop) and what came of it. */
  record Row(String rate, int sent, int receipted, double p50, double p99, double max,
      double throughput, double append, double appendP99, long gcs, long gcMillis,
      long jitMillis) {}

  /**
   * The collections of this JVM so far and the milliseconds they took: each pause delays every
   * entry in flight, which is most of the receipt's own tail (D91).
   */
  static long[] gc() {
    long n = 0;
    long ms = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
      ms += Math.max(0, b.getCollectionTime());
    }
    return new long[] {n, ms};
  }

  /**
   * The milliseconds this JVM's compilers have spent so far: a row during which they spent
   * much was measured before the code settled, beside the node's work on the same cores.
   */
  static long jit() {
    CompilationMXBean b = ManagementFactory.getCompilationMXBean();
    return b != null && b.isCompilationTimeMonitoringSupported()
        ? b.getTotalCompilationTime() : 0;
  }

  private static Row print(PrintWriter out, Row r) {
    out.printf("%-8s %8d %10d %9.1f %9.1f %9.1f %12.0f %10.1f %10.1f %8.2f %8.2f %5d %6d %6d%n",
        r.rate(), r.sent(), r.receipted(), r.p50(), r.p99(), r.max(), r.throughput(),
        r.append(), r.appendP99(), r.p50() / r.append(), r.p99() / r.append(), r.gcs(),
        r.gcMillis(), r.jitMillis());
    out.flush();
    return r;
  }

  /**
   * rate 0: closed loop with {@code amount} messages; else {@code amount} seconds at {@code
   * rate}/s.
   */
  private Row run(Node us, Receipts receipts, int rate, int amount, AtomicInteger seq)
      throws Exception {
    int n = rate == 0 ? amount : rate * amount;
    long[] start = new long[n];
    long[] durable = new long[n];
    long[] index = new long[n];
    ExecutorService pool = Executors.newFixedThreadPool(64);
    long[] gc0 = gc();
    long jit0 = jit();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (rate > 0) {
        long due = t0 + (long) i * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      int k = i;
      String id = "bench-" + seq.incrementAndGet();
      pool.execute(() -> {
        start[k] = System.nanoTime();
        try {
          index[k] = us.submitter().submit(new SubmitRequest(id, "bomber-exercise",
              CanonicalJson.mapper().readTree("{\"eventTime\":\"2020-09-01T00:00:00Z\"}")),
              "bench").index();
          durable[k] = System.nanoTime();
        } catch (Exception e) {
          index[k] = -1;
          durable[k] = System.nanoTime();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    long last = Arrays.stream(index).max().orElse(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (receipts.covered() <= last && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    double[] lat = new double[n];
    int ok = 0;
    long lastReceipt = t0;
    for (int i = 0; i < n; i++) {
      long at = index[i] < 0 ? -1 : receipts.at(index[i]);
      if (at > 0) {
        lat[ok++] = (at - start[i]) / 1e6;
        lastReceipt = Math.max(lastReceipt, at);
      }
    }
    double[] l = Arrays.copyOf(lat, ok);
    Arrays.sort(l);
    // the part of the latency spent before the entry is durable in the sender's own log
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (durable[i] - start[i]) / 1e6;
    }
    Arrays.sort(d);
    long[] gc1 = gc();
    return new Row(rate == 0 ? "max" : "" + rate, n, ok, pct(l, 50), pct(l, 99),
        l.length == 0 ? Double.NaN : l[l.length - 1], ok / ((lastReceipt - t0) / 1e9),
        pct(d, 50), pct(d, 99), gc1[0] - gc0[0], gc1[1] - gc0[1], jit() - jit0);
  }

  static double pct(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static int free() throws Exception {
    return LoopbackPorts.shared().next();
  }

  static void cli(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    if (cl.execute(args) != 0) {
      throw new IllegalStateException("verity " + String.join(" ", args) + ": " + err);
    }
  }
}
