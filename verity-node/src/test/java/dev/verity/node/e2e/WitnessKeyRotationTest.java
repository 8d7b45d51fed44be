package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.note.SignedNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witness key rotation announced in the log (issue 17), with real processes: US and RU run
 * pinned to each other; RU, stopped, rotates its witness key ({@code verity node key rotate
 * --witness}) and starts again; it announces the key in its log, US reads the announcement in
 * its mirror of RU and takes the key into node.yaml by itself (no operator edit), and once the
 * key is in effect US's new entries get receipts under it, while US's receipt from before
 * still verifies under RU's former key, which US keeps. A client cannot submit an announcement.
 */
class WitnessKeyRotationTest {
  private static final String AGREEMENT = "trilateral-hypothetical";
  private static final Pattern NEXT = Pattern.compile("next witness key (\\S+), used from (\\S+);");
  @TempDir Path root;

  @Test
  @Timeout(300)
  void rotatedWitnessKeyIsAnnouncedTakenByThePeerAndReceiptsVerifyUnderBoth() throws Exception {
    try (Cluster c = new Cluster(root)) {
      String[] clock = {"--exercise", "--exercise-start", "2027-09-02T00:00:00Z"};
      Member us = c.init(AGREEMENT, "US", clock);
      Member ru = c.init(AGREEMENT, "RU", clock);
      c.pin(us, ru, ru.peerUrl());
      c.pin(ru, us, us.peerUrl());
      c.startAll();
      submit(us, 0);
      Cluster.await("US receipted by RU", Duration.ofSeconds(60), () -> Cluster.allCosigned(us));
      Receipt before = receipt(us);
      String oldKey = ruAsPinnedBy(us).identity().witnessKey();
      assertThat(verifies(before, oldKey)).isTrue();
      assertThat(post(us, "/api/v1/messages", "{\"clientId\":\"k1\",\"type\":"
          + "\"key-announcement\",\"message\":{\"key\":\"witness\",\"newKey\":\"x\","
          + "\"effectiveAt\":\"2030-01-01T00:00:00Z\"}}", us.operator).statusCode())
          .isEqualTo(400);

      c.stop(ru);
      Matcher m = NEXT.matcher(Cluster.cli("node", "key", "rotate", "--dir", ru.dir.toString(),
          "--witness", "--effective-in", "25"));
      assertThat(m.find()).isTrue();
      String newKey = m.group(1);
      Instant effective = Instant.parse(m.group(2));
      byte[] usYaml = Files.readAllBytes(us.dir.resolve("node.yaml"));
      c.start(ru);
      c.awaitUp(ru);
      Cluster.await("US takes RU's announced key into node.yaml", Duration.ofSeconds(60),
          () -> ruAsPinnedBy(us).identity().witnessKey().equals(newKey));
      assertThat(Instant.now()).isBefore(effective); // announced before it is used
      assertThat(ruAsPinnedBy(us).formerWitnessKeys()).containsExactly(oldKey);
      assertThat(Files.readAllBytes(us.dir.resolve("node.yaml"))).isNotEqualTo(usYaml);

      Thread.sleep(Math.max(0, Duration.between(Instant.now(), effective).toMillis() + 1500));
      submit(us, 1);
      Cluster.await("US's new entry receipted by RU", Duration.ofSeconds(60),
          () -> Cluster.allCosigned(us));
      Receipt after = receipt(us);
      assertThat(after.size()).isGreaterThan(before.size());
      assertThat(verifies(after, newKey)).isTrue();
      assertThat(verifies(after, oldKey)).isFalse();
      assertThat(verifies(before, oldKey)).isTrue(); // the older receipt: still checkable
      JsonNode audit = Cluster.json(Cluster.get(us,
          "/api/v1/audit?action=peer-key-accepted", us.operator));
      assertThat(audit.toString()).contains("RU").contains(newKey);
    }
  }

  /** A receipt: the checkpoint body RU cosigned and its cosignature line. */
  record Receipt(long size, String body, String line) {}

  private static Receipt receipt(Member m) throws Exception {
    JsonNode peer = getJson(m, "/api/v1/log").path("peers").get(0);
    long size = peer.path("latestCosignature").path("size").asLong();
    JsonNode entry = getJson(m, "/api/v1/messages/" + m.party + "/" + (size - 1));
    String body = SignedNote.parse(entry.path("proof").path("checkpoint").asText()).text();
    assertThat(body).contains("\n" + size + "\n");
    return new Receipt(size, body, peer.path("latestCosignature").path("line").asText());
  }

  private static boolean verifies(Receipt r, String witnessKey) throws Exception {
    CosignatureVerifier v = CosignatureV1.parseVerifier(witnessKey);
    var sig = SignedNote.parse(r.body() + "\n" + r.line().strip() + "\n").signatures().get(0);
    if (sig.keyId() != v.keyId()) {
      return false;
    }
    v.verifyCosignature(r.body(), sig);
    return true;
  }

  static PeerConfig ruAsPinnedBy(Member us) throws Exception {
    return NodeConfig.read(us.dir).peers().stream().filter(p -> p.party().equals("RU"))
        .findFirst().orElseThrow();
  }

  static void submit(Member m, int i) throws Exception {
    ObjectNode ex = (ObjectNode) Cluster.JSON.readTree(Cluster.exercise(m.party + "-" + i, i));
    String body = ThreeNodeEndToEndTest.sevenYearsOn(ex).toString();
    assertThat(post(m, "/api/v1/messages", body, m.operator).statusCode()).isEqualTo(201);
  }
}
