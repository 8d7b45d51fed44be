package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.entry.Envelope;
import dev.verity.node.json.CanonicalJson;
import dev.verity.tlog.log.LogWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's first finding, with real processes at the demo's heap (-Xmx256m, {@link Cluster}):
 * RU's log holds 3,000 entries of 60 KB (180 MB), which US mirrors; then each node restarts, and
 * both keep mirroring, cosigning and serving. Before, start-up read every entry into memory and
 * died of OutOfMemoryError.
 */
@Timeout(600)
class BigPeerRestartTest {
  static final int ENTRIES = 3000;
  static final int ENTRY_BYTES = 60_000;

  @TempDir Path root;

  @Test
  void aNodeRestartsWithinItsHeapAfterMirroring180MegabytesAndGoesOn() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("new-start", "US");
      Member ru = c.init("new-start", "RU");
      c.pinAll();
      long t0 = System.nanoTime();
      writeBigEntries(ru);
      System.out.printf("TIMING written %.1f s%n", (System.nanoTime() - t0) / 1e9);
      c.startAll();
      System.out.printf("TIMING started %.1f s%n", (System.nanoTime() - t0) / 1e9);
      awaitMirrored(us, ru, ENTRIES);
      System.out.printf("TIMING mirrored %.1f s%n", (System.nanoTime() - t0) / 1e9);
      var decl = DemoScenario.submissions("RU", 0, 1).get(0);
      submit(ru, decl.clientId(), decl.type(), decl.message());
      long declared = size(ru);
      awaitMirrored(us, ru, declared);

      c.stop(us); // each restarts within 256 MB: US with RU's 180 MB mirrored, RU with its own log
      c.start(us);
      c.awaitUp(us);
      System.out.printf("TIMING us restarted %.1f s%n", (System.nanoTime() - t0) / 1e9);
      c.stop(ru);
      c.start(ru);
      c.awaitUp(ru);
      System.out.printf("TIMING ru restarted %.1f s%n", (System.nanoTime() - t0) / 1e9);

      submit(
          ru,
          "after-restart",
          "bomber-exercise",
          Cluster.JSON.readTree("{\"eventTime\":\"2020-09-02T00:00:00Z\"}"));
      awaitMirrored(us, ru, declared + 1);
      assertThat(getJson(us, "/api/v1/inventory").path("parties").path("RU"))
          .isEqualTo(getJson(ru, "/api/v1/inventory").path("parties").path("RU"));
      Cluster.verifyProof(getJson(us, "/api/v1/messages/RU/" + (ENTRIES - 1)));
      Cluster.verifyProof(getJson(us, "/api/v1/messages/RU/" + declared));
      assertThat(getJson(us, "/api/v1/messages?limit=10000").path("messages").size())
          .isGreaterThan(ENTRIES);
      assertThat(getJson(us, "/api/v1/log").path("alarms")).isEmpty();
    }
  }

  /**
   * RU's log, written while RU is stopped: entries of a type the agreement does not know, 60 KB
   * each.
   */
  private static void writeBigEntries(Member ru) throws Exception {
    try (LogWriter log = Cluster.ownLogWriter(ru, "new-start")) {
      for (int i = 0; i < ENTRIES; i += 100) {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        for (int j = i; j < i + 100; j++) {
          done.add(log.appendAsync(padding(j)));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
      }
    }
  }

  /** A canonical envelope of about 60 KB: strings within the input rules' 4,096 characters. */
  static byte[] padding(int i) {
    ObjectNode body = CanonicalJson.mapper().createObjectNode();
    ArrayNode pad = body.putArray("pad");
    String chunk = ("%05d".formatted(i)).repeat(800);
    for (int k = 0; k < ENTRY_BYTES / chunk.length(); k++) {
      pad.add(chunk);
    }
    return new Envelope(
            Envelope.VERSION,
            "new-start",
            "RU",
            "padding",
            "pad-" + i,
            Instant.parse("2020-09-01T00:00:00Z"),
            body)
        .encode();
  }

  private static void submit(Member m, String clientId, String type, JsonNode message)
      throws Exception {
    ObjectNode r = CanonicalJson.mapper().createObjectNode();
    r.put("clientId", clientId).put("type", type).set("message", message);
    var answer = post(m, "/api/v1/messages", r.toString(), m.operator);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
  }

  private static long size(Member m) throws Exception {
    return getJson(m, "/api/v1/log").path("size").asLong();
  }

  /** Waits until US has mirrored RU's log up to {@code size} and RU holds US's receipt for it. */
  private static void awaitMirrored(Member us, Member ru, long size) throws Exception {
    await(
        "US mirrored " + size + " of RU's entries",
        Duration.ofSeconds(240),
        () -> {
          JsonNode peers = getJson(us, "/api/v1/log").path("peers");
          return peers.get(0).path("mirroredSize").asLong() >= size
              && getJson(ru, "/api/v1/log").path("peers").get(0).path("cosignedSize").asLong()
                  >= size;
        });
  }
}
