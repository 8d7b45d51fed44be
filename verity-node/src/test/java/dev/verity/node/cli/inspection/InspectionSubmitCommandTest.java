package dev.verity.node.cli.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.runtime.Node;
import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verity inspection submit} against a node running in this process (an exercise node on free ports). */
class InspectionSubmitCommandTest {
  @TempDir Path dir;

  @Test
  void submitsAStepAndReportsARefusal() throws Exception {
    Path nodeDir = dir.resolve("US");
    Cli.Result init = Cli.run("node", "init", "--party", "US", "--agreement", "new-start", "--dir", nodeDir.toString(),
        "--api-port", "0", "--peer-port", "0", "--exercise", "--exercise-start", "2020-03-10T00:00:00Z");
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("exercise node");
    String token = init.out().lines().filter(l -> l.startsWith("operator token:")).findFirst().orElseThrow()
        .substring("operator token:".length()).trim();
    Path notice = dir.resolve("notice.json");
    Files.writeString(notice, "{\"inspection\":\"US-1\",\"inspectedParty\":\"RU\",\"pointOfEntry\":\"Moscow\","
        + "\"arrivalTime\":\"2020-03-11T12:00:00Z\"}");
    Path second = dir.resolve("second.json");
    Files.writeString(second, Files.readString(notice).replace("US-1", "US-2"));
    try (Node node = Node.start(nodeDir)) {
      String url = "http://127.0.0.1:" + node.apiPort() + "/";
      Cli.Result ok = Cli.run("inspection", "submit", "--node", url, "--token", token, "--type", "inspection-notice",
          "--message", notice.toString(), "--client-id", "n-1");
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("appended as entry US/0");
      Cli.Result again = Cli.run("inspection", "submit", "--node", url, "--token", token, "--type", "inspection-notice",
          "--message", notice.toString(), "--client-id", "n-1");
      assertThat(again.out()).contains("already appended");
      Cli.Result refused = Cli.run("inspection", "submit", "--node", url, "--token", token, "--type", "inspection-notice",
          "--message", second.toString());
      assertThat(refused.exit()).isEqualTo(InspectionSubmitCommand.EXIT_REFUSED);
      assertThat(refused.err()).contains("OneAtATime").contains("US-1");
      Cli.Result noToken = Cli.run("inspection", "submit", "--node", url, "--token", "vt_wrong", "--type",
          "inspection-notice", "--message", second.toString());
      assertThat(noToken.exit()).isEqualTo(1);
      assertThat(noToken.err()).contains("HTTP 401");
      assertThat(node.projections().nextIndex("US")).isEqualTo(1);
    }
  }
}
