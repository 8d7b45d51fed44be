package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.testing.Cli;
import dev.verity.node.testing.ExerciseNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error the issue lists, in plain words: the field named, what was expected, and never a
 * Java or Jackson class name. One exercise node in this process, on free ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainWordsTest {
  @TempDir static Path dir;
  ExerciseNode us;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    us = ExerciseNode.start(dir, "2020-03-02T00:00:00Z");
  }

  @AfterAll
  void stop() {
    us.close();
  }

  /** The answer's status, field and error; no answer may carry a class name. */
  record Answer(int status, String field, String error) {}

  Answer call(String method, String path, String body) throws Exception {
    HttpResponse<String> r = us.send(method, path, body);
    JsonNode j = CanonicalJson.mapper().readTree(r.body());
    assertThat(r.body()).doesNotContain("com.fasterxml", "java.", "`", "Exception", "Jackson");
    return new Answer(r.statusCode(), j.path("field").asText(null), j.path("error").asText(""));
  }

  Answer submit(String type, String message) throws Exception {
    return call(
        "POST",
        "/api/v1/messages",
        "{\"clientId\":\"c-"
            + System.nanoTime()
            + "\",\"type\":\""
            + type
            + "\",\"message\":"
            + message
            + "}");
  }

  @Test
  void aBadInstantSaysWhatAnInstantIs() throws Exception {
    for (String bad : new String[] {"\"2020-13-01T00:00:00Z\"", "\"yesterday\"", "1600000000"}) {
      Answer a = submit("bomber-exercise", "{\"eventTime\":" + bad + "}");
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.field()).isEqualTo("message.eventTime");
      assertThat(a.error())
          .startsWith("expected an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z");
    }
    Answer clock = call("POST", "/api/v1/exercise/clock", "{\"advanceTo\":\"soon\"}");
    assertThat(clock)
        .isEqualTo(
            new Answer(
                400,
                "advanceTo",
                "required: an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z (RFC 3339, a"
                    + " four-digit year)"));
  }

  @Test
  void aMistypedYearIsRefusedNamingTheField() throws Exception {
    Answer a = submit("launch", "{\"eventTime\":\"2099-09-01T00:00:00Z\",\"item\":\"X\"}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.field()).isEqualTo("message.eventTime");
    assertThat(a.error())
        .contains("more than 366 days ahead")
        .contains("eventWindow.advanceNoticeDays");
    a =
        submit(
            "item-moved",
            "{\"eventTime\":\"2029-09-01T00:00:00Z\",\"item\":\"X\",\"facility\":\"F\"}");
    assertThat(a.error()).contains("is in the future").contains("at most 24 hours ahead");
    a = submit("bomber-exercise", "{\"eventTime\":\"2009-09-01T00:00:00Z\"}");
    assertThat(a.error())
        .isEqualTo("2009-09-01T00:00:00Z is before new-start entered into force (2011-02-05)");
  }

  @Test
  void unknownFieldsAreRefusedAtEveryLevel() throws Exception {
    Answer top =
        call(
            "POST",
            "/api/v1/messages",
            "{\"clientId\":\"u1\",\"type\":\"bomber-exercise\","
                + "\"message\":{\"eventTime\":\"2020-03-01T00:00:00Z\"},\"colour\":\"red\"}");
    assertThat(top)
        .isEqualTo(
            new Answer(400, "colour", "unknown field 'colour' (known: clientId, message, type)"));
    Answer message =
        submit("bomber-exercise", "{\"eventTime\":\"2020-03-01T00:00:00Z\",\"colour\":\"red\"}");
    assertThat(message.field()).isEqualTo("message.colour");
    // the agreement's schema of the type names what it has (issue 12)
    assertThat(message.error()).isEqualTo("not a field of this message (its fields: eventTime)");
    Answer nested =
        submit(
            "item-added",
            "{\"eventTime\":\"2020-03-01T00:00:00Z\",\"item\":\"N1\","
                + "\"newItem\":{\"id\":\"N1\",\"kind\":\"heavy-bomber\",\"colour\":\"red\"}}");
    assertThat(nested.field()).isEqualTo("message.newItem.colour");
    Answer declaration =
        submit(
            "declaration",
            "{\"asOf\":\"2020-03-01\",\"facilities\":[],"
                + "\"items\":[{\"id\":\"a\",\"kind\":\"heavy-bomber\",\"colour\":1}]}");
    assertThat(declaration.field()).isEqualTo("message.items[0].colour");
    Answer correction = submit("correction", "{\"supersedes\":0,\"reason\":\"r\",\"colour\":1}");
    assertThat(correction.field()).isEqualTo("message.colour");
    Answer clock =
        call("POST", "/api/v1/exercise/clock", "{\"advanceTo\":\"2020-03-03T00:00:00Z\",\"by\":1}");
    assertThat(clock).isEqualTo(new Answer(400, "by", "unknown field 'by' (known: advanceTo)"));
  }

  @Test
  void aLimitOutOfRangeIsRefused() throws Exception {
    for (String l : new String[] {"-1", "0", "10001", "ten"}) {
      Answer a = call("GET", "/api/v1/messages?limit=" + l, null);
      assertThat(a)
          .isEqualTo(new Answer(400, "limit", "a whole number from 1 to 10000, not '" + l + "'"));
    }
    assertThat(call("GET", "/api/v1/audit?limit=-1", null).status()).isEqualTo(400);
  }

  @Test
  void malformedJsonSaysWhereInPlainWords() throws Exception {
    Answer a = call("POST", "/api/v1/messages", "{\"clientId\": c1}");
    assertThat(a)
        .isEqualTo(
            new Answer(
                400,
                null,
                "line 1, column 17: malformed JSON: unexpected word 'c1' (text must be in double"
                    + " quotes)"));
    a = submit("bomber-exercise", "{\"eventTime\":\"2020-03-01T00:00:00Z\",\"number\":\"one\"}");
    assertThat(a.status()).isEqualTo(422); // the number is a rule of the sequence: the next, 1
    a =
        submit(
            "warheads-changed",
            "{\"eventTime\":\"2020-03-01T00:00:00Z\",\"item\":\"M\",\"warheads\":\"four\"}");
    assertThat(a)
        .isEqualTo(
            new Answer(400, "message.warheads", "expected an integer from 0 to 99"));
  }

  @Test
  void aPortOutOfRangeIsRefusedAtInit() {
    String p = dir.resolve("p").toString();
    Cli.Result r = Cli.run("node", "init", "--party", "US", "--agreement", "new-start", "--dir", p,
        "--api-port", "70000");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("--api-port 70000: a port is a number from 1 to 65535 (or 0: any free port)");
    r = Cli.run("node", "init", "--party", "US", "--agreement", "new-start", "--dir", p,
        "--peer-port", "-5");
    assertThat(r.err()).contains("--peer-port -5: a port is a number from 1 to 65535");
    assertThat(Files.exists(dir.resolve("p/node.yaml"))).isFalse();
  }

  @Test
  void aWrongFileGivenAsAnIdentitySaysWhatItExpected() throws Exception {
    Path yaml = dir.resolve("US/node.yaml");
    Path declaration = dir.resolve("declaration.json");
    Files.writeString(declaration, "{\"party\":\"RU\",\"asOf\":\"2020-03-01\",\"items\":[]}");
    for (Path wrong : new Path[] {yaml, declaration, dir.resolve("US/keys/log.key")}) {
      Cli.Result r = Cli.run("node", "peer", "add", "--dir", dir.resolve("US").toString(),
          "--identity", wrong.toString(), "--url", "https://127.0.0.1:1/");
      assertThat(r.exit()).as(wrong.toString()).isEqualTo(1);
      assertThat(r.err())
          .contains(wrong + ": not an identity file")
          .contains("expected a node's identity.json, as written by 'verity node init'")
          .doesNotContain("com.fasterxml", "Exception", "`");
    }
  }

  @Test
  void anObserverAskedToDeclareIsToldItDoesNot() throws Exception {
    Path ae = dir.resolve("AE");
    Cli.Result init = Cli.initExercise(ae, "AE", "trilateral-hypothetical", "2027-03-02T00:00:00Z");
    try (Node observer = Node.start(ae)) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + observer.apiPort() + "/api/v1/messages"))
                  .header("Authorization", "Bearer " + Cli.token(init, "operator"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"clientId\":\"d\",\"type\":\"declaration\",\"message\":"
                              + "{\"asOf\":\"2027-03-01\",\"facilities\":[],\"items\":[]}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(CanonicalJson.mapper().readTree(r.body()).path("error").asText())
          .isEqualTo(
              "AE is an observer of trilateral-hypothetical: only the Parties bound by its limits"
                  + " declare their forces; an observer does not");
    }
  }
}
