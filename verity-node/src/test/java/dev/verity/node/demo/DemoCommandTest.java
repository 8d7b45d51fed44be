package dev.verity.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code verity demo --headless} with two child node processes exits 0 once every receipt is in. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(240)
  void headlessDemoGetsEveryReceipt() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new DemoCommand());
    cl.setOut(new PrintWriter(out));
    int rc = cl.execute("--headless", "--dir", dir.toString(), "--notifications", "10", "--timeout", "120");
    assertThat(rc).as(out.toString()).isZero();
    assertThat(out.toString()).contains("every message has its receipt").contains("operator token vt_")
        .contains("US  http://127.0.0.1:").contains("RU  http://127.0.0.1:");
    // on the exercise clock every replayed message is sent an hour after its event: none is late
    assertThat(out.toString()).containsPattern("US obligations: [1-9][0-9]* on-time, 0 late, 0 missing")
        .containsPattern("RU obligations: [1-9][0-9]* on-time, 0 late, 0 missing");
  }
}
