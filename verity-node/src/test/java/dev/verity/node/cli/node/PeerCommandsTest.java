package dev.verity.node.cli.node;

import static dev.verity.node.cli.node.NodeCommandTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.node.NodeCommandTest.Run;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.AuditRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity node peer list|remove} and {@code peer add --replace} (issue 17): a Party pinned
 * again with other keys is refused unless the operator says so, and then the old pin is named;
 * every change is audited.
 */
class PeerCommandsTest {
  @TempDir Path root;

  private Path init(String name, String party) {
    Path dir = root.resolve(name);
    Run r = cli("node", "init", "--party", party, "--agreement", "new-start", "--dir",
        dir.toString(), "--api-port", "0", "--peer-port", "0");
    assertThat(r.code()).as(r.err()).isZero();
    return dir;
  }

  private static Run pin(Path in, Path peer, String... more) {
    String[] base = {"node", "peer", "add", "--dir", in.toString(), "--identity",
        peer.resolve("identity.json").toString(), "--url", "https://127.0.0.1:7381/"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return cli(args);
  }

  @Test
  void aPeerWithOtherKeysIsReplacedOnlyWhenAskedAndItsOldPinIsNamed() throws Exception {
    Path us = init("us", "US");
    Path ru = init("ru", "RU");
    Path rebuilt = init("ru-rebuilt", "RU");
    String oldPin = NodeIdentity.readPublic(ru.resolve("identity.json")).tlsPin();
    String newPin = NodeIdentity.readPublic(rebuilt.resolve("identity.json")).tlsPin();

    assertThat(pin(us, ru).code()).isZero();
    assertThat(pin(us, ru).code()).as("the same keys again: a new URL, say").isZero();
    Run refused = pin(us, rebuilt);
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("RU is pinned with TLS key sha256/" + oldPin)
        .contains("--replace");
    assertThat(NodeConfig.read(us).peers().get(0).identity().tlsPin()).isEqualTo(oldPin);

    Run replaced = pin(us, rebuilt, "--replace");
    assertThat(replaced.code()).as(replaced.err()).isZero();
    assertThat(replaced.err()).contains("warning: RU's pin replaced: TLS key sha256/" + newPin)
        .contains("(was sha256/" + oldPin + ")");
    assertThat(NodeConfig.read(us).peers()).singleElement()
        .satisfies(p -> assertThat(p.identity().tlsPin()).isEqualTo(newPin));

    Run list = cli("node", "peer", "list", "--dir", us.toString());
    assertThat(list.out()).containsPattern("RU\\s+https://127.0.0.1:7381/\\s+sha256/"
        + newPin.substring(0, 12) + "…\\s+new-start");

    Run removed = cli("node", "peer", "remove", "--dir", us.toString(), "--party", "RU");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(NodeConfig.read(us).peers()).isEmpty();
    assertThat(cli("node", "peer", "remove", "--dir", us.toString(), "--party", "RU").err())
        .contains("--party RU: not pinned");
    try (NodeStore store = NodeStore.open(NodeConfig.read(us), us)) {
      assertThat(store.auditTrail(10)).extracting(AuditRecord::action)
          .contains("peer-add", "peer-replace", "peer-remove");
      assertThat(store.auditTrail(10)).filteredOn(a -> a.action().equals("peer-replace"))
          .singleElement().satisfies(a -> assertThat(a.detail()).contains("was " + oldPin));
    }
  }
}
