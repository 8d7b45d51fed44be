package dev.verity.node.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.bench.LoopbackPorts;
import dev.verity.node.cli.node.NodeCommandTest.Run;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.runtime.Participation;
import dev.verity.node.submit.SubmitRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code node init --origin}: the log origins start with the host the operator chose. */
class NodeOriginTest {
  private static final String LINE = "us-ru-military-line";
  @TempDir Path root;

  private Run init(String party, int peerPort, String... origin) {
    String[] base = {"node", "init", "--party", party, "--agreements", "new-start," + LINE,
        "--dir", root.resolve(party).toString(), "--api-port", "0", "--peer-port",
        "" + peerPort};
    String[] all = Arrays.copyOf(base, base.length + origin.length);
    System.arraycopy(origin, 0, all, base.length, origin.length);
    return NodeCommandTest.cli(all);
  }

  @Test
  void theChosenHostNamesEveryLogAndPeersFollowIt() throws Exception {
    int usPort = LoopbackPorts.shared().next();
    int ruPort = LoopbackPorts.shared().next();
    Run us = init("US", usPort, "--origin", "treaty.example.gov");
    assertThat(us.code()).as(us.err()).isZero();
    assertThat(us.out()).contains("origin:         treaty.example.gov/new-start/US");
    assertThat(init("RU", ruPort).code()).isZero(); // the default, as before
    PublicIdentity usId = NodeIdentity.readPublic(root.resolve("US/identity.json"));
    PublicIdentity ruId = NodeIdentity.readPublic(root.resolve("RU/identity.json"));
    assertThat(usId.origin()).isEqualTo("treaty.example.gov/new-start/US");
    assertThat(usId.witnessKey()).startsWith("witness.treaty.example.gov/US+");
    assertThat(ruId.origin()).isEqualTo("verity.example/new-start/RU");
    assertThat(usId.forAgreement(LINE).origin()).isEqualTo("treaty.example.gov/" + LINE + "/US");
    peer("US", "RU", ruPort);
    peer("RU", "US", usPort);
    assertThat(NodeConfig.read(root.resolve("RU")).forAgreement(LINE).peers().get(0).identity()
        .origin()).isEqualTo("treaty.example.gov/" + LINE + "/US");
    try (Node usNode = Node.start(root.resolve("US"));
        Node ruNode = Node.start(root.resolve("RU"))) {
      Participation line = usNode.participation(LINE).orElseThrow();
      assertThat(line.identity().publicIdentity().origin())
          .isEqualTo("treaty.example.gov/" + LINE + "/US");
      CompletableFuture<Long> receipt = new CompletableFuture<>();
      line.onReceipt((peer, size) -> receipt.complete(size));
      var msg = CanonicalJson.mapper().readTree("{\"message\":\"m-1\",\"to\":\"RU\","
          + "\"priority\":\"routine\",\"text\":\"hello\",\"language\":\"en\"}");
      long index = line.submitter().submit(new SubmitRequest("m-1", "line-message", msg), "test")
          .index();
      // RU cosigned a checkpoint it verified under the chosen origin
      assertThat(receipt.get(60, TimeUnit.SECONDS)).isGreaterThan(index);
    }
  }

  @Test
  void refusesWhatIsNotAHostName() {
    Run scheme = init("US", 0, "--origin", "https://treaty.example.gov");
    assertThat(scheme.code()).isNotZero();
    assertThat(scheme.err()).contains("--origin https://treaty.example.gov: a host name only")
        .doesNotContain("Exception");
    Run bad = init("US", 0, "--origin", "Treaty_Office+gov");
    assertThat(bad.err()).contains("--origin Treaty_Office+gov: not a host name");
    assertThat(root.resolve("US/node.yaml")).doesNotExist();
  }

  private void peer(String at, String other, int port) {
    Run r = NodeCommandTest.cli("node", "peer", "add", "--dir", root.resolve(at).toString(),
        "--identity", root.resolve(other).resolve("identity.json").toString(),
        "--url", "https://127.0.0.1:" + port + "/");
    assertThat(r.code()).as(r.err()).isZero();
  }
}
