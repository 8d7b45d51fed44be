package dev.verity.node.cli.bench;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.ceasefire.CeasefireMessages;
import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.ceasefire.Register;
import dev.verity.core.ceasefire.RegisterQuery;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Evaluator;
import dev.verity.node.cli.bench.CeasefireEntries.Entry;
import dev.verity.node.entry.Envelope;
import dev.verity.node.entry.EntryException;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.Projections;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench ceasefire}: the node's ceasefire register (agreement {@code
 * ceasefire-monitoring}) with --observations claims and observations over a year. It times
 * loading them as a node does (each entry decoded from its canonical bytes and applied to the
 * node's projections, so folded onto the register one at a time), then the daily report and the
 * register pages the API serves (computed and written as JSON), beside the baseline of the same
 * run: decoding the same entries and hashing them (SHA-256), the least any node does per entry.
 * It also times one fold of every step from the start, which is what each arriving entry cost
 * before the fold was incremental (docs/dev/decisions.md, "The provisions fold incrementally").
 */
@Command(name = "ceasefire", mixinStandardHelpOptions = true,
    description = "Benchmark the ceasefire register: load N observations, then the daily report"
        + " and the register pages, beside decoding and hashing the same entries.")
public final class CeasefireBenchCommand implements Callable<Integer> {
  /** What the issue asks of a daily report and a register page at 100,000 observations. */
  static final double LIMIT_MS = 1000;

  @Spec CommandSpec spec;

  @Option(names = "--observations", defaultValue = "100000",
      description = "Claims and observations in the register (default: ${DEFAULT-VALUE}).")
  int observations;

  @Option(names = "--queries", defaultValue = "30",
      description = "Report dates and pages asked; the median and the slowest are printed"
          + " (default: ${DEFAULT-VALUE}).")
  int queries;

  private long slowestWall;
  private long slowestCpu;

  @Override
  public Integer call() throws Exception {
    if (observations < 1 || observations > 2_000_000 || queries < 1 || queries > 1000) {
      throw new IllegalArgumentException("--observations from 1 to 2,000,000, --queries from 1"
          + " to 1,000");
    }
    PrintWriter out = spec.commandLine().getOut();
    Agreement a = agreement();
    List<Entry> entries = CeasefireEntries.generate(a.id(), observations);
    out.printf("ceasefire bench: %,d claims and observations over a year, 4 participants,"
        + " %s, %d cores, load %s%n", observations, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), loadAverage());
    Took base = time(() -> baseline(entries));
    Projections p = new Projections(a);
    Took load = time(() -> load(p, entries));
    Register r = p.provisions().state(CeasefireRegime.ID, Register.class).orElseThrow();
    if (r.claimCount() != observations || !p.provisions().refused().isEmpty()) {
      throw new IllegalStateException("the register holds " + r.claimCount() + " claims, "
          + p.provisions().refused().size() + " entries refused");
    }
    List<Step> steps = p.provisions().steps(CeasefireMessages.TYPES);
    Took refold = time(() -> Evaluator.of(a).fold(steps).size());
    out.printf("%-62s %9s %9s %7s%n", "", "wall ms", "CPU ms", "x base");
    line(out, "baseline: decode and SHA-256 every entry", base, base);
    line(out, "load: decode and fold every entry onto the node's projections", load, base);
    line(out, "one fold of every step from the start (each arrival, before)", refold, base);
    queries(out, r);
    out.printf("daily report and register pages under %.0f ms, the slowest by wall time: %s;"
        + " by CPU time: %s%n", LIMIT_MS, yes(slowestWall), yes(slowestCpu));
    out.flush();
    return 0;
  }

  /** Times the API's answers, keeping the slowest. */
  private void queries(PrintWriter out, Register r) {
    LocalDate first = LocalDate.of(2025, 2, 3);
    out.printf("%-62s %9s %9s %7s%n", "", "median ms", "max ms", "CPU ms");
    both(out, "daily report with its previous-period rule, as JSON", i -> json(
        r.checkedReport(CeasefireEntries.COMMITMENT,
            first.plusDays(11L * i % 320)).orElseThrow()));
    both(out, "register page: the first 50, newest day first", i -> json(r.page(
        RegisterQuery.builder().build())));
    both(out, "register page: one region and category", i -> json(r.page(
        RegisterQuery.builder().where(CeasefireEntries.REGIONS.get(i % 6), "explosion", null)
            .build())));
    both(out, "register page: a week, one region, one filer", i -> json(r.page(
        RegisterQuery.builder().days(first.plusDays(11L * i % 350),
            first.plusDays(11L * i % 350 + 7)).where("luhansk", null, "SMM").build())));
    both(out, "register page: a filter nothing matches (reads every day)", i -> json(
        r.page(RegisterQuery.builder().where("odesa", null, null).build())));
    both(out, "register page: 50 from the middle (offset n/2)", i -> json(r.page(
        RegisterQuery.builder().page(r.claimCount() / 2, 50).build())));
  }

  private static String yes(long nanos) {
    return nanos / 1e6 < LIMIT_MS ? "yes" : "NO";
  }

  /** Asks {@code query} --queries times; prints the median and the slowest. */
  private void both(PrintWriter out, String what, IntQuery query) {
    long[] t = new long[queries];
    long cpu = 0;
    for (int i = 0; i < queries; i++) {
      int k = i;
      Took took = time(() -> query.ask(k));
      t[i] = took.wall();
      cpu = Math.max(cpu, took.cpu());
    }
    Arrays.sort(t);
    out.printf("%-62s %9.2f %9.2f %7.2f%n", what, t[queries / 2] / 1e6, t[queries - 1] / 1e6,
        cpu / 1e6);
    slowestWall = Math.max(slowestWall, t[queries - 1]);
    slowestCpu = Math.max(slowestCpu, cpu);
  }

  /** One question to the register, varied by {@code i}; returns the answer's size. */
  @FunctionalInterface
  private interface IntQuery {
    int ask(int i);
  }

  private static int json(Object answer) {
    try {
      return CanonicalJson.mapper().writeValueAsBytes(answer).length;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int baseline(List<Entry> entries) {
    MessageDigest sha = sha256();
    int n = 0;
    for (Entry e : entries) {
      n += decode(e).type().length() + sha.digest(e.bytes())[0];
    }
    return n;
  }

  private static int load(Projections p, List<Entry> entries) {
    for (Entry e : entries) {
      p.apply(e.party(), e.index(), decode(e));
    }
    return p.provisions().refused().size();
  }

  private static Envelope decode(Entry e) {
    try {
      return Envelope.decode(e.bytes());
    } catch (EntryException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Wall-clock and this thread's CPU nanoseconds (the machine may be shared and loaded). */
  record Took(long wall, long cpu) {}

  /** What {@code work} took; its result is kept so the work is not optimised away. */
  private static Took time(Supplier<Integer> work) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    int sink = work.get();
    Took t = new Took(System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - c0);
    if (sink == Integer.MIN_VALUE) {
      Thread.onSpinWait(); // never: keeps the result alive
    }
    return t;
  }

  /** A line: wall and CPU time, and the ratio to the baseline's by CPU time. */
  private static void line(PrintWriter out, String what, Took t, Took base) {
    out.printf("%-62s %9.1f %9.1f %7.2f%n", what, t.wall() / 1e6, t.cpu() / 1e6,
        (double) t.cpu() / base.cpu());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The machine's load average over 1, 5 and 15 minutes, where the system tells it. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return String.join(" ", Arrays.copyOf(f, Math.min(3, f.length)));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Agreement agreement() {
    try {
      return AgreementCatalog.get("ceasefire-monitoring");
    } catch (AgreementException e) {
      throw new IllegalStateException(e);
    }
  }
}
