package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.e2e.Cluster.Member;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers pinned and unpinned while the nodes run (issue 17), with real processes: US and RU run
 * pinned to each other; CN, a third participant, is pinned on both with {@code verity node peer
 * add} while they run, and receipts flow both ways with it; then US unpins it, and from then on
 * US refuses CN at its peer port while RU still witnesses it. Each change is in US's audit
 * trail.
 */
class LivePeersTest {
  private static final String AGREEMENT = "trilateral-hypothetical";
  @TempDir Path root;

  @Test
  @Timeout(300)
  void aThirdNodeAddedLiveGetsReceiptsAndARemovedOneIsRefused() throws Exception {
    try (Cluster c = new Cluster(root)) {
      String[] clock = {"--exercise", "--exercise-start", "2027-09-02T00:00:00Z"};
      Member us = c.init(AGREEMENT, "US", clock);
      Member ru = c.init(AGREEMENT, "RU", clock);
      Member cn = c.init(AGREEMENT, "CN", clock);
      c.pin(us, ru, ru.peerUrl());
      c.pin(ru, us, us.peerUrl());
      c.pin(cn, us, us.peerUrl());
      c.pin(cn, ru, ru.peerUrl());
      c.startAll();
      submit(us, 0);
      Cluster.await("US receipted by RU", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));

      c.pin(us, cn, cn.peerUrl()); // live: no restart of US or RU
      c.pin(ru, cn, cn.peerUrl());
      submit(us, 1);
      submit(cn, 2);
      Cluster.await("CN receipts US's entries, US and RU CN's", Duration.ofSeconds(90),
          () -> cosignedBy(us, "CN") && Cluster.allCosigned(cn));
      assertThat(mirrored(us, "CN")).isEqualTo(size(cn));

      Cluster.cli("node", "peer", "remove", "--dir", us.dir.toString(), "--party", "CN");
      Cluster.await("CN gone from US's peers", Duration.ofSeconds(30),
          () -> getJson(us, "/api/v1/log").path("peers").size() == 1);
      submit(cn, 3);
      JsonNode refused = PeerLastErrorTest.awaitError(cn, "US", null);
      // under TLS 1.3 the peer's refusal alert often goes unread: "network" (D78)
      assertThat(refused.path("kind").asText())
          .isIn("http", "tls-refused-by-peer", "tls-handshake", "network");
      if (refused.path("kind").asText().equals("http")) {
        assertThat(refused.path("status").asInt()).isEqualTo(403);
      }
      Cluster.await("RU still receipts CN", Duration.ofSeconds(60), () -> cosignedBy(cn, "RU"));
      assertThat(peer(cn, "US").path("cosignedSize").asLong()).isLessThan(size(cn));

      JsonNode audit = Cluster.json(Cluster.get(us,
          "/api/v1/audit?action=peers-reloaded", us.operator));
      assertThat(audit.toString()).contains("started [CN]").contains("stopped [CN]");
    }
  }

  private static void submit(Member m, int i) throws Exception {
    ObjectNode ex = (ObjectNode) Cluster.JSON.readTree(Cluster.exercise(m.party + "-" + i, i));
    String body = ThreeNodeEndToEndTest.sevenYearsOn(ex).toString();
    assertThat(post(m, "/api/v1/messages", body, m.operator).statusCode()).isEqualTo(201);
  }

  private static long size(Member m) throws Exception {
    return getJson(m, "/api/v1/log").path("size").asLong();
  }

  private static JsonNode peer(Member in, String party) throws Exception {
    for (JsonNode p : getJson(in, "/api/v1/log").path("peers")) {
      if (p.path("party").asText().equals(party)) {
        return p;
      }
    }
    return Cluster.JSON.missingNode();
  }

  private static boolean cosignedBy(Member m, String party) throws Exception {
    return peer(m, party).path("cosignedSize").asLong(-1) == size(m);
  }

  private static long mirrored(Member in, String party) throws Exception {
    return peer(in, party).path("mirroredSize").asLong();
  }
}
