package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.allCosigned;
import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 1988 launch notifications on both Parties' nodes, on exercise clocks (issue 13): one sent
 * 25 hours before its planned launch is on time and receipted (the peer's cosignature), one sent
 * 23 hours before is late (Art. I: "no less than twenty-four hours in advance"); both nodes list
 * the same verdicts. {@code ReplayCommandTest} gives the same verdicts offline.
 */
class LaunchNotificationOnBothNodesTest {
  static final Instant START = Instant.parse("2024-12-17T10:00:00Z");

  @TempDir Path root;

  @Test
  @Timeout(180)
  void twentyFiveHoursAheadIsOnTimeAndTwentyThreeIsLate() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("launch-notification-1988", "US", "--exercise",
          "--exercise-start", START.toString());
      Member ru = c.init("launch-notification-1988", "RU", "--exercise",
          "--exercise-start", START.toString());
      c.pinAll();
      c.startAll();
      notify(ru, "ICBM", START.plus(Duration.ofHours(25)), "{\"site\": \"Plesetsk\"}");
      notify(us, "SLBM", START.plus(Duration.ofHours(23)),
          "{\"ocean\": \"Pacific\", \"quadrant\": \"NE\"}");
      await("both notifications receipted", Duration.ofSeconds(60),
          () -> allCosigned(us) && allCosigned(ru) && owed(us).size() == 2
              && owed(ru).size() == 2);
      assertThat(owed(us)).isEqualTo(owed(ru));
      assertThat(owed(us)).extracting(o -> o.path("party").asText(),
          o -> o.path("type").asText(), o -> o.path("status").asText())
          .containsExactly(
              tuple("US", "twenty-four-hours-ahead", "late"),
              tuple("RU", "twenty-four-hours-ahead", "met"));
      JsonNode sent = getJson(ru, "/api/v1/messages?direction=out").path("messages").get(0);
      assertThat(sent.path("type").asText()).isEqualTo("launch-notification");
      assertThat(sent.path("cosignedBy").path("US").asBoolean()).as("the receipt").isTrue();
      assertThat(sent.has("standing")).as("in force: not marked").isFalse();
    }
  }

  private static void notify(Member m, String missile, Instant planned, String area)
      throws Exception {
    LaunchMapBrowserTest.notify(m, missile, planned, area, LaunchMapBrowserTest.KURA);
  }

  private static JsonNode owed(Member m) throws Exception {
    return getJson(m, "/api/v1/obligations?asOf=" + START.plus(Duration.ofDays(2)))
        .path("obligations");
  }
}
