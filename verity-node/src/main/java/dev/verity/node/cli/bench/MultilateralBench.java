package dev.verity.node.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import dev.verity.node.config.ConnectionLimits;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.store.NodeStore;
import dev.verity.node.submit.SubmitRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code verity bench federation --parties N}: one agreement with N participants, every entry a
 * sender appends cosigned by all N−1 others. Each node pins every other (N(N−1) pins) and runs
 * as in production: its own directory, log and store, a peer port on 127.0.0.1 with mutual TLS,
 * one publisher per peer pushing each checkpoint with the entries it adds, a witness per peer
 * that verifies them before it cosigns. All N share this JVM (issue 13 allows it), so the CPU
 * and heap per node are the process's divided by N.
 *
 * <p>The receipt latency of an entry runs from the call that submits it to the moment its
 * sender has stored the cosignature of the <em>last</em> of its N−1 peers covering it.
 */
final class MultilateralBench {
  /** Submitting threads: enough that a durable append in progress never delays the schedule. */
  private static final int SUBMITTERS = 32;
  private static final String HEAD =
      "%7s %7s %7s %7s %9s %8s %8s %8s %9s %8s %8s %8s %9s %9s %7s %8s %8s%n";
  /** How long to wait for the last receipts after the load stops. */
  private static final long DRAIN_SECONDS = 60;

  private final PrintWriter out;
  private final int seconds;
  private final int warmup;
  private final int rate;
  private final boolean allSenders;
  private final AtomicInteger seq = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  /**
   * The figures of one load on N nodes; {@code pushes}: the checkpoints cosigned in it, each by
   * one witness for one sender.
   */
  record Row(int parties, int senders, String load, int sent, int receipted, double p50,
      double p99, double max, double entriesPerSecond, double durableP50, double cpuPerNode,
      double heapMbPerNode, double threadsPerNode, long pushes, double pushesPerSecond) {
    /** The process's CPU time per push: all N nodes' share of it over the pushes' rate. */
    double cpuMsPerPush() {
      return pushes == 0 ? Double.NaN : cpuPerNode / 100 * parties * 1000 / pushesPerSecond;
    }
  }

  /**
   * {@code seconds} at {@code rate} messages/s per sender, then a closed loop as long, after
   * {@code warmup} seconds at that rate that are not reported (0: none).
   */
  MultilateralBench(PrintWriter out, int seconds, int warmup, int rate, boolean allSenders) {
    this.out = out;
    this.seconds = seconds;
    this.warmup = warmup;
    this.rate = rate;
    this.allSenders = allSenders;
  }

  static void header(PrintWriter out) {
    out.printf(HEAD, "parties", "senders", "load", "sent", "receipted", "p50 ms", "p99 ms",
        "max ms", "entries/s", "append", "p50", "p99", "cpu/node", "heap/node", "threads",
        "pushes", "cpu ms");
    out.printf(HEAD, "", "", "", "", "(all N-1)", "", "", "", "", "p50 ms", "xappend",
        "xappend", "% core", "MB", "/node", "/s", "/push");
    out.flush();
  }

  /** Sets up N nodes in {@code root}, runs the fixed rate then the closed loop, stops them. */
  List<Row> run(Path root, int n) throws Exception {
    Files.createDirectories(root);
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    List<Path> dirs = create(root, n);
    List<Node> nodes = new ArrayList<>();
    try {
      for (Path d : dirs) {
        nodes.add(Node.start(d));
        progress("started", nodes.size(), n);
      }
      List<Node> senders = allSenders ? nodes : nodes.subList(0, 1);
      List<AllCosigned> receipts = new ArrayList<>();
      AtomicLong cosigned = new AtomicLong();
      nodes.forEach(node -> node.witness().onPushCosigned(peer -> cosigned.incrementAndGet()));
      for (Node s : senders) {
        AllCosigned r = new AllCosigned(n - 1);
        s.onReceipt(r::record);
        receipts.add(r);
      }
      Load load = new Load(senders, receipts, n, cosigned);
      progress("warm-up (first entry of each sender cosigned by all)", 0, n);
      load.run(0, 1, null);
      if (warmup > 0) {
        // the JIT's first compilations and the first polls' handshakes, outside the figures
        progress("warm-up, " + warmup + " s at the measured rate, not reported", 0, n);
        load.run(rate, warmup, root);
      }
      Row fixed = load.run(rate, seconds, root);
      Row max = load.run(0, seconds, root);
      double heap = (heapAfterGc() - heapBefore) / 1e6 / n;
      double threads =
          (ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore) / (double) n;
      List<Row> rows = List.of(withHeap(fixed, heap, threads), withHeap(max, heap, threads));
      header(out);
      rows.forEach(this::print);
      printPushBudget(fixed, senders.size() * (n - 1));
      int entryBytes = nodes.get(0).store()
          .message(party(1), receipts.get(0).covered() - 1).orElseThrow().entry().length;
      double sequencer = SequencerBaseline.rate(root.resolve("sequencer"), entryBytes,
          Math.max(1000, max.sent()));
      FederationBenchCommand.printClosedLoop(out, max.entriesPerSecond(), sequencer, entryBytes);
      return rows;
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
      out.printf("  %d nodes stopped%n", nodes.size());
      out.flush();
    }
  }

