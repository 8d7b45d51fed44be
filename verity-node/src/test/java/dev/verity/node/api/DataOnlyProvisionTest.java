package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.testing.ExerciseNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node runs a provision that is data only (issue 12): the 1989 Agreement on Reciprocal Advance
 * Notification of Major Strategic Exercises (Art. I and II.2: "no less than 14 days in advance",
 * one exercise a calendar year), judged at submit and in {@code /api/v1/obligations} by the same
 * evaluator as {@code verity agreement replay}.
 */
class DataOnlyProvisionTest {
  @TempDir Path dir;

  private static String exercise(String id, String start) {
    return "{\"clientId\": \"" + id + "\", \"type\": \"major-strategic-exercise\","
        + " \"message\": {\"exerciseStart\": \"" + start + "\"}}";
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return CanonicalJson.mapper().readTree(r.body());
  }

  @Test
  void fourteenDaysAheadIsMetThirteenIsLateAndASecondInAYearIsRefused() throws Exception {
    try (ExerciseNode us = ExerciseNode.start(dir, "major-strategic-exercises-1989",
        "2020-10-01T12:00:00Z")) {
      HttpResponse<String> first = us.send("POST", "/api/v1/messages", exercise("x1",
          "2020-10-15"));
      assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
      assertThat(us.send("POST", "/api/v1/exercise/clock",
          "{\"advanceTo\": \"2021-10-02T12:00:00Z\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> late = us.send("POST", "/api/v1/messages", exercise("x2",
          "2021-10-15"));
      assertThat(late.statusCode()).as(late.body()).isEqualTo(201);

      HttpResponse<String> again = us.send("POST", "/api/v1/messages", exercise("x3",
          "2021-12-20"));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
      assertThat(json(again).path("refusal").asText())
          .isEqualTo("exercise-notification/one-a-year");
      assertThat(json(again).path("reason").asText()).isEqualTo("quota one-a-year allows 1 per"
          + " calendar-year, used by US in 2021");

      JsonNode owed = json(us.send("GET", "/api/v1/obligations", null)).path("obligations");
      assertThat(owed).extracting(o -> o.path("regime").asText(), o -> o.path("type").asText(),
          o -> o.path("party").asText(), o -> o.path("due").asText(),
          o -> o.path("status").asText(), o -> o.path("metBy").path("index").asLong(-1))
          .containsExactly(
              tuple("exercise-notification", "fourteen-days-ahead", "US",
                  "2020-10-02T00:00:00Z", "met", 0L),
              tuple("exercise-notification", "fourteen-days-ahead", "US",
                  "2021-10-02T00:00:00Z", "late", 1L));
    }
  }

  @Test
  void aFieldOutsideTheSchemaIsRefusedNamingIt() throws Exception {
    try (ExerciseNode us = ExerciseNode.start(dir, "major-strategic-exercises-1989",
        "2020-10-01T12:00:00Z")) {
      HttpResponse<String> r = us.send("POST", "/api/v1/messages", exercise("x1", "15 October"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(json(r).path("field").asText()).isEqualTo("message.exerciseStart");
    }
  }
}
