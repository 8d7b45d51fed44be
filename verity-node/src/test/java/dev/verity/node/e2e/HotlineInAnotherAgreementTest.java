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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The military line where it is not the home agreement: two node processes whose home is New
 * START and which also take part in us-ru-military-line. The line's module is bound in that
 * agreement with its background work (the board judged on the node's clock, the live inbox): a
 * flash message from US shows at RU as an alert, RU's acknowledgement reaches US; the home
 * agreement, which has no line, answers 404 as before.
 */
class HotlineInAnotherAgreementTest {
  static final String LINE = "?agreement=us-ru-military-line";

  @TempDir Path root;

  @Test
  @Timeout(240)
  void theLineRunsInWhicheverAgreementDeclaresIt() throws Exception {
    try (Cluster c = new Cluster(root)) {
      List<String> both = List.of("new-start", "us-ru-military-line");
      Member us = c.initIn(both, "US");
      Member ru = c.initIn(both, "RU");
      c.pinAll();
      c.startAll();
      assertThat(Cluster.get(us, "/api/v1/hotline", us.viewer).statusCode()).isEqualTo(404);

      HttpResponse<String> r = post(us, "/api/v1/hotline/messages" + LINE, "{\"message\":"
          + " \"F-1\", \"to\": \"RU\", \"priority\": \"flash\", \"text\": \"Break off.\","
          + " \"language\": \"en\"}", us.operator);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      await("F-1 at RU, judged by RU's line", Duration.ofSeconds(60), () -> {
        JsonNode b = getJson(ru, "/api/v1/hotline" + LINE);
        return b.hasNonNull("judgedAt") && b.path("alert").asBoolean();
      });
      JsonNode board = getJson(ru, "/api/v1/hotline" + LINE);
      assertThat(board.path("agreement").asText()).isEqualTo("us-ru-military-line");
      assertThat(board.path("messages").get(0).path("id").asText()).isEqualTo("F-1");
      assertThat(board.path("line").path("paths").get(0).path("party").asText())
          .isEqualTo("US");

      r = post(ru, "/api/v1/hotline/messages/F-1/ack" + LINE, "{}", ru.operator);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      await("F-1 acknowledged at US", Duration.ofSeconds(60), () -> getJson(us,
          "/api/v1/hotline" + LINE).path("messages").get(0).path("state").asText()
          .equals("acknowledged"));
      assertThat(getJson(us, "/api/v1/hotline" + LINE).path("alert").asBoolean()).isFalse();
    }
  }
}