  void print(Row r) {
    out.printf("%7d %7d %7s %7d %9d %8.1f %8.1f %8.1f %9.0f %8.1f %8.1f %8.1f %9.1f %9.1f"
        + " %7.0f %8.0f %8.2f%n", r.parties(), r.senders(), r.load(), r.sent(), r.receipted(),
        r.p50(), r.p99(), r.max(), r.entriesPerSecond(), r.durableP50(),
        r.p50() / r.durableP50(), r.p99() / r.durableP50(), r.cpuPerNode(), r.heapMbPerNode(),
        r.threadsPerNode(), r.pushesPerSecond(), r.cpuMsPerPush());
    out.flush();
  }

  /**
   * What one push per (sender, witness) pair per second would cost at the fixed load's CPU per
   * push, beside the cores this machine has. An entry waits for its sender's next push to each
   * peer, so a receipt from every peer within a second needs about that rate of pushes at least
   * (one cosigned checkpoint covers many entries, but each pair needs its own): when the line's
   * cores pass the machine's, no scheduling of these pushes meets a second here.
   */
  private void printPushBudget(Row fixed, int pairs) {
    double cores = pairs * fixed.cpuMsPerPush() / 1000;
    out.printf("pushes: checkpoints cosigned, each by one witness for one sender; cpu ms/push:"
        + " the process's CPU (nodes, driver, collector, compiler) per push. Every peer's receipt"
        + " within a second needs each (sender, witness) pair pushed about once a second or more:"
        + " %,d pairs at %.2f ms a push (%s): %.1f cores; this machine has %d.%n", pairs,
        fixed.cpuMsPerPush(), fixed.load(), cores, Runtime.getRuntime().availableProcessors());
    out.flush();
  }

  private static Row withHeap(Row r, double heap, double threads) {
    return new Row(r.parties(), r.senders(), r.load(), r.sent(), r.receipted(), r.p50(), r.p99(),
        r.max(), r.entriesPerSecond(), r.durableP50(), r.cpuPerNode(), heap, threads, r.pushes(),
        r.pushesPerSecond());
  }

  private void progress(String what, int done, int of) {
    if (done == 0 || done == of || done % 10 == 0) {
      out.printf("  %d parties: %s%s%n", of, what, done == 0 ? "" : " " + done + "/" + of);
      out.flush();
    }
  }

