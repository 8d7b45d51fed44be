package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench mirrors, starts a node per size in its own JVM and prints a row each (figures are not
 * asserted).
 */
class StartupBenchCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(180)
  void startsANodePerSizeAndPrintsItsFigures() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new StartupBenchCommand());
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--entries", "300,600", "--kind", "opaque", "--dir", dir.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("after GC MB")
        .containsPattern("(?m)^\\s+300\\s+\\d")
        .containsPattern("(?m)^\\s+600\\s+\\d");
  }
}
