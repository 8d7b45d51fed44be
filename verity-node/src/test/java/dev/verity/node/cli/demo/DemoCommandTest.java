package dev.verity.node.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verity demo --headless} with two child node processes exits 0 once every receipt is in.
 */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(240)
  void headlessDemoGetsEveryReceipt() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new DemoCommand());
    cl.setOut(new PrintWriter(out));
    int rc = cl.execute("--headless", "--dir", dir.toString(), "--notifications", "10",
        "--timeout", "120");
    assertThat(rc).as(out.toString()).isZero();
    assertThat(out.toString()).contains("every message has its receipt")
        .contains("operator token vt_")
        .contains("US  http://127.0.0.1:").contains("RU  http://127.0.0.1:");
    // on the exercise clock every replayed message is sent an hour after its event: none is late
    assertThat(out.toString()).containsPattern("US obligations: [1-9][0-9]* met, 0 late, 0 missing")
        .containsPattern("RU obligations: [1-9][0-9]* met, 0 late, 0 missing");
    // the directory is kept, and said so, so that the logs can be inspected and verified
    assertThat(out.toString()).contains("nodes in " + dir + " (kept on exit")
        .contains("their directory is kept: " + dir);
    assertThat(dir.resolve("US/log/checkpoint")).exists();
    // the second act (issue 13): New START suspended by Russia on 21 February 2023, its own
    // obligations not missed; the 1988 and 1989 notifications go on, on time, on both nodes
    assertThat(out.toString())
        .contains("new-start: suspended by RU since 2023-02-21: Russia suspends")
        .contains("launch-notification-1988: in-force")
        .contains("major-strategic-exercises-1989: in-force");
    for (String p : List.of("US", "RU")) {
      assertThat(out.toString())
          .containsPattern(p + " sees: RU [0-9]+ sent .*obligations: 0 met, 0 late, 0 missing,"
              + " 0 due, 0 pending, [1-9][0-9]* suspended")
          .containsPattern(p + " sees: US 1 sent \\(1 receipted\\) RU 2 sent \\(2 receipted\\)"
              + " obligations: 3 met, 0 late, 0 missing")
          .containsPattern(p + " sees: US 1 sent \\(1 receipted\\) RU 1 sent \\(1 receipted\\)"
              + " obligations: 2 met, 0 late, 0 missing");
    }
    // the 1988 agreement's log is its own, beside the home agreement's
    assertThat(dir.resolve("US/agreements/launch-notification-1988/log/checkpoint")).exists();
  }

  /** SIGTERM stops the demo's nodes as the end of input does; --clean removes their directory. */
  @Test
  @Timeout(240)
  void sigtermStopsTheNodesAndCleanRemovesTheDirectory() throws Exception {
    Path demo = dir.resolve("demo");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.verity.node.cli.VerityCommand", "demo", "--dir", demo.toString(), "--notifications",
        "1", "--clean")
        .redirectErrorStream(true).start();
    List<Long> nodes = new ArrayList<>();
    StringBuilder after = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.contains("Press Enter")) {
        // the demo replays its messages, then waits for Enter
      }
      assertThat(line).as("the demo came up").isNotNull();
      for (String party : List.of("US", "RU")) {
        Path ports = demo.resolve(party + "/run/ports.json");
        nodes.add(new ObjectMapper().readTree(ports.toFile()).path("pid").asLong());
      }
      assertThat(nodes).allSatisfy(pid ->
          assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true));
      p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
      while ((line = out.readLine()) != null) { // until the demo has exited
        after.append(line).append('\n');
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    try {
      for (long pid : nodes) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("node %d: %s", pid, after).isFalse();
      }
    } finally { // should the demo have left a node running, it goes now
      nodes.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
    assertThat(demo).doesNotExist();
  }
}
