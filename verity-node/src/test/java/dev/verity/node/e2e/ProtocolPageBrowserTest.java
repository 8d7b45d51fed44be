package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.web.DashboardAssetsTest;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard of issue 12 in headless Debian Chromium, in front of {@link ApiStub} (the node
 * runs New START's kinds of message only until typed messages and declared protocols reach it):
 * the navigation built from the page registry for the 1989 exercise-notification agreement, its
 * protocol page with each notification's subject, timeline and deadline (the core engine's typed
 * obligations, and the same judged in the browser when the node gives none: 14 days ahead on time,
 * 13 days late), compose forms generated from two message schemas and sent, and screenshots in
 * English, Russian and Arabic under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ProtocolPageBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final String EXERCISES = "major-strategic-exercises-1989";
  Browser browser;
  ApiStub stub;

  @BeforeAll
  void start() throws Exception {
    if (Browser.installed()) {
      browser = new Browser();
    }
  }

  @BeforeEach
  void requireBrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  void stop() throws Exception {
    Browser.closeAll(browser, stub);
  }

  /** A stub of a US node under {@code agreement}: US notified 14 days ahead, RU 13. */
  ApiStub exercises(boolean typed) throws Exception {
    if (stub != null) {
      stub.close();
    }
    stub = new ApiStub(AgreementCatalog.get(EXERCISES), typed)
        .message("US", 0, "major-strategic-exercise", Instant.parse("2021-10-01T09:00:00Z"),
            fields("exerciseStart", "2021-10-15", "remarks", "heavy bombers, 3 days"))
        .message("RU", 0, "major-strategic-exercise", Instant.parse("2021-10-02T09:00:00Z"),
            fields("exerciseStart", "2021-10-15"));
    return stub;
  }

  static ObjectNode fields(String... kv) {
    ObjectNode o = CanonicalJson.mapper().createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return o;
  }

  void signIn(String hash, String page) {
    browser.get(stub.url() + "#/" + hash);
    browser.driver.executeScript("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    browser.await(By.id("token")).sendKeys(ApiStub.TOKEN);
    browser.driver.findElement(By.id("signin-button")).click();
    browser.awaitPage(page);
  }

  void go(String hash, String page) {
    browser.get(stub.url() + "#/" + hash);
    browser.awaitPage(page);
  }

  @Test
  @Order(1)
  void theNavigationIsBuiltFromTheRegistryForTheAgreement() throws Exception {
    exercises(true);
    signIn("", "messages"); // the first page that applies: this agreement counts nothing
    Map<String, Boolean> shown = new TreeMap<>();
    for (WebElement a : browser.driver.findElements(By.cssSelector("#nav a[data-page]"))) {
      shown.put(a.getAttribute("data-page"), a.isDisplayed());
    }
    assertThat(shown).containsEntry("messages", true).containsEntry("compose", true)
        .containsEntry("obligations", true).containsEntry("protocols", true).containsEntry("log",
            true)
        .containsEntry("overview", false).containsEntry("inventory", false)
        .containsEntry("inspections", false).containsEntry("commission", false)
        .containsEntry("escrow", false).containsEntry("reconciliation", false);
    assertThat(browser.driver.findElement(By.id("nav-protocols")).getText()).isEqualTo("Protocols");
    // the agreement's own label file, served from its definition
    assertThat(browser.driver.findElement(
        By.cssSelector("#messages-table tr[data-party='RU'] td:nth-child(3)"))
        .getText()).isEqualTo("notification of a major strategic exercise");
  }

  @Test
  @Order(2)
  void theProtocolPageShowsEachSubjectWithItsTimelineAndTheEnginesDeadlines() throws Exception {
    exercises(true);
    signIn("protocols", "protocols");
    assertProtocolPage(false);
    // the obligations page shows the same typed obligations, by their fields
    go("obligations", "obligations");
    WebElement late =
        browser.driver.findElement(By.cssSelector("#obligations-table tr[data-status='late']"));
    assertThat(late.getText()).contains("RU").contains("RU#0").contains("late");
    assertThat(late.getAttribute("data-regime")).isEqualTo("exercise-notification");
  }

  @Test
  @Order(3)
  void withoutTheNodesObligationsTheBrowserJudgesTheSameDeadlines() throws Exception {
    exercises(false);
    signIn("protocols/exercise-notification", "protocols");
    assertProtocolPage(true);
  }

  private void assertProtocolPage(boolean judgedHere) {
    List<WebElement> subjects = browser.driver.findElements(By.cssSelector(
        "section.protocol[data-protocol='exercise-notification'] article.subject"));
    assertThat(subjects).extracting(s -> s.getAttribute("data-subject")).containsExactly("RU#0",
        "US#0");
    WebElement us = subjects.get(1);
    assertThat(us.getAttribute("data-state")).isEqualTo("notified");
    assertThat(us.findElements(By.cssSelector("li.step[data-entry='US/0']"))).hasSize(1);
    assertThat(us.findElement(By.cssSelector("li.step")).getText())
        .contains("Exercise begins (date, UTC)")
        .contains("heavy bombers, 3 days");
    WebElement usDeadline =
        us.findElement(By.cssSelector("tr[data-deadline='fourteen-days-ahead']"));
    assertThat(usDeadline.getAttribute("data-status")).isEqualTo("met");
    WebElement ruDeadline = subjects.get(0)
        .findElement(By.cssSelector("tr[data-deadline='fourteen-days-ahead']"));
    assertThat(ruDeadline.getAttribute("data-status")).isEqualTo("late");
    assertThat(ruDeadline.getText()).contains("at least 14 days before the exercise begins")
        .contains("late")
        .contains("RU #0");
    assertThat(ruDeadline.getText().contains("judged in this browser")).isEqualTo(judgedHere);
    String rules = browser.driver.findElement(By.id("rules-exercise-notification")).getText();
    assertThat(rules).contains("due at least 14 days before: Exercise begins (date, UTC)")
        .contains("at most 1 per calendar year");
    assertThat(browser.driver.findElement(By.cssSelector(".protocol-refusals")).getText())
        .contains("None: every logged step follows");
  }

  @Test
  @Order(4)
  void theComposeFormComesFromTheSchemaAndSends() throws Exception {
    exercises(true);
    signIn("compose?type=major-strategic-exercise", "compose");
    assertThat(browser.driver.findElement(By.id("f-exerciseStart")).getAttribute("type"))
        .isEqualTo("date");
    assertThat(browser.driver.findElement(By.id("f-remarks")).getTagName()).isEqualTo("textarea");
    assertThat(browser.driver.findElement(By.cssSelector(".field[data-field='remarks'] label"))
        .getText())
        .isEqualTo("Remarks (optional)");
    browser.driver.findElement(By.id("send")).click();
    assertThat(browser.await(By.id("err-exerciseStart")).getText()).isEqualTo("Required.");
    assertThat(stub.submitted).isEmpty();
    browser.driver.executeScript("arguments[0].value = '2022-03-20'",
        browser.driver.findElement(By.id("f-exerciseStart")));
    browser.driver.findElement(By.id("f-remarks")).sendKeys("two days");
    browser.driver.findElement(By.id("send")).click();
    browser.await(By.id("sent-link"));
    JsonNode sent = stub.submitted.get(0);
    assertThat(sent.path("type").asText()).isEqualTo("major-strategic-exercise");
    assertThat(sent.path("message")).isEqualTo(fields("exerciseStart", "2022-03-20", "remarks",
        "two days"));
  }

  @Test
  @Order(5)
  void aFormWithBoundsChoicesAndPlacesChecksWhatTheSchemaSays() throws Exception {
    Agreement launches;
    try (Reader r = new InputStreamReader(ProtocolPageBrowserTest.class.getResourceAsStream(
        "launch-notices-test.yaml"), StandardCharsets.UTF_8)) {
      launches = AgreementCatalog.loader().load("launch-notices-test.yaml", r);
    }
    if (stub != null) {
      stub.close();
    }
    stub = new ApiStub(launches, true);
    signIn("compose?type=launch-notice", "compose");
    assertThat(new Select(browser.driver.findElement(By.id("f-missileType"))).getOptions())
        .extracting(WebElement::getText).containsExactly("—", "icbm", "slbm");
    WebElement count = browser.driver.findElement(By.id("f-count"));
    assertThat(count.getAttribute("min")).isEqualTo("1");
    assertThat(count.getAttribute("max")).isEqualTo("3");
    browser.driver.findElement(By.id("f-launch")).sendKeys("L 1");
    count.sendKeys("4");
    browser.driver.findElement(By.id("f-launchArea")).sendKeys("95");
    browser.driver.findElement(By.id("f-launchArea-lon")).sendKeys("40.58");
    browser.driver.findElement(By.id("f-impactArea")).sendKeys("{\"circle\": {\"radius\": 50}}");
    browser.driver.findElement(By.id("f-window")).sendKeys("two hours");
    browser.driver.findElement(By.id("send")).click();
    assertThat(browser.await(By.id("err-launch")).getText())
        .isEqualTo("An identifier, without spaces.");
    assertThat(text("err-count")).isEqualTo("Out of range: from 1 to 3.");
    assertThat(text("err-launchArea")).startsWith("Latitude −90 to 90");
    assertThat(text("err-impactArea")).startsWith("A circle");
    assertThat(text("err-window")).startsWith("An ISO 8601 duration");
    assertThat(text("err-plannedLaunch")).isEqualTo("Required.");
    assertThat(text("err-observers")).as("optional").isEmpty();
    assertThat(stub.submitted).isEmpty();
    browser.screenshot(SHOTS.resolve("en-compose-launch-errors.png"));

    fill("f-launch", "L-1");
    fill("f-count", "2");
    fill("f-launchArea", "62.93");
    fill("f-impactArea",
        "{\"circle\": {\"center\": {\"lat\": 70.1, \"lon\": 160.5}, \"radius\": 50,"
            + " \"unit\": \"nmi\"}}");
    fill("f-window", "PT2H");
    fill("f-observers", "RU");
    new Select(browser.driver.findElement(By.id("f-missileType"))).selectByValue("slbm");
    browser.driver.executeScript("arguments[0].value = '2022-03-20T06:30'",
        browser.driver.findElement(By.id("f-plannedLaunch")));
    browser.driver.findElement(By.id("send")).click();
    browser.await(By.id("sent-link"));
    JsonNode m = stub.submitted.get(0).path("message");
    assertThat(m.path("plannedLaunch").asText()).isEqualTo("2022-03-20T06:30:00Z");
    assertThat(m.path("count").asInt()).isEqualTo(2);
    assertThat(m.path("launchArea").path("lat").asDouble()).isEqualTo(62.93);
    assertThat(m.path("launchArea").path("lon").asDouble()).isEqualTo(40.58);
    assertThat(m.path("impactArea").path("circle").path("unit").asText()).isEqualTo("nmi");
    assertThat(m.path("observers").get(0).asText()).isEqualTo("RU");
    assertThat(m.has("notes")).isFalse();
  }

  private String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  private void fill(String id, String value) {
    WebElement e = browser.driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(value);
  }

  @Test
  @Order(6)
  void screenshotsInEachLanguage() throws Exception {
    exercises(true);
    signIn("protocols", "protocols");
    for (String lang : List.of("en", "ru", "ar")) {
      browser.language(lang);
      JsonNode c = DashboardAssetsTest.catalogue(lang);
      go("protocols", "protocols");
      assertThat(browser.driver.findElement(By.cssSelector("section.page h1")).getText())
          .isEqualTo(c.path("protocols.title").asText());
      assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir"))
          .isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
      browser.screenshot(SHOTS.resolve(lang + "-protocols.png"));
      go("compose?type=major-strategic-exercise", "compose");
      browser.screenshot(SHOTS.resolve(lang + "-compose-exercise.png"));
      go("obligations", "obligations");
      browser.screenshot(SHOTS.resolve(lang + "-obligations-typed.png"));
    }
    browser.language("en");
    browser.driver.executeScript("localStorage.clear()");
  }
}
