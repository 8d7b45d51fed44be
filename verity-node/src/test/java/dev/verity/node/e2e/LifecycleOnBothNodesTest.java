package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agreement's life in the node, on exercise clocks (issue 13): Russia suspends New START on
 * 21 February 2023 with its stated reason; from then on, on both Parties' nodes, New START's
 * obligations that fall due read {@code suspended}, never {@code missing} or {@code late}, and
 * the agreement's page names the suspending Party and its reason; a message under it is still
 * accepted, and marked {@code suspended} on both nodes. Before the suspension was mirrored, the
 * same obligations read {@code missing} (docs/dev/decisions.md, "The node folds the agreement's
 * life").
 */
class LifecycleOnBothNodesTest {
  static final String START = "2023-02-21T12:00:00Z";
  /** After the data exchange New START would have owed on 1 March 2023. */
  static final String LATER = "2023-04-20T00:00:00Z";
  static final String REASON = "the United States' actions undermine the Treaty's foundations";

  @TempDir Path root;

  @Test
  @Timeout(180)
  void russiaSuspendsNewStartAndItsObligationsStopCountingAsMissed() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("new-start", "US", "--exercise", "--exercise-start", START);
      Member ru = c.init("new-start", "RU", "--exercise", "--exercise-start", START);
      c.pinAll();
      c.startAll();
      assertThat(statuses(us)).as("before the suspension").isNotEmpty().containsOnly("missing");
      assertThat(life(us).path("standing").asText()).isEqualTo("in-force");

      HttpResponse<String> r = post(ru, "/api/v1/messages", "{\"clientId\": \"suspend\","
          + " \"type\": \"agreement-suspension\", \"message\": {\"statedReason\": \"" + REASON
          + "\"}}", ru.operator);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      await("the suspension mirrored", Duration.ofSeconds(60),
          () -> life(us).path("standing").asText().equals("suspended"));

      for (Member m : List.of(us, ru)) {
        JsonNode life = life(m);
        assertThat(life.path("standing").asText()).as(m.party).isEqualTo("suspended");
        assertThat(life.path("suspendedBy").get(0).path("party").asText()).isEqualTo("RU");
        assertThat(life.path("suspendedBy").get(0).path("statedReason").asText())
            .isEqualTo(REASON);
        assertThat(statuses(m)).as(m.party).isNotEmpty().containsOnly("suspended");
      }
      assertThat(getJson(us, "/api/v1/obligations?asOf=" + LATER))
          .isEqualTo(getJson(ru, "/api/v1/obligations?asOf=" + LATER));

      // a message under the suspended agreement is accepted, and marked on both nodes
      HttpResponse<String> s = post(us, "/api/v1/messages", "{\"clientId\": \"session\","
          + " \"type\": \"commission-session\", \"message\": {\"session\": \"BCC-2023\","
          + " \"date\": \"2023-03-01\"}}", us.operator);
      assertThat(s.statusCode()).as(s.body()).isEqualTo(201);
      await("the session mirrored", Duration.ofSeconds(60),
          () -> session(ru) != null);
      for (Member m : List.of(us, ru)) {
        assertThat(session(m).path("standing").asText()).as(m.party).isEqualTo("suspended");
      }
      JsonNode suspension = getJson(us, "/api/v1/messages?type=agreement-suspension")
          .path("messages").get(0);
      assertThat(suspension.has("standing")).as("the life's own entries are not marked")
          .isFalse();
    }
  }

  private static JsonNode session(Member m) throws Exception {
    return getJson(m, "/api/v1/messages?type=commission-session").path("messages").get(0);
  }

  private static JsonNode life(Member m) throws Exception {
    return getJson(m, "/api/v1/agreements/new-start?asOf=" + LATER).path("life");
  }

  private static List<String> statuses(Member m) throws Exception {
    List<String> out = new ArrayList<>();
    getJson(m, "/api/v1/obligations?asOf=" + LATER).path("obligations")
        .forEach(o -> out.add(o.path("status").asText()));
    return out;
  }
}
