package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench federation --parties}: receipts from every peer, and what counts as "all". */
class MultilateralBenchTest {
  @TempDir Path dir;

  @Test
  void anEntryCountsOnlyOnceEveryPeerHasCosignedIt() {
    MultilateralBench.AllCosigned r = new MultilateralBench.AllCosigned(2);
    r.record("P02", 3);
    assertThat(r.covered()).as("P03 has cosigned nothing yet").isZero();
    assertThat(r.at(0)).isEqualTo(-1);
    r.record("P03", 2);
    assertThat(r.covered()).isEqualTo(2);
    assertThat(r.at(1)).isPositive();
    assertThat(r.at(2)).as("entry 2: only P02 cosigned it").isEqualTo(-1);
    r.record("P03", 3);
    assertThat(r.at(2)).isGreaterThanOrEqualTo(r.at(1));
    assertThat(r.byPeer()).isEqualTo(Map.of("P02", 3L, "P03", 3L));
  }

  @Test
  @Timeout(180)
  void threePartiesReceiptEveryEntryFromBothPeers() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    List<MultilateralBench.Row> rows = new MultilateralBench(out, 1, 1, 5, false).run(dir, 3);
    assertThat(rows).hasSize(2);
    MultilateralBench.Row fixed = rows.get(0);
    assertThat(fixed.load()).isEqualTo("5/s");
    assertThat(fixed.sent()).isEqualTo(5);
    assertThat(fixed.receipted()).as(text.toString()).isEqualTo(5);
    assertThat(fixed.p99()).isPositive();
    // a checkpoint per push, never more than one per entry: from 2 (all five in one) to 10
    assertThat(fixed.pushes()).as(text.toString()).isBetween(2L, 10L);
    assertThat(fixed.cpuMsPerPush()).isPositive();
    assertThat(text.toString()).contains("pushed about once a second or more: 2 pairs at");
    assertThat(rows.get(1).receipted()).isEqualTo(rows.get(1).sent()).isPositive();
    assertThat(Files.readString(dir.resolve("P01/node.yaml"))).contains("P02", "P03");
    assertThat(text.toString()).contains("3 nodes stopped");
  }

  @Test
  void wrongSendersIsAUserError() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new FederationBenchCommand());
    cl.setErr(new PrintWriter(err));
    cl.setExecutionExceptionHandler((e, c, p) -> {
      c.getErr().println(e.getMessage());
      return 2;
    });
    assertThat(cl.execute("--parties", "3", "--senders", "some", "--dir", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--senders: 1 or all, not 'some'");
  }
}
