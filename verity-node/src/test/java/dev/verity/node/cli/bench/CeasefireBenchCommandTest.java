package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The bench runs small: every claim reaches the register through the node's projections (it
 * checks the count itself, or fails), and every figure is printed beside its baseline.
 */
class CeasefireBenchCommandTest {
  @Test
  void loadsTheRegisterAndPrintsEveryFigureBesideTheBaseline() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new CeasefireBenchCommand());
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--observations", "2000", "--queries", "3")).isZero();
    assertThat(out.toString()).contains("2,000 claims and observations over a year",
        "baseline: decode and SHA-256 every entry",
        "load: decode and fold every entry onto the node's projections",
        "one fold of every step from the start",
        "daily report with its previous-period rule, as JSON",
        "register page: the first 50, newest day first",
        "register page: a filter nothing matches",
        "daily report and register pages under 1000 ms, the slowest by wall time:");
  }

  @Test
  void refusesSizesOutOfBounds() {
    CommandLine cl = new CommandLine(new CeasefireBenchCommand());
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("--observations", "0")).isNotZero();
  }
}
