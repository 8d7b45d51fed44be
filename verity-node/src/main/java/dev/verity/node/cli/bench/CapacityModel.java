package dev.verity.node.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The CPU a federation uses, split into what its pushes cost and what its entries cost (D97):
 * {@code msPerPush} milliseconds of the process's CPU a push (both sides of it: the publisher's
 * request and receipt, the witness's checks, cosignature and commit) plus {@code msPerEntry} an
 * entry witnessed (verified, stored and folded by one witness). The process's CPU is all of it:
 * the nodes' appends, the driver, the compilers and the collector are shared out between the two.
 *
 * <p>Fitted by least squares, with no constant term, over the bench's rows: each row is one
 * equation, {@code cores × 1000 = pushes/s × msPerPush + entries witnessed/s × msPerEntry}. The
 * rows differ in entries per push (a fixed rate carries few, the closed loop many), which is what
 * separates the two costs; what an idle node spends (pollers, the compilers, the collector) is
 * spread over both, so the model is for loads like the rows', not for idle nodes.
 *
 * <p>An entry waits for its sender's next push to each peer, so a receipt from every peer within a
 * second needs each (sender, witness) pair pushed about once a second: N participants each sending
 * r messages/s then need about {@code N * (N - 1) * (msPerPush + r * msPerEntry)} ms of CPU a
 * second on one machine, N times less per node when each node has a machine of its own.
 */
record CapacityModel(double msPerPush, double msPerEntry, int rows) {
  /** The OSCE's participating States: issue 18's case, projected whatever N the bench ran. */
  static final int OSCE = 57;

  /**
   * The costs fitted over {@code rows}, or empty when the rows cannot separate them: fewer than
   * two, the same entries per push in all, or a cost that comes out negative.
   */
  static Optional<CapacityModel> fit(List<MultilateralBench.Row> rows) {
    NormalEquations sums = new NormalEquations();
    for (MultilateralBench.Row r : rows) {
      double ms = r.cpuPerNode() / 100 * r.parties() * 1000; // ms of CPU a second
      double entries = witnessedPerSecond(r);
      // a row with no push, no CPU figure or no rate (NaN: nothing receipted) tells neither cost
      if (r.pushesPerSecond() > 0 && ms > 0 && entries >= 0) {
        sums.add(r.pushesPerSecond(), entries, ms);
      }
    }
    return sums.solve();
  }

  /** The sums of least squares for two unknowns and no constant: {@code c ≈ a·p + b·e}. */
  private static final class NormalEquations {
    private double pp;
    private double pe;
    private double ee;
    private double pc;
    private double ec;
    private int rows;

    void add(double p, double e, double c) {
      pp += p * p;
      pe += p * e;
      ee += e * e;
      pc += p * c;
      ec += e * c;
      rows++;
    }

    /** By Cramer's rule; empty when the rows are (nearly) proportional or a cost is negative. */
    Optional<CapacityModel> solve() {
      double det = pp * ee - pe * pe;
      if (rows < 2 || det <= 1e-9 * pp * ee) {
        return Optional.empty();
      }
      double push = (pc * ee - ec * pe) / det;
      double entry = (pp * ec - pe * pc) / det;
      return push > 0 && entry >= 0
          ? Optional.of(new CapacityModel(push, entry, rows)) : Optional.empty();
    }
  }

  /** Entries witnessed a second: each one receipted was verified by all N − 1 peers. */
  static double witnessedPerSecond(MultilateralBench.Row r) {
    return r.entriesPerSecond() * (r.parties() - 1);
  }

  /** Cores for {@code n} participants sending {@code rate}/s each, pairs pushed once a second. */
  double cores(int n, double rate) {
    return n * (n - 1.0) * (msPerPush + rate * msPerEntry) / 1000;
  }

  /**
   * Prints the fitted costs and, for each N the bench ran and for 57, the cores on one machine and
   * per node on machines of their own; or why the rows could not be fitted.
   */
  static void print(PrintWriter out, List<MultilateralBench.Row> rows, int rate) {
    Optional<CapacityModel> fitted = fit(rows);
    if (fitted.isPresent()) {
      TreeSet<Integer> sizes = new TreeSet<>(List.of(OSCE));
      rows.forEach(r -> sizes.add(r.parties()));
      fitted.get().printProjection(out, sizes, rate);
    } else {
      out.println("capacity: the rows do not separate a push's CPU from an entry's (fewer than"
          + " two rows with pushes, or the same entries per push in all); run more sizes");
    }
    out.flush();
  }

  private void printProjection(PrintWriter out, TreeSet<Integer> sizes, int rate) {
    out.printf("capacity (least squares over the %d rows above, D97): %.2f ms of CPU a push, both"
        + " sides, and %.3f ms an entry witnessed. Every participant sending %d msg/s, each pair"
        + " pushed once a second:%n", rows, msPerPush, msPerEntry, rate);
    for (int n : sizes) {
      double cores = cores(n, rate);
      out.printf("  %2d parties: %6.1f cores on one machine, %5.2f a node on machines of their"
          + " own%n", n, cores, cores / n);
    }
    out.printf("  this machine has %d; a p99 under a second needs cores to spare.%n",
        Runtime.getRuntime().availableProcessors());
  }
}
