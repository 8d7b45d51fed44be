package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.selection.Canonical;
import dev.verity.core.selection.SecretCommitment;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Two exercise nodes (US and RU) driven step by step, as the Parties' operators would: both
 * exercise clocks moved to the same instant, steps submitted through the API with the operator's
 * token, and each node waited for until it has mirrored the other's whole log. Shared by the tests
 * that script inspections between two node processes.
 */
final class ExerciseParties {
  static final SecureRandom RANDOM = new SecureRandom();

  final Member us;
  final Member ru;
  private Instant now;
  private int step;

  ExerciseParties(Member us, Member ru, Instant start) {
    this.us = us;
    this.ru = ru;
    this.now = start;
  }

  /** The instant both exercise clocks are at. */
  Instant now() {
    return now;
  }

  /** Moves both exercise clocks to the same instant, {@code d} later; returns it. */
  Instant advance(Duration d) throws Exception {
    now = now.plus(d);
    for (Member m : List.of(us, ru)) {
      HttpResponse<String> r = post(m, "/api/v1/exercise/clock", "{\"advanceTo\":\"" + now + "\"}", m.operator);
      assertThat(r.statusCode()).as(m.party + " clock: " + r.body()).isEqualTo(200);
    }
    return now;
  }

  /** The node's answer to the step, with its HTTP status as {@code status}. */
  JsonNode submit(Member m, String type, ObjectNode message) throws Exception {
    ObjectNode body = Cluster.JSON.createObjectNode();
    body.put("clientId", m.party + "-" + (++step));
    body.put("type", type);
    body.set("message", message);
    HttpResponse<String> r = post(m, "/api/v1/messages", body.toString(), m.operator);
    JsonNode j = json(r);
    ((ObjectNode) j).put("status", r.statusCode());
    return j;
  }

  /** Submits on {@code m}, expects it accepted, and waits until the peer has it. */
  void accept(Member m, String type, ObjectNode message) throws Exception {
    JsonNode r = submit(m, type, message);
    assertThat(r.path("status").asInt()).as("%s %s: %s", m.party, type, r).isEqualTo(201);
    sync();
  }

  /** Submits on {@code m} and expects the rules to refuse it with {@code refusal}, nothing appended. */
  void refused(Member m, String type, ObjectNode message, String refusal) throws Exception {
    long size = getJson(m, "/api/v1/log").path("size").asLong();
    JsonNode r = submit(m, type, message);
    assertThat(r.path("status").asInt()).as("%s %s: %s", m.party, type, r).isEqualTo(422);
    assertThat(r.path("refusal").asText()).as(r.toString()).isEqualTo(refusal);
    assertThat(r.path("reason").asText()).isNotBlank();
    assertThat(getJson(m, "/api/v1/log").path("size").asLong()).as("nothing appended").isEqualTo(size);
  }

  /**
   * Waits until each node has mirrored the other's whole log and folded it: a node stores mirrored
   * entries (its mirrored size moves) a moment before its projections apply them, and the next step
   * is checked against those projections, so both nodes' inspections and commission must agree too.
   */
  void sync() throws Exception {
    await("both logs mirrored and folded", Duration.ofSeconds(30), () -> {
      JsonNode a = getJson(us, "/api/v1/log");
      JsonNode b = getJson(ru, "/api/v1/log");
      return a.path("peers").get(0).path("mirroredSize").asLong() == b.path("size").asLong()
          && b.path("peers").get(0).path("mirroredSize").asLong() == a.path("size").asLong()
          && getJson(us, "/api/v1/inspections").equals(getJson(ru, "/api/v1/inspections"))
          && getJson(us, "/api/v1/commission").equals(getJson(ru, "/api/v1/commission"));
    });
  }

  /** The latest checkpoint of both logs (origin, size, root hash), as the selection commitment fixes them. */
  ArrayNode checkpoints() throws Exception {
    ArrayNode out = Cluster.JSON.createArrayNode();
    for (Member m : List.of(us, ru)) {
      String[] lines = getJson(m, "/api/v1/log").path("checkpoint").asText().split("\n");
      out.add(obj("party", m.party, "origin", lines[0], "size", Long.parseLong(lines[1]), "rootHash", lines[2]));
    }
    return out;
  }

  /**
   * The verifiable selection of inspection {@code id}: US commits to a fresh secret (fixing both
   * logs' latest checkpoints), RU answers with its own, US reveals, ten minutes apart. Returns the
   * selection as the API then shows it.
   */
  JsonNode select(String id, int bomberCount) throws Exception {
    String secret = hex(32);
    ObjectNode commit = obj("inspection", id, "commitment",
        Canonical.hex(SecretCommitment.commit(us.party, id, Canonical.unhex(secret))), "bomberCount", bomberCount);
    commit.set("checkpoints", checkpoints());
    accept(us, "inspection-selection-commit", commit);
    advance(Duration.ofMinutes(10));
    accept(ru, "inspection-selection-answer", obj("inspection", id, "secret", hex(32)));
    advance(Duration.ofMinutes(10));
    accept(us, "inspection-selection-reveal", obj("inspection", id, "secret", secret));
    return getJson(us, "/api/v1/inspections/" + id).path("selection");
  }

  /** A JSON object from name, value pairs: whole numbers as numbers, null as null, anything else as its text. */
  static ObjectNode obj(Object... kv) {
    ObjectNode o = Cluster.JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v == null) {
        o.putNull((String) kv[i]);
      } else if (v instanceof Integer n) {
        o.put((String) kv[i], n);
      } else if (v instanceof Long n) {
        o.put((String) kv[i], n);
      } else {
        o.put((String) kv[i], v.toString());
      }
    }
    return o;
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Canonical.hex(b);
  }

  static String sha256(String s) throws Exception {
    return Canonical.hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
