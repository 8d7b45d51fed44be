package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.testing.ExerciseNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's typed answers of issue 12, on one exercise node: the agreement's message schema;
 * obligations as typed fields; and {@code asOf}: every route taking it defaults to the exercise
 * clock (never the wall clock's day), reads a date as the end of its UTC day, and refuses anything
 * else naming {@code asOf}. The store dates its audit trail by the exercise clock too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypedApiTest {
  /** Years before any day the wall clock can show while this test runs. */
  static final String START = "2020-03-02T06:00:00Z";
  static final List<String> ROUTES = List.of("/api/v1/compliance", "/api/v1/inventory",
      "/api/v1/obligations", "/api/v1/inspections", "/api/v1/commission",
      "/api/v1/inventory/US/items");

  @TempDir static Path dir;
  ExerciseNode us;

  @BeforeAll
  void start() throws Exception {
    us = ExerciseNode.start(dir, START);
  }

  @AfterAll
  void stop() {
    us.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return us.send("GET", path, null);
  }

  JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return CanonicalJson.mapper().readTree(r.body());
  }

  @Test
  void theAgreementIsServedWithItsMessageSchema() throws Exception {
    JsonNode a = json("/api/v1/agreements/new-start");
    assertThat(a.path("id").asText()).isEqualTo("new-start");
    JsonNode moved = null;
    for (JsonNode m : a.path("messages")) {
      moved = m.path("type").asText().equals("item-moved") ? m : moved;
    }
    assertThat(moved).isNotNull();
    assertThat(moved.path("fields").toString()).isEqualTo("[{\"name\":\"item\",\"kind\":\"item\","
        + "\"maxLength\":128,\"required\":true,\"label\":\"field.item\"},{\"name\":\"facility\","
        + "\"kind\":\"id\",\"maxLength\":128,\"required\":true,\"label\":\"field.facility\"},"
        + "{\"name\":\"eventTime\",\"kind\":\"instant\",\"required\":true,"
        + "\"label\":\"field.eventTime\"}]");
    HttpResponse<String> other = get("/api/v1/agreements/inf-1987");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).contains("new-start only");
  }

  @Test
  void obligationsAreTypedFields() throws Exception {
    JsonNode all = json("/api/v1/obligations").path("obligations");
    assertThat(all.size()).as("the data exchange due now, of each Party").isGreaterThan(1);
    for (JsonNode o : all) {
      assertThat(o.path("regime").asText()).isEqualTo("inventory");
      assertThat(o.path("kind").asText()).isEqualTo("deadline");
      assertThat(o.path("type").asText()).isEqualTo("data-exchange");
      assertThat(LocalDate.parse(o.path("subject").asText()))
          .isBefore(LocalDate.parse("2020-03-03"));
      assertThat(o.path("party").asText()).isIn("US", "RU");
      assertThat(o.path("status").asText()).isIn("due", "missing");
      assertThat(o.has("what")).as("no sentence to parse").isFalse();
    }
  }

  @Test
  void perDayRoutesAnswerForTheExerciseDayByDefault() throws Exception {
    String day = START.substring(0, 10);
    assertThat(json("/api/v1/compliance").path("asOf").asText()).isEqualTo(day);
    assertThat(json("/api/v1/inventory").path("asOf").asText()).isEqualTo(day);
    assertThat(json("/api/v1/inventory/US/items").path("asOf").asText()).isEqualTo(day);
    assertThat(LocalDate.parse(day)).isBefore(LocalDate.now().minusYears(1));
  }

  @Test
  void instantRoutesAnswerAsOfTheExerciseClockByDefault() throws Exception {
    assertThat(json("/api/v1/obligations").path("asOf").asText()).isEqualTo(START);
    assertThat(json("/api/v1/inspections").path("asOf").asText()).isEqualTo(START);
  }

  @Test
  void aDateMeansTheEndOfItsUtcDayInEveryRoute() throws Exception {
    assertThat(json("/api/v1/obligations?asOf=2020-03-05").path("asOf").asText())
        .isEqualTo("2020-03-05T23:59:59.999999999Z");
    assertThat(json("/api/v1/inspections?asOf=2020-03-05").path("asOf").asText())
        .isEqualTo("2020-03-05T23:59:59.999999999Z");
    assertThat(json("/api/v1/inventory?asOf=2020-03-05T23:00:00Z").path("asOf").asText())
        .isEqualTo("2020-03-05");
  }

  @Test
  void aBadAsOfIsRefusedByEveryRouteNamingIt() throws Exception {
    for (String route : ROUTES) {
      HttpResponse<String> r = get(route + "?asOf=5%20March");
      assertThat(r.statusCode()).as(route).isEqualTo(400);
      JsonNode body = CanonicalJson.mapper().readTree(r.body());
      assertThat(body.path("field").asText()).as(route).isEqualTo("asOf");
      assertThat(body.path("error").asText()).as(route)
          .contains("a date such as 2020-09-01 (meaning the end of that UTC day)");
    }
  }

  /** Last: it moves the exercise clock the other tests read. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theAuditTrailCarriesTheExerciseTime() throws Exception {
    String to = "2020-03-03T00:00:00Z";
    HttpResponse<String> advance =
        us.send("POST", "/api/v1/exercise/clock", "{\"advanceTo\":\"" + to + "\"}");
    assertThat(advance.statusCode()).as(advance.body()).isEqualTo(200);
    JsonNode row = json("/api/v1/audit?limit=1").get(0);
    assertThat(row.path("action").asText()).isEqualTo("exercise-clock");
    assertThat(row.path("at").asText()).isEqualTo(to);
  }
}
