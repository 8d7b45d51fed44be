package dev.verity.node.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.testing.Cli;
import dev.verity.node.testing.ExerciseNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's and the talks' routes on one exercise node (the mediator, US): a commitment
 * proposed and not yet countersigned, a claim filed meanwhile marked before the start, and a
 * wrong parameter answered 400 naming it in words; the talks' routes under another agreement
 * answer 404 saying so, and a capital report's mistakes are named.
 */
class RegisterRoutesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aProposedCommitmentAndAClaimBeforeItsStart() throws Exception {
    try (ExerciseNode us = ExerciseNode.start(dir, "ceasefire-monitoring",
        "2026-03-01T10:00:00Z")) {
      ok(us, "ceasefire-commitment", "{\"commitment\":\"c1\",\"scope\":\"line of contact\","
          + "\"regions\":[],\"protectedObjects\":[],\"effectiveFrom\":\"2026-03-02T00:00:00Z\","
          + "\"releaseOnBreach\":false}");
      ok(us, "ceasefire-claim", "{\"claim\":\"us-1\",\"observation\":{\"commitment\":\"c1\","
          + "\"period\":{\"from\":\"2026-03-01T09:00:00Z\",\"to\":\"2026-03-01T09:00:00Z\"},"
          + "\"position\":{\"region\":\"donetsk\",\"place\":{\"lat\":48.0,\"lon\":37.8}},"
          + "\"category\":\"explosion\","
          + "\"count\":{\"value\":3,\"qualifier\":\"at-least\"}}}");
      JsonNode o = get(us, "/api/v1/ceasefire", 200);
      JsonNode c = o.path("commitments").get(0);
      assertThat(c.path("status").asText()).isEqualTo("proposed");
      assertThat(c.path("awaiting").toString()).isEqualTo("[\"UA\",\"RU\",\"SMM\"]");
      assertThat(c.path("reportDates").isNull()).isTrue();
      JsonNode page = get(us, "/api/v1/ceasefire/register?standing=before-start", 200);
      assertThat(page.path("matched").asInt()).isEqualTo(1);
      assertThat(page.path("claims").get(0).path("id").asText()).isEqualTo("us-1");
      assertThat(get(us, "/api/v1/ceasefire/register?standing=counted", 200)
          .path("matched").asInt()).isZero();
      assertThat(get(us, "/api/v1/ceasefire/claims/us-1", 200).path("standing").asText())
          .isEqualTo("before-start");
      assertThat(get(us, "/api/v1/ceasefire/reports/c1/2026-03-02", 404).path("error").asText())
          .contains("before it took effect");
      refused(us, "/api/v1/ceasefire/register?standing=maybe", "standing",
          "one of counted, before-start, after-end, out-of-scope, released, not maybe");
      refused(us, "/api/v1/ceasefire/register?limit=0", "limit",
          "a whole number from 1 to 1000");
      refused(us, "/api/v1/ceasefire/register?from=yesterday", "from",
          "a date as YYYY-MM-DD, not yesterday");
      assertThat(get(us, "/api/v1/ceasefire/claims/nope", 404).path("field").asText())
          .isEqualTo("id");
      assertThat(get(us, "/api/v1/talks", 404).path("error").asText())
          .isEqualTo("ceasefire-monitoring holds no talks");
      bulkImportNamesEachBadLine(us);
    }
  }

  /** {@code verity ceasefire import --csv}: good lines go in, each bad one is named. */
  void bulkImportNamesEachBadLine(ExerciseNode us) throws Exception {
    Path csv = dir.resolve("claims.csv");
    Files.writeString(csv, "claim,commitment,from,to,region,lat,lon,category,count,attributedTo\n"
        + "us-2,c1,2026-03-01T09:10:00Z,2026-03-01T09:10:00Z,luhansk,48.5,39.3,explosion,5,RU\n"
        + "us-3,c1,2026-03-01T09:20:00Z,2026-03-01T09:20:00Z,luhansk,48.5,39.3,explosion,many,\n"
        + "us-4,c1,2026-03-01T09:30:00Z,2026-03-01T09:30:00Z,atlantis,48.5,39.3,explosion,2,\n");
    String[] args = {"ceasefire", "import", "--csv", csv.toString(), "--node",
        "http://127.0.0.1:" + us.node().apiPort() + "/", "--token", us.operator()};
    Cli.Result r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).contains("1 line(s) appended or already there, 2 refused");
    assertThat(r.err()).contains("line 3: lat, lon, count: numbers expected")
        .contains("line 4: ").contains("atlantis");
    assertThat(get(us, "/api/v1/ceasefire/claims/us-2", 200).path("observation")
        .path("attributedTo").asText()).isEqualTo("RU");
    assertThat(Cli.run(args).out()).contains("1 line(s) appended or already there");
    assertThat(get(us, "/api/v1/ceasefire", 200).path("claims").asInt()).isEqualTo(2);
  }

  @Test
  void aCapitalReportsMistakesAreNamed() throws Exception {
    try (ExerciseNode us = ExerciseNode.start(dir, "trilateral-talks-2026",
        "2026-02-05T10:00:00Z")) {
      assertThat(post(us, "/api/v1/talks/capital-reports", "{\"round\":0,\"content\":\"x\"}",
          400).path("field").asText()).isEqualTo("round");
      assertThat(post(us, "/api/v1/talks/capital-reports", "{\"round\":1}", 400)
          .path("field").asText()).isEqualTo("content");
      assertThat(post(us, "/api/v1/talks/capital-reports/open", "{\"anchor\":\"ab\"}", 404)
          .path("error").asText()).isEqualTo("this node holds no report with anchor ab");
      assertThat(post(us, "/api/v1/talks/capital-reports/check", "{\"party\":\"US\","
          + "\"round\":1,\"content\":\"x\",\"salt\":\"zz\",\"anchor\":\"ab\"}", 400)
          .path("field").asText()).isEqualTo("salt");
      // no round 1 was announced: the talks refuse the anchor, the content stays private
      HttpResponse<String> r = us.send("POST", "/api/v1/talks/capital-reports",
          "{\"round\":1,\"content\":\"kept here\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
      assertThat(get(us, "/api/v1/ceasefire", 404).path("error").asText())
          .isEqualTo("trilateral-talks-2026 holds no ceasefire register");
    }
  }

  static void ok(ExerciseNode n, String type, String fields) throws Exception {
    HttpResponse<String> r = n.send("POST", "/api/v1/messages", "{\"clientId\":\"" + type
        + "\",\"type\":\"" + type + "\",\"message\":" + fields + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  static JsonNode get(ExerciseNode n, String path, int status) throws Exception {
    HttpResponse<String> r = n.send("GET", path, null);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  static JsonNode post(ExerciseNode n, String path, String body, int status) throws Exception {
    HttpResponse<String> r = n.send("POST", path, body);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  static void refused(ExerciseNode n, String path, String field, String words) throws Exception {
    JsonNode e = get(n, path, 400);
    assertThat(e.path("field").asText()).isEqualTo(field);
    assertThat(e.path("error").asText()).isEqualTo(words);
  }
}
