package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.runtime.Node;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A hostile RU writes entries no Verity node would (not JSON; JSON that breaks the input rules)
 * into its signed log. US mirrors and cosigns them as part of RU's record, lists each as unreadable
 * with its index and leaf hash, proves it, counts none of it, and every page of the API and the
 * dashboard still loads, on both nodes.
 */
@Timeout(240)
class UnreadableEntryTest {
  static final byte[] NOT_JSON = {0x00, (byte) 0xff, 'n', 'o', 't', ' ', 'J', 'S', 'O', 'N', '{'};
  static final String SURROGATE =
      "{\"agreement\":\"new-start\",\"body\":{\"eventTime\":\"2020-09-01T00:00:00Z\","
          + "\"item\":\"RU-F\\ud800\",\"number\":1,\"party\":\"RU\",\"type\":\"item-moved\"},"
          + "\"clientId\":\"x\",\"createdAt\":\"2020-09-01T00:00:00Z\",\"party\":\"RU\","
          + "\"type\":\"item-moved\",\"v\":1}";

  /** The API calls the dashboard's pages make. */
  static final List<String> PAGES =
      List.of(
          "/api/v1/session",
          "/api/v1/agreement",
          "/api/v1/messages?limit=10000",
          "/api/v1/messages?direction=in",
          "/api/v1/messages?direction=out",
          "/api/v1/compliance",
          "/api/v1/inventory",
          "/api/v1/inventory/RU/items",
          "/api/v1/inventory/US/items",
          "/api/v1/obligations",
          "/api/v1/log",
          "/api/v1/alarms",
          "/api/v1/problems",
          "/api/v1/history",
          "/api/v1/log/checkpoints",
          "/api/v1/inspections",
          "/api/v1/commission",
          "/api/v1/escrow",
          "/api/v1/messages/RU/0",
          "/api/v1/messages/RU/1");

  @TempDir Path root;

  @Test
  void anEntryThatIsNotJsonIsListedAsUnreadableAndEveryPageLoads() throws Exception {
    Cluster c = new Cluster(root);
    Member us = c.init("new-start", "US");
    Member ru = c.init("new-start", "RU");
    c.pinAll();
    try (LogWriter hostile = Cluster.ownLogWriter(ru, "new-start")) {
      hostile.append(NOT_JSON);
      hostile.append(SURROGATE.getBytes(StandardCharsets.UTF_8));
    }
    try (Node u = Node.start(us.dir);
        Node r = Node.start(ru.dir)) {
      var decl = DemoScenario.submissions("RU", 0, 1).get(0);
      r.submitter().submit(new SubmitRequest(decl.clientId(), decl.type(), decl.message()), "test");
      long size = r.verifiedLog().head().tree().head().size();
      await(
          "RU's log mirrored and cosigned",
          Duration.ofSeconds(60),
          () ->
              u.mirrors().get("RU").size() == size
                  && r.store().position("US").cosignedSize() == size);
      for (Member m : List.of(us, ru)) {
        for (String page : PAGES) {
          getJson(m, page); // 200, as JSON
        }
        JsonNode list = getJson(m, "/api/v1/messages?limit=10000");
        JsonNode first = entry(list, 0);
        assertThat(first.path("unreadable").asBoolean()).isTrue();
        assertThat(first.path("type").asText()).isEqualTo("unreadable");
        assertThat(first.path("leafHash").asText()).isEqualTo(MerkleHash.leaf(NOT_JSON).hex());
        assertThat(first.path("problem").asText()).startsWith("RU/0: not a Verity entry");
        JsonNode second = entry(list, 1);
        assertThat(second.path("unreadable").asBoolean()).isTrue();
        assertThat(second.path("problem").asText()).contains("lone UTF-16 surrogate");
        assertThat(getJson(m, "/api/v1/problems").path("problems").toString())
            .contains("RU/0", "RU/1");
      }
      assertThat(u.projections().inventory(null).get("RU").aggregates())
          .isEqualTo(r.projections().inventory(null).get("RU").aggregates());
      assertThat(u.store().alarms()).isEmpty();
      dashboard(us);
    }
  }

  private static JsonNode entry(JsonNode list, long index) {
    for (JsonNode e : list.path("messages")) {
      if (e.path("party").asText().equals("RU") && e.path("index").asLong() == index) {
        return e;
      }
    }
    throw new AssertionError("RU/" + index + " not listed");
  }

  /** Every page of the dashboard renders, the unreadable entry marked on the messages page. */
  private static void dashboard(Member us) throws Exception {
    Browser.assumeInstalled();
    try (Browser b = new Browser()) {
      b.signIn(us, us.viewer);
      for (String page :
          List.of(
              "overview",
              "messages",
              "inventory",
              "obligations",
              "log",
              "inspections",
              "commission",
              "escrow")) {
        b.go(us, page, page);
      }
      b.go(us, "messages", "messages");
      assertThat(
              b.driver()
                  .findElement(By.cssSelector("tr[data-party='RU'][data-index='0']"))
                  .getText())
          .contains("unreadable");
      b.go(us, "message/RU/0", "message");
      assertThat(b.driver().findElement(By.id("unreadable")).getText())
          .contains("not a Verity entry");
    }
  }
}
