package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data-only provision (the 1989 major strategic exercises agreement) judged alike on both
 * Parties' nodes: each node folds its own and the mirrored notification through the same
 * evaluator, so both list the same typed obligations.
 */
class ProvisionOnBothNodesTest {
  static final String START = "2020-10-01T12:00:00Z";

  @TempDir Path root;

  @Test
  @Timeout(180)
  void bothNodesOweAndMeetTheSame() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("major-strategic-exercises-1989", "US", "--exercise",
          "--exercise-start", START);
      Member ru = c.init("major-strategic-exercises-1989", "RU", "--exercise",
          "--exercise-start", START);
      c.pinAll();
      c.startAll();
      notify(us, "2020-10-15"); // 14 days ahead
      notify(ru, "2020-10-14"); // 13 days ahead
      await("both notifications mirrored", Duration.ofSeconds(60),
          () -> owed(us).size() == 2 && owed(ru).size() == 2);
      assertThat(owed(us)).isEqualTo(owed(ru));
      assertThat(owed(us)).extracting(o -> o.path("party").asText(),
          o -> o.path("due").asText(), o -> o.path("status").asText())
          .containsExactly(
              tuple("RU", "2020-10-01T00:00:00Z", "late"),
              tuple("US", "2020-10-02T00:00:00Z", "met"));
    }
  }

  private static void notify(Member m, String start) throws Exception {
    HttpResponse<String> r = post(m, "/api/v1/messages", "{\"clientId\": \"x-" + m.party
        + "\", \"type\": \"major-strategic-exercise\", \"message\": {\"exerciseStart\": \""
        + start + "\"}}", m.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static JsonNode owed(Member m) throws Exception {
    return getJson(m, "/api/v1/obligations?asOf=" + START).path("obligations");
  }
}