  /**
   * N node directories under {@code root} for the agreement {@code osce-N.yaml} written there,
   * made by {@code verity node init}, each pinning all the others (as {@code verity node peer
   * add} does, in one write per node rather than N−1 command runs).
   */
  private List<Path> create(Path root, int n) throws Exception {
    Path agreement = root.resolve("osce-" + n + ".yaml");
    Files.writeString(agreement, agreementYaml(n), StandardCharsets.UTF_8);
    List<Path> dirs = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Path d = root.resolve(party(i));
      int peerPort = LoopbackPorts.shared().next();
      FederationBenchCommand.cli("node", "init", "--party", party(i), "--agreement",
          agreement.toString(), "--dir", d.toString(), "--api-port", "0", "--peer-port",
          "" + peerPort);
      dirs.add(d);
      urls.add("https://127.0.0.1:" + peerPort + "/");
      progress("created", i, n);
    }
    for (int i = 0; i < n; i++) {
      pinAllBut(dirs, urls, i);
    }
    progress("pinned " + n * (n - 1) + " peers", n, n);
    return dirs;
  }

  /** Node {@code i} pins every other node, with room for all of them on its peer port. */
  private static void pinAllBut(List<Path> dirs, List<String> urls, int i) throws Exception {
    Path dir = dirs.get(i);
    NodeConfig c = NodeConfig.read(dir);
    List<PublicIdentity> pinned = new ArrayList<>();
    for (int j = 0; j < dirs.size(); j++) {
      if (j != i) {
        PublicIdentity id = NodeIdentity.readPublic(dirs.get(j).resolve("identity.json"));
        c = c.withPinnedPeer(id, urls.get(j));
        pinned.add(id);
      }
    }
    // every peer connects from 127.0.0.1 here: the per-address limit must admit them all
    ConnectionLimits l = ConnectionLimits.DEFAULTS;
    int perAddress = Math.max(l.perAddress(), 4 * dirs.size());
    c = c.withLimits(null, new ConnectionLimits(l.handshakeSeconds(), l.requestSeconds(),
        l.idleSeconds(), l.minBytesPerSecond(), perAddress), 0);
    c.write(dir);
    try (NodeStore store = NodeStore.open(c, dir)) {
      for (PublicIdentity id : pinned) {
        store.audit("bench", "peer-add", id.party() + " pin " + id.tlsPin());
      }
    }
  }

  static String party(int i) {
    return String.format("P%02d", i);
  }

  /**
   * A made-up agreement with N participants and one notification type that needs no prior
   * declaration (New START's heavy-bomber exercise notice, without its deadline).
   */
  static String agreementYaml(int n) {
    StringBuilder y = new StringBuilder()
        .append("# HYPOTHETICAL - NOT A REAL AGREEMENT: written by verity bench federation for ")
        .append(n).append(" participants\n")
        .append("id: osce-").append(n).append('\n')
        .append("title: \"HYPOTHETICAL: ").append(n).append(" participating States (bench)\"\n")
        .append("hypothetical: true\nentryIntoForce: 2020-01-01\nparties:\n");
    for (int i = 1; i <= n; i++) {
      y.append("  - {id: ").append(party(i)).append(", name: Participating State ").append(i)
          .append(", role: party}\n");
    }
    return y.append("messages:\n  - id: bomber-exercise\n")
        .append("    name: notification of a major exercise\n    effect: none\n")
        .append("    fields: {eventTime: instant}\n").toString();
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * For one sender: the largest size each peer has cosigned, and when the size that all N−1 had
   * cosigned grew (sizes only grow: a receipt covers every entry before it).
   */
  static final class AllCosigned {
    private final int peers;
    private final Map<String, Long> byPeer = new TreeMap<>();
    private final List<long[]> events = new ArrayList<>();
    private long all;

    AllCosigned(int peers) {
      this.peers = peers;
    }

    synchronized void record(String peer, long size) {
      byPeer.merge(peer, size, Math::max);
      if (byPeer.size() < peers) {
        return;
      }
      long min = byPeer.values().stream().mapToLong(Long::longValue).min().orElse(0);
      if (min > all) {
        all = min;
        events.add(new long[] {min, System.nanoTime()});
      }
    }

    /** When every peer had cosigned entry {@code index}, or -1. */
    synchronized long at(long index) {
      int lo = 0;
      int hi = events.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (events.get(mid)[0] > index) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo < events.size() ? events.get(lo)[1] : -1;
    }

    /** The size every peer has cosigned. */
    synchronized long covered() {
      return all;
    }

    /** The size each peer has cosigned, by Party. */
    synchronized Map<String, Long> byPeer() {
      return Map.copyOf(byPeer);
    }
  }

  /** One submission: by which sender, its index in the sender's log, and when. */
  private record Sent(int sender, long index, long start, long durable) {}

  /** Drives the senders and measures one load. */
  private final class Load {
    private final List<Node> senders;
    private final List<AllCosigned> receipts;
    private final int parties;
    private final AtomicLong cosigned;
    private final JsonNode message;

    Load(List<Node> senders, List<AllCosigned> receipts, int parties, AtomicLong cosigned)
        throws IOException {
      this.senders = senders;
      this.receipts = receipts;
      this.parties = parties;
      this.cosigned = cosigned;
      this.message = CanonicalJson.mapper().readTree("{\"eventTime\":\"2020-09-01T00:00:00Z\"}");
    }

    /**
     * {@code perSender} messages/s from each sender for {@code secs} seconds (open loop: slow
     * receipts cannot slow the offered load); 0: as fast as the submitters go. {@code root}
     * null: a warm-up of one entry per sender, not reported.
     */
    Row run(int perSender, int secs, Path root) throws Exception {
      Queue<Sent> sent = new ConcurrentLinkedQueue<>();
      long cpu0 = processCpuNanos();
      long pushes0 = cosigned.get();
      long t0 = System.nanoTime();
      if (root == null) {
        for (int s = 0; s < senders.size(); s++) {
          submit(s, sent);
        }
      } else if (perSender > 0) {
        openLoop(perSender, secs, t0, sent);
      } else {
        closedLoop(secs, t0, sent);
      }
      drain(sent, root != null);
      long cpu = processCpuNanos() - cpu0;
      long wall = System.nanoTime() - t0;
      long pushes = cosigned.get() - pushes0;
      return figures(perSender == 0 ? "max" : perSender + "/s", List.copyOf(sent), t0,
          cpu / (double) wall * 100 / parties, pushes, pushes / (wall / 1e9));
    }

    private void openLoop(int perSender, int secs, long t0, Queue<Sent> sent)
        throws InterruptedException {
      ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
      long total = (long) perSender * senders.size() * secs;
      for (long i = 0; i < total; i++) {
        long due = t0 + i * 1_000_000_000L / ((long) perSender * senders.size());
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int s = (int) (i % senders.size());
        pool.execute(() -> submit(s, sent));
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    private void closedLoop(int secs, long t0, Queue<Sent> sent) throws InterruptedException {
      ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
      long end = t0 + TimeUnit.SECONDS.toNanos(secs);
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < SUBMITTERS; t++) {
        pool.execute(() -> {
          while (System.nanoTime() < end) {
            submit(Math.floorMod(next.getAndIncrement(), senders.size()), sent);
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    private void submit(int s, Queue<Sent> sent) {
      long start = System.nanoTime();
      String id = "bench-" + seq.incrementAndGet();
      long index;
      try {
        index = senders.get(s).submitter()
            .submit(new SubmitRequest(id, "bomber-exercise", message), "bench").index();
      } catch (Exception e) {
        index = -1;
        if (failures.getAndIncrement() == 0) {
          out.printf("  a submission failed (counted as not receipted): %s%n", e.getMessage());
          out.flush();
        }
      }
      sent.add(new Sent(s, index, start, System.nanoTime()));
    }

    /** Waits, bounded, until every peer has cosigned every entry sent; says how far it got. */
    private void drain(Queue<Sent> sent, boolean report) throws InterruptedException {
      long[] last = new long[senders.size()];
      for (Sent x : sent) {
        last[x.sender()] = Math.max(last[x.sender()], x.index());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
      long said = System.nanoTime();
      while (!allCovered(last) && System.nanoTime() < deadline) {
        Thread.sleep(5);
        if (report && System.nanoTime() - said > TimeUnit.SECONDS.toNanos(5)) {
          said = System.nanoTime();
          out.printf("  %d parties: waiting for receipts (%d of %d senders fully cosigned)%n",
              parties, covered(last), senders.size());
          out.flush();
        }
      }
    }

    private boolean allCovered(long[] last) {
      return covered(last) == last.length;
    }

    private int covered(long[] last) {
      int c = 0;
      for (int s = 0; s < last.length; s++) {
        c += receipts.get(s).covered() > last[s] ? 1 : 0;
      }
      return c;
    }

    private Row figures(String load, List<Sent> sent, long t0, double cpuPerNode, long pushes,
        double pushesPerSecond) {
      double[] lat = new double[sent.size()];
      double[] durable = new double[sent.size()];
      int ok = 0;
      long lastReceipt = t0;
      for (int i = 0; i < sent.size(); i++) {
        Sent x = sent.get(i);
        durable[i] = (x.durable() - x.start()) / 1e6;
        long at = x.index() < 0 ? -1 : receipts.get(x.sender()).at(x.index());
        if (at > 0) {
          lat[ok++] = (at - x.start()) / 1e6;
          lastReceipt = Math.max(lastReceipt, at);
        }
      }
      double[] l = Arrays.copyOf(lat, ok);
      Arrays.sort(l);
      Arrays.sort(durable);
      return new Row(parties, senders.size(), load, sent.size(), ok,
          FederationBenchCommand.pct(l, 50), FederationBenchCommand.pct(l, 99),
          l.length == 0 ? Double.NaN : l[l.length - 1], ok / ((lastReceipt - t0) / 1e9),
          FederationBenchCommand.pct(durable, 50), cpuPerNode, Double.NaN, Double.NaN, pushes,
          pushesPerSecond);
    }
  }
}
