package dev.verity.node.cli.node;

import static dev.verity.node.cli.node.NodeCommandTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.node.NodeCommandTest.Run;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.identity.NodeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity node init --agreements}, {@code node agreement join|leave|list} and {@code node
 * peer add --agreements}: one identity in several agreements, peers pinned once with the
 * agreements shared with them.
 */
class AgreementCommandsTest {
  @TempDir Path root;

  @Test
  void aNodeJoinsListsAndLeavesAgreementsAndKeepsTheDataOfOneItLeft() throws Exception {
    Path us = root.resolve("us");
    Run init = cli("node", "init", "--party", "US", "--agreements",
        "new-start,trilateral-talks-2026", "--dir", us.toString(), "--api-port", "0",
        "--peer-port", "0");
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out()).contains("node US (new-start, trilateral-talks-2026) created");
    assertThat(NodeConfig.read(us).agreements())
        .containsExactly("new-start", "trilateral-talks-2026");
    assertThat(NodeIdentity.readPublic(us.resolve("identity.json")).agreements())
        .containsExactly("new-start", "trilateral-talks-2026");
    Run list = cli("node", "agreement", "list", "--dir", us.toString());
    assertThat(list.out()).containsPattern("new-start\\s+party .*\\(home\\)")
        .containsPattern("trilateral-talks-2026\\s+mediator\\s+\\S*agreements/trilateral");

    Run join = cli("node", "agreement", "join", "--dir", us.toString(), "--agreement",
        "us-ru-military-line");
    assertThat(join.code()).as(join.err()).isZero();
    assertThat(NodeConfig.read(us).agreements()).endsWith("us-ru-military-line");
    assertThat(cli("node", "agreement", "join", "--dir", us.toString(), "--agreement",
        "us-ru-military-line", "--peers", "RU").err()).contains("this node is in it");

    Files.createDirectories(us.resolve("agreements/us-ru-military-line/log"));
    Files.writeString(us.resolve("agreements/us-ru-military-line/log/checkpoint"), "kept");
    Run leave = cli("node", "agreement", "leave", "--dir", us.toString(), "--agreement",
        "us-ru-military-line");
    assertThat(leave.code()).as(leave.err()).isZero();
    assertThat(leave.out()).contains("its data stays in");
    assertThat(NodeConfig.read(us).agreements()).doesNotContain("us-ru-military-line");
    assertThat(us.resolve("agreements/us-ru-military-line/log/checkpoint")).hasContent("kept");
    assertThat(cli("node", "agreement", "leave", "--dir", us.toString(), "--agreement",
        "new-start").err()).contains("home agreement");
    assertThat(cli("node", "init", "--party", "US", "--dir", root.resolve("x").toString()).err())
        .contains("give --agreement NAME or --agreements");
  }

  @Test
  void aPeerIsPinnedOnceWithTheAgreementsSharedWithIt() throws Exception {
    Path us = root.resolve("us");
    Path ua = root.resolve("ua");
    assertThat(cli("node", "init", "--party", "US", "--agreements",
        "new-start,trilateral-talks-2026", "--dir", us.toString()).code()).isZero();
    assertThat(cli("node", "init", "--party", "UA", "--agreements", "trilateral-talks-2026",
        "--dir", ua.toString()).code()).isZero();
    Run add = cli("node", "peer", "add", "--dir", ua.toString(), "--identity",
        us.resolve("identity.json").toString(), "--url", "https://127.0.0.1:7381/");
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).contains("for trilateral-talks-2026");
    var peer = NodeConfig.read(ua).peers().get(0);
    assertThat(peer.agreements()).containsExactly("trilateral-talks-2026");
    // kept as seen in the shared agreement: UA's directory names no agreement it is not in
    assertThat(Files.readString(ua.resolve("node.yaml"))).doesNotContain("new-start");
    assertThat(peer.identity().origin()).isEqualTo("verity.example/trilateral-talks-2026/US");
    assertThat(cli("node", "peer", "add", "--dir", ua.toString(), "--identity",
        us.resolve("identity.json").toString(), "--url", "https://127.0.0.1:7381/",
        "--agreements", "new-start").err()).contains("this node is not in new-start");
    assertThat(cli("node", "agreement", "join", "--dir", ua.toString(), "--agreement",
        "us-ru-military-line").err()).contains("--party UA: not a Party");
  }
}
