package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.config.ConnectionLimits;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.PeerClient.Answer;
import dev.verity.node.runtime.Node;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push is a buffered POST on a kept-alive connection, no longer probed before it is sent (D93).
 * When the peer has closed that connection while it was idle, the next push must still be
 * answered, on a new connection: a failure would cost the publisher a backoff and the operator a
 * warning.
 */
@Timeout(60)
class PeerClientReuseTest {
  static final int IDLE_SECONDS = 1;

  @TempDir Path root;

  @Test
  void aPushAfterThePeerClosedTheIdleConnectionIsAnswered() throws Exception {
    Cluster c = new Cluster(root);
    Member us = c.init("new-start", "US");
    Member ru = c.init("new-start", "RU");
    c.pin(us, ru, "https://127.0.0.1:1/"); // RU is the test
    NodeConfig cfg = NodeConfig.read(us.dir);
    cfg.withLimits(null, new ConnectionLimits(10, 10, IDLE_SECONDS, 4096, 16), 0).write(us.dir);
    try (Node node = Node.start(us.dir)) {
      assertThat(node.peerPort()).isEqualTo(us.peerPort);
      PeerClient asRu = Cluster.peerClient(ru, "new-start", us);
      Answer first = asRu.addCheckpoint("not an add-checkpoint request 1");
      // the peer port closes a connection idle for IDLE_SECONDS (Jetty's idle timeout)
      Thread.sleep(IDLE_SECONDS * 1000L + 1500);
      Answer second = asRu.addCheckpoint("not an add-checkpoint request 2");
      assertThat(first.status()).isEqualTo(400);
      assertThat(second.status()).as("answered on a new connection").isBetween(400, 429);
    }
  }
}
