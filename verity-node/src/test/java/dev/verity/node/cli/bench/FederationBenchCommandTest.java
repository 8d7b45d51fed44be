package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench runs and reports every offered message as receipted (figures are not asserted). */
class FederationBenchCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void reportsLatencyAndThroughput() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new FederationBenchCommand());
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--rates", "50", "--seconds", "1", "--dir", dir.toString())).isZero();
    assertThat(out.toString()).contains("p50 ms").containsPattern("(?m)^50\\s+50\\s+50\\s")
        .containsPattern("(?m)^max\\s+1000\\s+1000\\s");
  }
}
