package dev.verity.node.cli.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EscrowBenchCommandTest {
  @Test
  void runsAndReportsEachPhase() {
    CommandLine cl = new CommandLine(new EscrowBenchCommand());
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    int exit = cl.execute("--items", "200", "--rounds", "1");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("escrow bench: 200 items").contains("commit").contains("reveal all 200 items")
        .contains("verify all 200 reveals");
  }
}
