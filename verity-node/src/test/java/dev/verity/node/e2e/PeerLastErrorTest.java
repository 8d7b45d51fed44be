package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The peer's last error in {@code GET /api/v1/log} (issue 17), with real node processes: US pins
 * RU's address with the keys of another RU node (a rebuilt machine whose new identity US never
 * received), so each push meets a certificate whose key is not pinned; RU, which pins US, is
 * refused by US in turn; once RU is stopped, nothing listens at its port any more.
 */
class PeerLastErrorTest {
  @TempDir Path root;

  @Test
  void aWrongPinAndAStoppedPeerAreReportedByKind() throws Exception {
    try (Cluster cluster = new Cluster(root.resolve("a"));
        Cluster elsewhere = new Cluster(root.resolve("b"))) {
      Member us = cluster.init("new-start", "US");
      Member ru = cluster.init("new-start", "RU");
      Member rebuilt = elsewhere.init("new-start", "RU");
      cluster.pin(us, rebuilt, ru.peerUrl()); // the wrong keys at the right address
      cluster.pin(ru, us, us.peerUrl());
      cluster.startAll();

      submit(us, "us-1", 1);
      JsonNode atUs = awaitError(us, "RU", "tls-pin-mismatch");
      assertThat(atUs.path("ongoing").asBoolean()).isTrue();
      assertThat(atUs.path("status").isNull()).isTrue();
      assertThat(atUs.path("detail").asText()).contains("not pinned");
      assertThat(atUs.path("time").asText()).isNotEmpty();

      submit(ru, "ru-1", 2); // US does not know RU's real key: it refuses RU's certificate
      JsonNode atRu = awaitError(ru, "US", null);
      // TLS 1.3 (RFC 8446 §4.4.2): the client's side of the handshake is done before the server
      // checks the client's certificate; US's refusal reaches RU as its alert if RU reads it in
      // time, else as the connection closed with no answer
      assertThat(atRu.path("kind").asText()).as(atRu.toString())
          .isIn("tls-refused-by-peer", "network");

      cluster.stop(ru);
      submit(us, "us-2", 3);
      JsonNode refused = awaitError(us, "RU", "refused");
      assertThat(refused.path("ongoing").asBoolean()).isTrue();
      assertThat(refused.path("detail").asText()).containsIgnoringCase("refused");
    }
  }

  @Test
  void theDashboardShowsTheErrorInEachLanguage() throws Exception {
    Browser.assumeInstalled();
    try (Cluster cluster = new Cluster(root.resolve("c"))) {
      Member us = cluster.init("new-start", "US");
      Member ru = cluster.init("new-start", "RU"); // pinned, never started: nothing listens
      cluster.pin(us, ru, ru.peerUrl());
      cluster.start(us);
      cluster.awaitUp(us);
      submit(us, "us-1", 1);
      awaitError(us, "RU", "refused");
      try (Browser browser = new Browser()) {
        browser.signIn(us, us.viewer);
        browser.go(us, "log", "log");
        By cell = By.cssSelector("#peers-table tr[data-peer='RU'] .last-error"
            + " [data-kind='refused'][data-ongoing='true']");
        String[][] words = {{"en", "connection refused", "failing"},
            {"ru", "в соединении отказано", "сбой связи"},
            {"ar", "رُفض الاتصال", "متعذّر الاتصال"}};
        for (String[] w : words) {
          browser.language(w[0]);
          assertThat(browser.driver().findElement(cell).getText()).as(w[0]).contains(w[1]);
          assertThat(browser.driver().findElement(
              By.cssSelector("#peers-table tr[data-peer='RU']")).getText()).contains(w[2]);
        }
        browser.screenshot(LifeBannerBrowserTest.SHOTS.resolve("peer-last-error-ar.png"));
      }
    }
  }

  private static void submit(Member m, String clientId, int i) throws Exception {
    assertThat(Cluster.post(m, "/api/v1/messages", Cluster.exercise(clientId, i), m.operator)
        .statusCode()).isEqualTo(201);
  }

  /** Waits until {@code in}'s log view shows a last error of {@code peer} of {@code kind}. */
  static JsonNode awaitError(Member in, String peer, String kind) throws Exception {
    JsonNode[] seen = new JsonNode[1];
    Cluster.await(in.party + " sees " + peer + "'s " + kind, Duration.ofSeconds(60), () -> {
      for (JsonNode p : Cluster.getJson(in, "/api/v1/log").path("peers")) {
        JsonNode e = p.path("lastError");
        if (p.path("party").asText().equals(peer) && e.isObject()
            && (kind == null || e.path("kind").asText().equals(kind))) {
          seen[0] = e;
          return true;
        }
      }
      return false;
    });
    return seen[0];
  }
}
