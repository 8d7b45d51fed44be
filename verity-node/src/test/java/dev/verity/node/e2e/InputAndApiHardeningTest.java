package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.get;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.runtime.Node;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator API of one exercise node against the input findings of issue 11: each is refused
 * with 400 naming the field, before anything is appended; and the API's own hardening (a
 * case-insensitive Bearer scheme, nosniff and no-store, owner-only files).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class InputAndApiHardeningTest {
  @TempDir static Path root;
  Member us;
  Node node;

  @BeforeAll
  void start() throws Exception {
    Cluster c = new Cluster(root);
    us = c.init("new-start", "US", "--exercise", "--exercise-start", "2020-03-02T00:00:00Z");
    node = Node.start(us.dir);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private JsonNode refused(String request, String field) throws Exception {
    long before = node.store().countMessages("US");
    HttpResponse<String> r = post(us, "/api/v1/messages", request, us.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode body = json(r);
    assertThat(body.path("field").asText()).isEqualTo(field);
    assertThat(node.store().countMessages("US")).as("nothing appended").isEqualTo(before);
    return body;
  }

  private static String moved(String clientId, String item) {
    return "{\"clientId\":\""
        + clientId
        + "\",\"type\":\"item-moved\",\"message\":{\"eventTime\":"
        + "\"2020-09-01T00:00:00Z\",\"item\":\""
        + item
        + "\",\"facility\":\"US-MINOT-AIR\"}}";
  }

  @Test
  void twoIdsThatDifferOnlyInALoneSurrogateAreBothRefused() throws Exception {
    // both would sign as "US-F?" (Java writes a lone surrogate so in UTF-8) and count as two items
    assertThat(refused(moved("s-1", "US-F\\ud800"), "message.item").path("error").asText())
        .contains("lone UTF-16 surrogate");
    assertThat(refused(moved("s-2", "US-F\\udfff"), "message.item").path("error").asText())
        .contains("lone UTF-16 surrogate");
  }

  @Test
  void nulAndBidiControlsAreRefusedInIdentifiersAndNames() throws Exception {
    refused(moved("n-1", "US-F\\u0000"), "message.item");
    refused(moved("n-2", "US-\\u202eF1"), "message.item");
    refused(
        "{\"clientId\":\"n-3\",\"type\":\"declaration\",\"message\":{\"asOf\":\"2020-09-01\","
            + "\"facilities\":[{\"id\":\"US-F1\",\"name\":\"Base \\u202eA\","
            + "\"kind\":\"air-base\"}],\"items\":[]}}",
        "message.facilities[0].name");
  }

  @Test
  void aFractionOrAStringIsNotAnInteger() throws Exception {
    refused(
        "{\"clientId\":\"i-1\",\"type\":\"bomber-exercise\",\"message\":{"
            + "\"eventTime\":\"2020-09-01T00:00:00Z\",\"number\":871.7}}",
        "message.number");
    refused(
        "{\"clientId\":\"i-2\",\"type\":\"warheads-changed\",\"message\":{"
            + "\"eventTime\":\"2020-09-01T00:00:00Z\",\"item\":\"US-M-1\",\"warheads\":4.5}}",
        "message.warheads");
  }

  @Test
  void instantsHaveAFourDigitYear() throws Exception {
    JsonNode e =
        refused(
            "{\"clientId\":\"t-1\",\"type\":\"bomber-exercise\",\"message\":{\"eventTime\":"
                + "\"+999999999-12-31T23:59:59Z\"}}",
            "message.eventTime");
    assertThat(e.path("error").asText()).contains("four-digit year").doesNotContain("java.time");
    HttpResponse<String> r = get(us, "/api/v1/compliance?asOf=%2B999999999-01-01", us.viewer);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("field").asText()).isEqualTo("asOf");
  }

  @Test
  void theExerciseClockStopsAYearAfterTheAgreementEnds() throws Exception {
    HttpResponse<String> r =
        post(us, "/api/v1/exercise/clock", "{\"advanceTo\":\"9999-12-31T00:00:00Z\"}", us.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).path("field").asText()).isEqualTo("advanceTo");
    assertThat(json(r).path("error").asText()).contains("2026-02-05");
    assertThat(
            post(
                    us,
                    "/api/v1/exercise/clock",
                    "{\"advanceTo\":\"+999999999-01-01T00:00:00Z\"}",
                    us.operator)
                .statusCode())
        .isEqualTo(400);
    assertThat(node.clock().instant().toString()).isEqualTo("2020-03-02T00:00:00Z");
    assertThat(
            post(
                    us,
                    "/api/v1/exercise/clock",
                    "{\"advanceTo\":\"2020-03-03T00:00:00Z\"}",
                    us.operator)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    for (String scheme : new String[] {"bearer", "BEARER", "Bearer"}) {
      HttpResponse<String> r =
          Cluster.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + us.apiPort + "/api/v1/session"))
                  .header("Authorization", scheme + " " + us.viewer)
                  .GET(),
              null);
      assertThat(r.statusCode()).as(scheme).isEqualTo(200);
    }
  }

  @Test
  void apiAnswersAreNeitherSniffedNorStored() throws Exception {
    for (String path : new String[] {"/api/v1/session", "/api/v1/log", "/api/v1/nowhere"}) {
      HttpResponse<String> r = get(us, path, us.viewer);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
    }
  }

  @Test
  void theNodesFilesAreItsOwnersOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(us.dir)))
        .isEqualTo("rwx------");
    for (String f : new String[] {"node.db", "escrow.db"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(us.dir.resolve(f))))
          .as(f)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void alarmsAndProblemsArePaged() throws Exception {
    JsonNode alarms = json(get(us, "/api/v1/alarms?offset=0&limit=5", us.viewer));
    assertThat(alarms.path("total").asLong()).isZero();
    assertThat(alarms.path("alarms").isArray()).isTrue();
    JsonNode problems = json(get(us, "/api/v1/problems?limit=5", us.viewer));
    assertThat(problems.path("problems").isArray()).isTrue();
    assertThat(get(us, "/api/v1/alarms?offset=x", us.viewer).statusCode()).isEqualTo(400);
  }
}
