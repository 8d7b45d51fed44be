package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchTlogCommandTest {
  @TempDir Path tmp;

  @Test
  void printsEachFigureBesideItsBaseline() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new BenchTlogCommand());
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("--dir", tmp.resolve("work").toString(), "--entries", "512",
        "--appenders", "8", "--rounds", "1", "--max-size", "10000");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("Durable append throughput", "baseline: plain loop", "Latency by log size",
            "10,000", "Full-log verification", "raw SHA-256",
            // 256-byte entries: a 257-byte leaf is 5 blocks, a 65-byte node 2
            "SHA-256 blocks per entry: audit 7.00 (leaf 5, node 2)",
            "reading the files alone (as the baseline does)", "ceilings, reading included",
            "the audit's own work beyond reading and those calls")
        .containsPattern("ratio:? \\d+\\.\\d\\d");
    assertThat(tmp.resolve("work")).exists(); // --dir is kept
  }

  @Test
  void deletesItsTemporaryDirectory() throws Exception {
    StringWriter printed = new StringWriter();
    CommandLine cl = new CommandLine(new BenchTlogCommand());
    cl.setOut(new PrintWriter(printed));
    assertThat(cl.execute("--entries", "64", "--appenders", "4", "--max-size", "10000"))
        .isZero();
    // the work directory it names is gone (counting /tmp's entries would race other builds)
    Matcher m = Pattern.compile("work dir (\\S+)").matcher(printed.toString());
    assertThat(m.find()).as(printed.toString()).isTrue();
    Path work = Path.of(m.group(1));
    assertThat(work.getFileName().toString()).startsWith("verity-bench-tlog");
    assertThat(work).doesNotExist();
  }
}
