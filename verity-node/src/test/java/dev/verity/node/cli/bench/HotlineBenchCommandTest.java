package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The hotline bench runs with tiny parameters: every flash message receipted and acknowledged,
 * and the figures in a sane order (an acknowledgement needs the message at the other node, and
 * a receipt the entry durable first); timings themselves are not asserted.
 */
class HotlineBenchCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(180)
  void everyFlashReceiptedAndAcknowledgedWithRatiosToTheAppend() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new HotlineBenchCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("--messages", "3", "--interval-ms", "50", "--dir", dir.toString()))
        .as(() -> out + "\n" + err).isZero();
    String o = out.toString();
    assertThat(o).contains("flash messages: 3 sent, 3 receipted, 3 acknowledged");
    double append = p50(o, "append \\(sender, durable\\)");
    double receipt = p50(o, "technical receipt");
    double ack = p50(o, "acknowledgement at sender");
    assertThat(append).isPositive();
    assertThat(receipt).isGreaterThan(append);
    assertThat(ack).isGreaterThan(append);
    assertThat(o).containsPattern("(?m)^append \\(sender, durable\\)\\s+\\S+\\s+\\S+\\s+1\\.00\\s");
  }

  private static double p50(String out, String row) {
    Matcher m = Pattern.compile("(?m)^" + row + "\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)")
        .matcher(out);
    assertThat(m.find()).as(row + " in\n" + out).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
