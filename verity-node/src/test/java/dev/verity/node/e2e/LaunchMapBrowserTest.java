package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.allCosigned;
import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The launch map ({@code #/launches}, assets/launches.js) in headless Debian Chromium against two
 * node processes under the 1988 agreement, on exercise clocks: Russia notifies a Plesetsk launch
 * 25 hours ahead and the United States a Vandenberg launch 23 hours ahead; the clocks move three
 * days on, and Russia notifies an SLBM launch from the Barents Sea. The US node's page draws the
 * two past launches in grey and the planned one in colour, with their launch and impact areas
 * where they are on Natural Earth's boundaries, lists the verdicts (on time, late) and receipts,
 * and fetches nothing from elsewhere; screenshots in en, ru and ar under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class LaunchMapBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Instant START = Instant.parse("2025-11-03T12:00:00Z");
  static final Instant LATER = START.plus(Duration.ofDays(3));
  /** Russia's ISO 3166-1 numeric code, the id of its shape in world-atlas. */
  static final String RUSSIA = "643";
  static final String KURA = "{\"circle\": {\"center\": {\"lat\": 57.3, \"lon\": 160.9},"
      + " \"radius\": 50, \"unit\": \"km\"}}";

  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.installed()) {
      return; // every test reports itself skipped, naming what is missing (requireBrowser)
    }
    cluster = new Cluster(root);
    us = cluster.init("launch-notification-1988", "US", "--exercise", "--exercise-start",
        START.toString());
    ru = cluster.init("launch-notification-1988", "RU", "--exercise", "--exercise-start",
        START.toString());
    cluster.pinAll();
    cluster.startAll();
    notify(ru, "ICBM", START.plus(Duration.ofHours(25)), "{\"site\": \"Plesetsk\"}", KURA);
    notify(us, "ICBM", START.plus(Duration.ofHours(23)),
        "{\"site\": \"Vandenberg Space Force Base\"}", "{\"circle\": {\"center\": {\"lat\": 9.1,"
            + " \"lon\": 167.6}, \"radius\": 50, \"unit\": \"nmi\"}}");
    await("the first two receipted", Duration.ofSeconds(60),
        () -> allCosigned(us) && allCosigned(ru));
    for (Member m : List.of(us, ru)) {
      HttpResponse<String> r = post(m, "/api/v1/exercise/clock", "{\"advanceTo\": \"" + LATER
          + "\"}", m.operator);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    notify(ru, "SLBM", LATER.plus(Duration.ofHours(30)), "{\"sea\": \"Barents Sea\"}",
        "{\"polygon\": [{\"lat\": 56.8, \"lon\": 160.0}, {\"lat\": 56.8, \"lon\": 161.8},"
            + " {\"lat\": 57.8, \"lon\": 161.8}, {\"lat\": 57.8, \"lon\": 160.0}]}");
    await("every notification receipted", Duration.ofSeconds(60),
        () -> allCosigned(us) && allCosigned(ru) && Cluster.getJson(us,
            "/api/v1/messages?type=launch-notification").path("messages").size() == 3);
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

  /** Notifies a launch from {@code m}'s node (shared with LaunchNotificationOnBothNodesTest). */
  static void notify(Member m, String missile, Instant planned, String area,
      String impact) throws Exception {
    HttpResponse<String> r = post(m, "/api/v1/messages", "{\"clientId\": \"launch-" + m.party
        + "-" + planned.getEpochSecond() + "\", \"type\": \"launch-notification\", \"message\":"
        + " {\"missileClass\": \"" + missile + "\", \"plannedLaunch\": \"" + planned + "\","
        + " \"launchWindowHours\": 4, \"launchArea\": " + area + ", \"impactAreas\": [" + impact
        + "]}}", m.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  void openLaunches() {
    browser.get(Browser.url(us) + "#/launches");
    browser.driver.executeScript("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    browser.await(By.id("token")).sendKeys(us.viewer);
    browser.driver.findElement(By.id("signin-button")).click();
    browser.awaitPage("launches");
    browser.await(By.cssSelector("#launch-map[data-drawn='yes']"));
  }

  Object js(String script) {
    return browser.driver.executeScript(script);
  }

  long count(String selector) {
    return ((Number) js("return document.querySelectorAll(\"" + selector + "\").length"))
        .longValue();
  }

  boolean inRussia(String selector) {
    return (Boolean) js("const g = document.querySelector(\"" + selector + "\");"
        + " return document.querySelector('.map-country[data-id=\"" + RUSSIA + "\"]')"
        + ".isPointInFill(new DOMPoint(+g.dataset.x, +g.dataset.y))");
  }

  @Test
  void drawsPlannedAndPastLaunchesWithTheirAreasAndVerdicts() throws Exception {
    openLaunches();
    assertThat(browser.driver.findElement(By.id("nav-launches")).isDisplayed()).isTrue();
    assertThat(count(".map-country")).isGreaterThan(100);
    // planned: the Barents Sea (a named sea, labelled) and its impact polygon near Kura
    assertThat(count("g.launch:not(.past)[data-shape=point]")).isEqualTo(1);
    assertThat(count("g.impact:not(.past)[data-shape=polygon] path.map-area")).isEqualTo(1);
    // past: Plesetsk and Vandenberg, their impact circles
    assertThat(count("g.launch.past[data-shape=point] circle.map-mark")).isEqualTo(2);
    assertThat(count("g.impact.past[data-shape=circle] path.map-area")).isEqualTo(2);
    assertThat(js("return document.getElementById('launch-map').dataset.skipped"))
        .isEqualTo("0");
    assertThat(inRussia("g.launch.past[data-shape=point]")).as("Plesetsk on Russian land")
        .isTrue();
    assertThat(inRussia("g.impact.past[data-shape=circle]")).as("Kura on Kamchatka").isTrue();
    assertThat(count("table[data-list=planned] tbody tr")).isEqualTo(1);
    assertThat(count("table[data-list=past] tbody tr")).isEqualTo(2);
    assertThat(count("tr[data-party=RU][data-verdict=met]")).isEqualTo(2);
    assertThat(count("tr[data-party=US][data-verdict=late]")).isEqualTo(1);
    assertThat(count("td.receipt .badge")).as("every notification receipted").isZero();
    assertThat(((Number) js("return performance.getEntriesByType('resource')"
        + ".filter(e => !e.name.startsWith(location.origin)).length")).longValue()).isZero();
    browser.screenshot(SHOTS.resolve("launches-en.png"));
  }

  @Test
  void readsInRussianAndArabic() throws Exception {
    openLaunches();
    for (String lang : List.of("ru", "ar")) {
      browser.language(lang);
      browser.awaitPage("launches");
      browser.await(By.cssSelector("#launch-map[data-drawn='yes']"));
      JsonNode c = Cluster.JSON.readTree(LaunchMapBrowserTest.class.getResourceAsStream(
          "/dev/verity/node/web/assets/i18n/launches/" + lang + ".json"));
      assertThat(browser.driver.findElement(By.cssSelector("section.page h1")).getText())
          .isEqualTo(c.path("launches.title").asText());
      assertThat(browser.driver.findElement(By.id("nav-launches")).getText())
          .isEqualTo(c.path("nav.launches").asText());
      assertThat((String) js("return document.querySelector('.map-legend').textContent"))
          .contains(c.path("launches.layer.impactPast").asText());
      assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir"))
          .isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
      browser.screenshot(SHOTS.resolve("launches-" + lang + ".png"));
    }
    browser.language("en");
    browser.driver.executeScript("localStorage.clear()");
  }
}
