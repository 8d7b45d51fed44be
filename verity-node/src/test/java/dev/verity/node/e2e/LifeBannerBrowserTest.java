package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The agreement's life in the dashboard, in headless Debian Chromium: Russia suspends New START
 * on its node (exercise clocks, 21 February 2023); the US node's pages show the SUSPENDED banner
 * naming Russia and its stated reason, and its Obligations page lists the data exchange then
 * owed as suspended, not missing. Screenshot {@code life-suspended-en.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class LifeBannerBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final String START = "2023-02-21T12:00:00Z";
  static final String REASON = "the stated reason, as Russia gave it";

  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.installed()) {
      return; // every test reports itself skipped, naming what is missing (requireBrowser)
    }
    cluster = new Cluster(root);
    us = cluster.init("new-start", "US", "--exercise", "--exercise-start", START);
    Member ru = cluster.init("new-start", "RU", "--exercise", "--exercise-start", START);
    cluster.pinAll();
    cluster.startAll();
    HttpResponse<String> r = post(ru, "/api/v1/messages", "{\"clientId\": \"suspend\","
        + " \"type\": \"agreement-suspension\", \"message\": {\"statedReason\": \"" + REASON
        + "\"}}", ru.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    await("the suspension mirrored", Duration.ofSeconds(60), () -> getJson(us,
        "/api/v1/agreements/new-start").path("life").path("standing").asText()
        .equals("suspended"));
    // after the data exchange New START would have owed on 1 March 2023
    for (Member m : List.of(us, ru)) {
      HttpResponse<String> a = post(m, "/api/v1/exercise/clock",
          "{\"advanceTo\": \"2023-04-20T00:00:00Z\"}", m.operator);
      assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
    }
    browser = new Browser();
  }

  @BeforeEach
  void requireBrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  void stop() throws Exception {
    Browser.closeAll(browser, cluster);
  }

  @Test
  void everyPageNamesTheSuspendingPartyAndItsReason() throws Exception {
    browser.signIn(us, us.viewer);
    WebElement banner = browser.await(By.id("life-banner"));
    assertThat(banner.getText()).contains("SUSPENDED", "suspended by Russian Federation", REASON);
    browser.go(us, "obligations", "obligations");
    assertThat(browser.driver.findElement(By.id("life-banner")).isDisplayed()).isTrue();
    assertThat(browser.driver.findElements(
        By.cssSelector("#obligations-table tr[data-status=suspended]"))).isNotEmpty();
    assertThat(browser.driver.findElements(
        By.cssSelector("#obligations-table tr[data-status=missing]"))).isEmpty();
    browser.screenshot(SHOTS.resolve("life-suspended-en.png"));
  }
}
