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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The incident map ({@code #/incidents}, assets/incidents.js) in headless Debian Chromium against
 * two node processes on the US-Russia military line, on exercise clocks (issue 14). The MQ-9
 * over the Black Sea, 14 March 2023 (../shared/docs/domain/hotline-and-launch-notifications.md
 * §1.2): the United States reports it, and each side states its position, the two contradicting
 * (EUCOM: a Su-27 struck the propeller; Russia: no contact). A second, exercise-only incident
 * gives the map a point beside the MQ-9's area. On the Russian node's dashboard the map draws
 * both where they are, with their categories; selecting the MQ-9 shows both statements side by
 * side, each with its signer; screenshots in en, ru and ar under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class IncidentMapBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  /**
   * The line is in force from 5 February 2026 (us-ru-military-line.yaml): the exercise records
   * the 2023 incident on it, as a register of past incidents would, a year later to the day.
   */
  static final Instant START = Instant.parse("2026-03-14T06:30:00Z");
  /**
   * Where the MQ-9 came down: "in international waters" of the Black Sea south-west of Crimea;
   * the sources give no coordinates, so the report gives an area (approximate, a model).
   */
  static final String MQ9_AREA = "{\"circle\": {\"center\": {\"lat\": 44.2, \"lon\": 32.2},"
      + " \"radius\": 60, \"unit\": \"km\"}}";
  static final String US_SAYS = "A Su-27 struck the propeller of the MQ-9, which was lost in"
      + " international waters.";
  static final String RU_SAYS = "Russian aircraft did not come into contact with the UAV and"
      + " did not use weapons.";
  /** Russia's and Ukraine's ISO 3166-1 numeric codes, their shapes' ids in world-atlas. */
  static final List<String> SHORES = List.of("643", "804");

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
    us = cluster.init("us-ru-military-line", "US", "--exercise", "--exercise-start", "" + START);
    ru = cluster.init("us-ru-military-line", "RU", "--exercise", "--exercise-start", "" + START);
    cluster.pinAll();
    String reyes = HotlineEscalationTest.token(us, "jreyes");
    String orlov = HotlineEscalationTest.token(ru, "iorlov");
    cluster.startAll();
    // 07:03 CET (EUCOM) is 06:03 UTC
    send(us, reyes, "incident-report", Map.of("incident", "\"MQ9-1\"", "occurredAt",
        "\"2023-03-14T06:03:00Z\"", "position", MQ9_AREA, "category",
        "\"incsea-dangerous-manoeuvre\"", "unitsInvolved", "[\"MQ-9A\", \"2 x Su-27\"]",
        "account", "\"Two Su-27s dumped fuel on and flew in front of an MQ-9 in international"
            + " airspace; the MQ-9 was lost.\""));
    send(us, reyes, "incident-statement", Map.of("incident", "\"MQ9-1\"", "statement",
        "\"" + US_SAYS + "\""));
    await("the report at RU", Duration.ofSeconds(60),
        () -> getJson(ru, "/api/v1/hotline").path("incidents").size() == 1);
    // entries of one instant are ordered by Party (RU before US): Russia answers a minute on
    HotlineEscalationTest.aMinuteLater(us, ru);
    send(ru, orlov, "incident-statement", Map.of("incident", "\"MQ9-1\"", "statement",
        "\"" + RU_SAYS + "\""));
    // an exercise incident at a point (not a real event): the map draws points too
    send(ru, orlov, "incident-report", Map.of("incident", "\"EX-2\"", "occurredAt",
        "\"2026-03-14T06:20:00Z\"", "position", "{\"lat\": 55.2, \"lon\": 19.4}", "category",
        "\"dma-laser\"", "unitsInvolved", "[\"exercise unit\"]", "account",
        "\"Exercise only: a laser pointed at an aircraft.\""));
    for (Member m : List.of(us, ru)) {
      await("both incidents and statements at " + m.party, Duration.ofSeconds(60), () -> {
        JsonNode inc = getJson(m, "/api/v1/hotline").path("incidents");
        return inc.size() == 2 && inc.path(1).path("statements").path("US").size() == 1
            && inc.path(1).path("statements").path("RU").size() == 1
            && inc.path(1).path("statements").path("US").path(0).has("receiptedAt");
      });
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

  static void send(Member m, String token, String type, Map<String, String> fields)
      throws Exception {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : ", ").append('"').append(k)
        .append("\": ").append(v));
    HttpResponse<String> r = post(m, "/api/v1/messages", "{\"clientId\": \"" + type + "-"
        + m.party + "-" + fields.get("incident").replace("\"", "") + "\", \"type\": \"" + type
        + "\", \"message\": {" + body + "}}", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  Object js(String script, Object... args) {
    return browser.js(script, args);
  }

  long count(String selector) {
    return browser.count(selector);
  }

  /** Russia's dashboard, signed in as a viewer, on the incident map once drawn. */
  void openMap() {
    browser.signInAt(ru, "incidents", ru.viewer, "incidents");
    browser.await(By.cssSelector("#incident-map[data-drawn='yes']"));
  }

  /** Whether the centre of {@code selector}'s feature lies on the land of country {@code id}. */
  boolean onLand(String selector, String id) {
    return (Boolean) js("const g = document.querySelector(arguments[0]);"
        + " const c = document.querySelector('.map-country[data-id=\"' + arguments[1] + '\"]');"
        + " return c.isPointInFill(new DOMPoint(+g.dataset.x, +g.dataset.y))", selector, id);
  }

  /** The left edge of party {@code p}'s statement column on the page. */
  double left(String p) {
    return ((Number) js("return document.querySelector('#incident-detail"
        + " .hl-statement[data-party=\"' + arguments[0] + '\"]').getBoundingClientRect().left",
        p)).doubleValue();
  }

  double top(String p) {
    return ((Number) js("return document.querySelector('#incident-detail"
        + " .hl-statement[data-party=\"' + arguments[0] + '\"]').getBoundingClientRect().top",
        p)).doubleValue();
  }

  String text(String selector) {
    return (String) js("return document.querySelector(arguments[0]).textContent", selector);
  }

  /** A category's label: data, in the agreement's own label file (not the dashboard's). */
  static String category(String lang, String id) throws Exception {
    return Cluster.JSON.readTree(IncidentMapBrowserTest.class.getResourceAsStream(
        "/dev/verity/core/agreement/i18n/us-ru-military-line." + lang + ".json"))
        .path("incident.category." + id).asText();
  }

  @Test
  void drawsEachIncidentWhereItOccurredAndShowsBothStatementsSideBySide() throws Exception {
    openMap();
    assertThat(browser.driver.findElement(By.id("nav-incidents")).isDisplayed()).isTrue();
    assertThat(count(".map-country")).as("the region's countries").isGreaterThan(20);
    assertThat(count("g.incident[data-id='MQ9-1'][data-shape=circle] path.map-area"))
        .isEqualTo(1);
    assertThat(count("g.incident[data-id='EX-2'][data-shape=point] circle.map-mark"))
        .isEqualTo(1);
    assertThat(js("return document.getElementById('incident-map').dataset.skipped"))
        .isEqualTo("0");
    for (String shore : SHORES) {
      assertThat(onLand("g.incident[data-id='MQ9-1']", shore)).as("at sea, not on " + shore)
          .isFalse();
    }
    assertThat(text("g.incident[data-id='MQ9-1'] .map-label"))
        .isEqualTo(category("en", "incsea-dangerous-manoeuvre"));
    assertThat(text("g.incident[data-id='EX-2'] .map-label"))
        .isEqualTo(category("en", "dma-laser"));
    assertThat(text("#incident-detail")).contains("Select an incident");

    js("document.querySelector(\"g.incident[data-id='MQ9-1']\")"
        + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
    browser.await(By.cssSelector("#incident-detail [data-incident='MQ9-1']"));
    assertThat(count("g.incident.selected[data-id='MQ9-1']")).isEqualTo(1);
    assertThat(text(".hl-statement[data-party=US]")).contains(US_SAYS);
    assertThat(text(".hl-statement[data-party=US] .inc-signer")).contains("Signed by")
        .contains("United States of America").contains("jreyes").contains("US #");
    assertThat(text(".hl-statement[data-party=RU]")).contains(RU_SAYS);
    assertThat(text(".hl-statement[data-party=RU] .inc-signer")).contains("Signed by")
        .contains("Russian Federation").contains("iorlov").contains("RU #");
    assertThat(count(".hl-statement .inc-signer")).isEqualTo(2);
    assertThat(top("US")).as("side by side").isEqualTo(top("RU"));
    assertThat(left("US")).as("the agreement's Party order, left to right").isLessThan(left("RU"));
    assertThat((String) js("return location.hash")).isEqualTo("#/incidents/MQ9-1");
    assertThat(((Number) js("return performance.getEntriesByType('resource')"
        + ".filter(e => !e.name.startsWith(location.origin)).length")).longValue()).isZero();
    browser.screenshot(SHOTS.resolve("incidents-en.png"));
  }

  @Test
  void readsInRussianAndArabicRightToLeft() throws Exception {
    openMap();
    browser.get(Browser.url(ru) + "#/incidents/MQ9-1");
    browser.awaitPage("incidents");
    for (String lang : List.of("ru", "ar")) {
      browser.language(lang);
      browser.awaitPage("incidents");
      browser.await(By.cssSelector("#incident-detail [data-incident='MQ9-1']"));
      JsonNode c = Cluster.JSON.readTree(IncidentMapBrowserTest.class.getResourceAsStream(
          "/dev/verity/node/web/assets/i18n/incidents/" + lang + ".json"));
      assertThat(browser.driver.findElement(By.cssSelector("section.page h1")).getText())
          .isEqualTo(c.path("incidents.title").asText());
      assertThat(text("g.incident[data-id='MQ9-1'] .map-label"))
          .isEqualTo(category(lang, "incsea-dangerous-manoeuvre"));
      assertThat(text("#incident-detail h3")).isEqualTo(c.path("incidents.statements").asText());
      // the statements stay in their signed language, beside each other
      assertThat(text(".hl-statement[data-party=US]")).contains(US_SAYS).contains("jreyes");
      assertThat(text(".hl-statement[data-party=RU]")).contains(RU_SAYS).contains("iorlov");
      assertThat(top("US")).isEqualTo(top("RU"));
      boolean rtl = lang.equals("ar");
      assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir"))
          .isEqualTo(rtl ? "rtl" : "ltr");
      assertThat(left("US") > left("RU")).as("the first Party on the reading side").isEqualTo(rtl);
      browser.screenshot(SHOTS.resolve("incidents-" + lang + ".png"));
    }
    browser.language("en");
    browser.driver.executeScript("localStorage.clear()");
  }
}
