package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.ExerciseParties.obj;
import static dev.verity.node.e2e.ExerciseParties.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The inspection pages (issue 6) in headless Debian Chromium against two real node processes on
 * exercise clocks: a notice of intent composed in the browser (and a second one refused by the
 * rules, shown with the refusal's name), the rest of a Type One inspection's lifecycle through the
 * API with late restrictions and findings that disagree with the declaration; then the Inspections
 * page's gauges and list equal the API's JSON, the inspection's timeline shows its steps with
 * links to their entries, the Commission page lists the automatically raised ambiguity as an open
 * item and, once a session (composed in the browser), an agenda item and a decision signed by both
 * follow, the session, the adopted decision with its amendment and the agreement's new version;
 * the EXERCISE banner shows the exercise clock, and Arabic is laid out right to left.
 * Screenshots of the new pages in each language go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class InspectionPagesBrowserTest {
  private static final By RESTRICTIONS_ROW =
      By.cssSelector("#deadlines-table tr[data-type='inspection-restrictions']");

  static final Instant START = Instant.parse("2020-03-02T00:00:00Z"); // after the data exchange as of 2020-03-01
  static final String ID = "US-2020-01";
  static final String OPEN_ID = "US-2020-02";
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;
  Browser browser;
  ExerciseParties parties;
  String facility;
  String typeTwoFacility;
  JsonNode ruDeclaration;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.installed()) {
      return; // every test reports itself skipped, naming what is missing (requireBrowser)
    }
    cluster = new Cluster(root);
    us = cluster.init("new-start", "US", "--exercise", "--exercise-start", START.toString());
    ru = cluster.init("new-start", "RU", "--exercise", "--exercise-start", START.toString());
    cluster.pinAll();
    cluster.startAll();
    parties = new ExerciseParties(us, ru, START);
    Submission usDecl = DemoScenario.submissions("US", 0, 1).get(0);
    Submission ruDecl = DemoScenario.submissions("RU", 0, 1).get(0);
    parties.accept(us, usDecl.type(), (ObjectNode) usDecl.message());
    parties.accept(ru, ruDecl.type(), (ObjectNode) ruDecl.message());
    ruDeclaration = ruDecl.message();
    facility = baseWithMissiles(ruDeclaration);
    typeTwoFacility = facilityNotOfKinds(ruDecl.message());
    parties.advance(Duration.ofHours(1));
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
  @Order(1)
  void aNoticeComposedInTheBrowserIsLoggedAndASecondOneIsRefusedByTheRules() throws Exception {
    browser.signIn(us, us.operator);
    composeNotice(ID, "ui-notice-1");
    String href = browser.await(By.id("sent-link")).getAttribute("href");
    long index = Long.parseLong(href.substring(href.lastIndexOf('/') + 1));
    JsonNode logged = getJson(us, "/api/v1/messages/US/" + index);
    assertThat(logged.path("type").asText()).isEqualTo("inspection-notice");
    assertThat(logged.path("entry").path("body").path("inspectedParty").asText()).isEqualTo("RU");
    assertThat(logged.path("entry").path("body").path("arrivalTime").asText())
        .isEqualTo(parties.now().plus(Duration.ofHours(33)).toString());
    parties.sync();
    assertThat(getJson(ru, "/api/v1/inspections").path("inspections").get(0).path("id").asText()).isEqualTo(ID);

    long size = getJson(us, "/api/v1/log").path("size").asLong();
    composeNotice("US-2020-99", "ui-notice-2");
    WebElement refusal = browser.await(By.id("compose-refusal"));
    assertThat(refusal.getAttribute("data-refusal")).isEqualTo("OneAtATime");
    assertThat(refusal.getText()).startsWith("Refused by the agreement's rules: another inspection under way").contains(ID);
    assertThat(getJson(us, "/api/v1/log").path("size").asLong()).as("nothing appended").isEqualTo(size);
  }

  @Test
  @Order(2)
  void composeChecksStepFieldsBeforeSending() throws Exception {
    browser.signIn(us, us.operator);
    browser.go(us, "compose?type=inspection-findings", "compose");
    browser.driver.findElement(By.id("f-reentryVehicles")).sendKeys("-3");
    browser.driver.findElement(By.id("f-bomberArmaments")).sendKeys("RU-TU160-1 zero");
    browser.driver.findElement(By.id("send")).click();
    assertThat(browser.await(By.id("err-inspection")).getText()).isEqualTo("Required.");
    assertThat(browser.driver.findElement(By.id("err-reentryVehicles")).getText())
        .isEqualTo("Out of range: from 0 to 99.");
    assertThat(browser.driver.findElement(By.id("err-bomberArmaments")).getText()).startsWith("Each line");
    assertThat(browser.driver.findElement(By.id("err-uniqueIdentifiers")).getText()).as("optional").isEmpty();
    // a selection commitment's checkpoints are filled in from both logs as this node has them
    browser.go(us, "compose?type=inspection-selection-commit", "compose");
    browser.driver.findElement(By.id("fill-checkpoints")).click();
    WebElement cps = browser.driver.findElement(By.id("f-checkpoints"));
    browser.waitUp(10).until(d -> !cps.getAttribute("value").isEmpty());
    List<String> want = new ArrayList<>();
    parties.checkpoints().forEach(c -> want.add(c.path("party").asText() + " " + c.path("origin").asText() + " "
        + c.path("size").asLong() + " " + c.path("rootHash").asText()));
    assertThat(cps.getAttribute("value").split("\n")).containsExactlyElementsOf(want);
    // the commission's steps are offered though no catalogue lists them
    browser.go(us, "compose?type=commission-decision", "compose");
    assertThat(browser.driver.findElement(By.cssSelector(".field[data-field='amendments'] label")).getText())
        .isEqualTo("Amendments (optional)");
    assertThat(browser.driver.findElement(By.cssSelector(".field[data-field='item'] label")).getText()).startsWith("Agenda item");
  }

  @Test
  @Order(3)
  void theInspectionsPageShowsTheApisGaugesAndList() throws Exception {
    lifecycle();
    browser.signIn(ru, ru.viewer);
    browser.go(ru, "inspections", "inspections");
    JsonNode api = getJson(ru, "/api/v1/inspections");
    assertThat(api.path("quotas")).hasSize(4);
    for (JsonNode q : api.path("quotas")) {
      WebElement g = browser.driver.findElement(By.cssSelector(
          "[data-gauge='" + q.path("inspectedParty").asText() + "-" + q.path("type").asInt() + "']"));
      assertThat(number(g, ".used")).isEqualTo(q.path("used").asLong());
      assertThat(number(g, ".quota")).isEqualTo(q.path("quota").asLong());
      assertThat(number(g, ".left")).isEqualTo(q.path("left").asLong());
      assertThat(g.findElements(By.cssSelector(".cell"))).hasSize(q.path("quota").asInt());
      assertThat(g.findElements(By.cssSelector(".cell.used"))).hasSize(q.path("used").asInt());
    }
    assertThat(api.path("quotas").toString()).contains("\"inspectedParty\":\"RU\",\"type\":1,\"treatyYear\":\"2020\",\"used\":1");
    assertThat(api.path("inspections")).hasSize(2);
    for (JsonNode i : api.path("inspections")) {
      WebElement row = browser.driver.findElement(By.cssSelector("tr[data-inspection='" + i.path("id").asText() + "']"));
      assertThat(row.findElement(By.cssSelector("td.type")).getText()).isEqualTo(i.path("type").asInt() == 1 ? "Type One" : "Type Two");
      assertThat(row.getAttribute("data-open")).isEqualTo(i.path("open").asBoolean() ? "yes" : "no");
      assertThat(row.findElement(By.cssSelector("td.report")).getText()).isEqualTo(i.path("jointReportSigned").asBoolean() ? "yes" : "no");
      WebElement counts = row.findElement(By.cssSelector("td.obligations"));
      for (String s : List.of("due", "late", "missing")) {
        assertThat(counts.getAttribute("data-" + s)).isEqualTo(i.path("obligations").path(s).asText());
      }
    }
    assertThat(api.path("exhibitions")).hasSize(1);
    assertThat(api.path("exhibitions").get(0).path("held").asBoolean()).isTrue();
    assertThat(browser.driver.findElement(By.cssSelector("#exhibitions-table tr[data-exhibition='EX-2020-1']")).getText())
        .contains("ICBM").contains(typeTwoFacility).contains("yes").contains("RU-NEW-0001").contains("RU-NEW-0002");
    assertThat(api.path("exemptions")).hasSize(1);
    assertThat(browser.driver.findElement(By.cssSelector("#exemptions-table tr[data-facility='" + facility + "']")).getText())
        .contains("RU").contains("maintenance of the silos");
    WebElement done = browser.driver.findElement(By.cssSelector("tr[data-inspection='" + ID + "']"));
    assertThat(done.getText()).contains(facility).contains("complete");
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-inspection='" + OPEN_ID + "'] td.phase")).getText())
        .isEqualTo("site designated");
    assertThat(browser.driver.findElement(By.id("treaty-year")).getText()).startsWith("Treaty year 2020: Feb 5, 2020 to Feb 5, 2021");
    String clock = getJson(ru, "/api/v1/session").path("exercise").path("now").asText();
    assertThat(browser.driver.findElement(By.id("exercise-banner")).getText()).startsWith("EXERCISE").contains(fmt(clock));
    // on an exercise node the pages open on the exercise clock's day, not today's
    assertThat(browser.driver.findElement(By.id("asof")).getAttribute("value")).isEqualTo(clock.substring(0, 10));
    assertThat(browser.driver.findElement(By.id("asof-today")).getText()).isEqualTo("Exercise clock");
    browser.go(ru, "overview", "overview");
    assertThat(browser.driver.findElement(By.id("asof")).getAttribute("value")).isEqualTo(clock.substring(0, 10));
    // the Obligations page shows an inspection step's deadline from its typed fields (issue 12):
    // the
    // step's type in the page's words and its subject linked to the inspection; a node that still
    // words its deadlines as a sentence has it shown as it came, never parsed back
    browser.go(ru, "obligations?status=late", "obligations");
    WebElement late = browser.driver.findElement(By.cssSelector("#obligations-table tbody tr[data-status='late']"));
    JsonNode owed = null;
    for (JsonNode o : getJson(ru, "/api/v1/obligations").path("obligations")) {
      owed = o.path("status").asText().equals("late") ? o : owed;
    }
    assertThat(owed).as("a late obligation in the API").isNotNull();
    if (owed.has("type")) {
      assertThat(owed.path("type").asText()).isEqualTo("inspection-restrictions");
      assertThat(late.getText()).contains("pre-inspection restrictions in force").contains(ID);
      assertThat(late.findElement(By.cssSelector("a[href$='#/inspection/" + ID + "']")).getText())
          .isEqualTo(ID);
    } else {
      assertThat(late.getText()).contains(owed.path("what").asText());
    }
  }

  @Test
  @Order(4)
  void theInspectionsTimelineShowsItsStepsWithTheirEntries() throws Exception {
    browser.signIn(ru, ru.viewer);
    browser.go(ru, "inspection/" + ID, "inspection");
    JsonNode api = getJson(ru, "/api/v1/inspections/" + ID);
    List<WebElement> steps = browser.driver.findElements(By.cssSelector("#timeline-list li.step"));
    assertThat(steps).hasSize(api.path("timeline").size()).hasSize(11);
    for (int i = 0; i < steps.size(); i++) {
      JsonNode e = api.path("timeline").get(i).path("entry");
      String ref = e.path("party").asText() + "/" + e.path("index").asLong();
      assertThat(steps.get(i).getAttribute("data-entry")).isEqualTo(ref);
      assertThat(steps.get(i).getAttribute("data-type")).isEqualTo(api.path("timeline").get(i).path("type").asText());
      assertThat(steps.get(i).findElement(By.cssSelector("a.entry-ref")).getAttribute("href")).endsWith("#/message/" + ref);
    }
    assertThat(steps.get(0).getText()).contains("notice of intent to inspect").contains("Moscow");
    assertThat(browser.driver.findElement(RESTRICTIONS_ROW)
        .getAttribute("data-status")).isEqualTo("late");
    assertThat(browser.driver.findElement(RESTRICTIONS_ROW).getText())
        .contains("late");
    assertThat(browser.driver.findElement(By.id("signatures")).getText()).contains("signed by both");
    assertThat(browser.driver.findElements(By.cssSelector("#signatures li[data-signed='yes']"))).hasSize(2);
    assertThat(browser.driver.findElement(By.id("selected-missile")).getText()).isEqualTo(api.path("selection").path("missile").asText());
    assertThat(browser.driver.findElement(By.id("recompute")).getText()).startsWith("verity inspection recompute-selection");
    assertThat(browser.driver.findElement(By.id("findings-rv")).getAttribute("data-match")).isEqualTo("no");
    WebElement amb = browser.driver.findElement(By.cssSelector("#ambiguity-list li[data-raised-by='auto']"));
    assertThat(amb.getText()).contains("raised automatically").contains("auto-" + ID + "-1");
    // a step's entry opens its message page, which verifies the inclusion proof in the browser
    steps.get(0).findElement(By.cssSelector("a.entry-ref")).click();
    browser.awaitPage("message");
    assertThat(browser.driver.findElement(By.id("inspection-link")).getText()).isEqualTo(ID);
    assertThat(browser.driver.findElement(By.cssSelector("section.page")).getText()).contains("Inspected Party\nRussian Federation");
    browser.driver.findElement(By.id("verify")).click();
    assertThat(browser.await(By.cssSelector("#verify-result[data-ok]")).getAttribute("data-ok")).isEqualTo("yes");
  }

  @Test
  @Order(5)
  void theCommissionListsTheAutomaticallyRaisedAmbiguityAsAnOpenItem() throws Exception {
    browser.signIn(us, us.viewer);
    browser.go(us, "commission", "commission");
    JsonNode agenda = getJson(us, "/api/v1/commission").path("agenda");
    assertThat(agenda).hasSize(1);
    String item = "auto-" + ID + "-1";
    assertThat(agenda.get(0).path("id").asText()).isEqualTo(item);
    WebElement first = browser.driver.findElement(By.cssSelector("#agenda-table tbody tr"));
    assertThat(first.getAttribute("data-item")).isEqualTo(item);
    assertThat(first.getAttribute("data-open")).isEqualTo("yes");
    assertThat(first.getText()).contains("raised automatically").contains("open");
    assertThat(first.findElements(By.cssSelector("a.entry-ref"))).hasSize(agenda.get(0).path("concerning").size()).isNotEmpty();
    assertThat(browser.driver.findElement(By.id("open-count")).getText()).isEqualTo("Open items on the agenda: 1 of 1.");
  }

  @Test
  @Order(6)
  void theCommissionShowsASessionComposedInTheBrowserAndAnAdoptedDecision() throws Exception {
    browser.signIn(us, us.operator);
    browser.go(us, "compose?type=commission-session", "compose");
    browser.driver.findElement(By.id("f-session")).sendKeys("BCC-2020-1");
    browser.driver.executeScript("arguments[0].value = '2020-03-10'", browser.driver.findElement(By.id("f-date")));
    browser.driver.findElement(By.id("f-place")).sendKeys("Geneva");
    browser.driver.findElement(By.id("send")).click();
    browser.await(By.id("sent-link"));
    JsonNode auto = getJson(us, "/api/v1/commission").path("agenda").get(0);
    ObjectNode item = obj("session", "BCC-2020-1", "item", "BCC-2020-1-1", "title", "reentry vehicles counted on a missile");
    item.set("concerning", auto.path("concerning"));
    parties.advance(Duration.ofHours(1));
    parties.accept(us, "commission-agenda-item", item);
    ObjectNode decision = obj("decision", "D-1", "session", "BCC-2020-1", "item", "BCC-2020-1-1",
        "text", "One more Type One inspection a year", "effectiveFrom", "2021-02-05T00:00:00Z");
    decision.set("amendments", Cluster.JSON.createArrayNode().add(obj("path", "inspections.typeOne", "value", 11)));
    parties.advance(Duration.ofHours(1));
    parties.accept(us, "commission-decision", decision);
    parties.advance(Duration.ofHours(1));
    parties.accept(ru, "commission-decision-signed", obj("decision", "D-1"));

    browser.signIn(ru, ru.viewer);
    browser.go(ru, "commission", "commission");
    assertThat(browser.driver.findElement(By.cssSelector("#sessions-table tr[data-session='BCC-2020-1']")).getText())
        .contains("Mar 10, 2020").contains("Geneva");
    WebElement d = browser.driver.findElement(By.cssSelector("#decisions-list [data-decision='D-1']"));
    assertThat(d.getAttribute("data-adopted")).isEqualTo("yes");
    assertThat(d.getText()).contains("adopted").contains("One more Type One inspection a year").contains("inspections.typeOne = 11")
        .contains("Feb 5, 2021").contains("US signed").contains("RU signed");
    WebElement taken = browser.driver.findElement(By.cssSelector("#agenda-table tr[data-item='BCC-2020-1-1']"));
    assertThat(taken.getAttribute("data-open")).as("closed by the adopted decision").isEqualTo("no");
    assertThat(taken.getText()).contains("decision D-1");
    assertThat(browser.driver.findElements(By.cssSelector("#agenda-table tr[data-source='auto']"))).as("taken up").isEmpty();
    assertThat(browser.driver.findElement(By.id("open-count")).getText()).isEqualTo("Open items on the agenda: 0 of 1.");
    List<WebElement> versions = browser.driver.findElements(By.cssSelector("#versions-list li"));
    assertThat(versions).hasSize(2);
    assertThat(versions.get(1).getAttribute("data-decision")).isEqualTo("D-1");
    assertThat(versions.get(1).getText()).contains("Feb 5, 2021").contains("as amended by decision D-1");
  }

  @Test
  @Order(7)
  void arabicLaysTheInspectionPagesOutRightToLeft() throws Exception {
    browser.signIn(us, us.viewer);
    browser.go(us, "inspections", "inspections");
    browser.language("ar");
    JsonNode ar = DashboardBrowserTest.catalogue("ar");
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    assertThat(browser.driver.findElement(By.cssSelector("section.page h1")).getText()).isEqualTo(ar.path("inspections.title").asText());
    assertThat(browser.driver.findElement(By.cssSelector("[data-gauge='RU-1'] .gauge-label")).getText())
        .isEqualTo(ar.path("insp.type1").asText());
    assertThat(browser.driver.findElement(By.cssSelector("#nav a[data-page='commission']")).getText())
        .isEqualTo(ar.path("nav.commission").asText());
    // the gauge fills from the right: the used cell is to the right of the empty ones
    List<WebElement> cells = browser.driver.findElements(By.cssSelector("[data-gauge='RU-1'] .cell"));
    assertThat(cells.get(0).getAttribute("class")).contains("used");
    assertThat(cells.get(0).getRect().getX()).isGreaterThan(cells.get(cells.size() - 1).getRect().getX());
    browser.go(us, "inspection/" + ID, "inspection");
    assertThat(browser.driver.findElement(By.cssSelector("#timeline h2")).getText()).isEqualTo(ar.path("inspection.timeline").asText());
    WebElement list = browser.driver.findElement(By.id("timeline-list"));
    WebElement firstStep = browser.driver.findElement(By.cssSelector("#timeline-list li.step .step-time"));
    assertThat(firstStep.getRect().getX() + firstStep.getRect().getWidth())
        .as("the timeline runs down the right edge").isGreaterThan(list.getRect().getX() + list.getRect().getWidth() / 2);
    browser.language("en");
  }

  @Test
  @Order(8)
  void screenshotsOfTheInspectionPagesInEachLanguage() throws Exception {
    JsonNode notice = getJson(us, "/api/v1/inspections/" + ID).path("timeline").get(0).path("entry");
    String[][] pages = {
        {"message/" + notice.path("party").asText() + "/" + notice.path("index").asLong(), "message", "message-step"},
        {"inspections", "inspections", "inspections"},
        {"inspection/" + ID, "inspection", "inspection"},
        {"commission", "commission", "commission"},
        {"compose?type=inspection-findings", "compose", "compose-findings"},
        {"compose?type=commission-decision", "compose", "compose-decision"}};
    int shots = 0;
    for (String lang : List.of("en", "ru", "ar")) {
      browser.signIn(us, us.operator);
      browser.language(lang);
      for (String[] p : pages) {
        browser.go(us, p[0], p[1]);
        browser.driver.navigate().refresh(); // a figure, not an assertion: from navigation start to rendered
        browser.awaitPage(p[1]);
        System.out.printf("InspectionPagesBrowserTest: %s %s rendered %s ms after navigation start%n", lang, p[2],
            browser.driver.findElement(By.cssSelector("section.page")).getAttribute("data-ready-at"));
        browser.screenshot(SHOTS.resolve(lang + "-" + p[2] + ".png"));
        shots++;
      }
    }
    assertThat(shots).isEqualTo(18);
    browser.driver.executeScript("localStorage.clear()");
  }

  // ---------- the scripted inspection ----------

  /**
   * The rest of inspection {@link #ID}'s lifecycle, as the Parties' operators would send it
   * through the API: restrictions entered late, findings counting one reentry vehicle more than
   * declared (the projection raises an ambiguity), the joint report signed by both; then a Type
   * Two inspection {@link #OPEN_ID} left open after the designation of its site, an exhibition
   * held, and the first inspection's facility exempted for a month.
   */
  private void lifecycle() throws Exception {
    parties.advance(Duration.ofHours(33));
    parties.accept(us, "inspection-arrival", obj("inspection", ID, "pointOfEntry", "Moscow"));
    parties.advance(Duration.ofHours(1));
    parties.accept(us, "inspection-site", obj("inspection", ID, "facility", facility, "inspectionType", 1));
    parties.advance(Duration.ofMinutes(120)); // due 1 h after the designation: late
    parties.accept(ru, "inspection-restrictions", obj("inspection", ID));
    parties.advance(Duration.ofMinutes(10));
    JsonNode sel = parties.select(ID, 0);
    String missile = sel.path("missile").asText();
    assertThat(missile).as("a missile at " + facility + ": " + sel).isNotBlank();
    parties.advance(Duration.ofMinutes(10));
    parties.accept(us, "inspection-items", obj("inspection", ID, "missile", missile));
    parties.advance(Duration.ofHours(3));
    ObjectNode findings = obj("inspection", ID, "reentryVehicles", declaredWarheads(missile) + 1);
    findings.set("uniqueIdentifiers", Cluster.JSON.createArrayNode().add(missile));
    parties.accept(us, "inspection-findings", findings);
    String digest = sha256(ID + " joint report");
    parties.advance(Duration.ofHours(1));
    parties.accept(us, "inspection-report", obj("inspection", ID, "digest", digest));
    parties.advance(Duration.ofHours(1));
    parties.accept(ru, "inspection-report", obj("inspection", ID, "digest", digest));
    parties.advance(Duration.ofDays(2));
    parties.accept(us, "inspection-notice", obj("inspection", OPEN_ID, "inspectedParty", "RU", "pointOfEntry", "Moscow",
        "arrivalTime", parties.now().plus(Duration.ofHours(33)).toString()));
    parties.advance(Duration.ofHours(33));
    parties.accept(us, "inspection-arrival", obj("inspection", OPEN_ID, "pointOfEntry", "Moscow"));
    parties.advance(Duration.ofHours(1));
    parties.accept(us, "inspection-site", obj("inspection", OPEN_ID, "facility", typeTwoFacility, "inspectionType", 2));
    // an exhibition of a new type (no quota used) and a facility exempted for a month
    parties.advance(Duration.ofHours(1));
    parties.accept(ru, "exhibition-invitation", obj("exhibition", "EX-2020-1", "itemKind", "icbm", "facility", typeTwoFacility,
        "date", parties.now().toString().substring(0, 10)));
    parties.advance(Duration.ofHours(1));
    ObjectNode held = obj("exhibition", "EX-2020-1");
    held.set("uniqueIdentifiers", Cluster.JSON.createArrayNode().add("RU-NEW-0001").add("RU-NEW-0002"));
    parties.accept(us, "exhibition-held", held);
    parties.accept(ru, "inspection-exemption", obj("facility", facility, "from", parties.now().toString(),
        "until", parties.now().plus(Duration.ofDays(30)).toString(), "reason", "maintenance of the silos"));
    parties.sync();
  }

  /** The notice of intent for {@code id}, composed in the browser: arrival 33 hours from the exercise clock. */
  private void composeNotice(String id, String clientId) {
    browser.go(us, "compose?type=inspection-notice", "compose");
    WebElement c = browser.driver.findElement(By.id("f-clientId"));
    c.clear();
    c.sendKeys(clientId);
    browser.driver.findElement(By.id("f-inspection")).sendKeys(id);
    new Select(browser.driver.findElement(By.id("f-inspectedParty"))).selectByValue("RU");
    browser.driver.findElement(By.id("f-pointOfEntry")).sendKeys("Moscow");
    // a datetime-local input's typing order follows the browser's locale: set its value as a user's picker would
    browser.driver.executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id("f-arrivalTime")),
        parties.now().plus(Duration.ofHours(33)).toString().substring(0, 16));
    browser.driver.findElement(By.id("send")).click();
  }

  private long declaredWarheads(String missile) {
    for (JsonNode i : ruDeclaration.path("items")) {
      if (i.path("id").asText().equals(missile)) {
        return i.path("warheads").asLong();
      }
    }
    throw new AssertionError(missile + " not in RU's declaration");
  }

  /** A Russian base for Type One inspections holding missiles in launchers (the selection picks one). */
  static String baseWithMissiles(JsonNode declaration) throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<String> bases = new ArrayList<>();
    declaration.path("facilities").forEach(f -> {
      if (a.inspections().typeOneFacilityKinds().contains(f.path("kind").asText())) {
        bases.add(f.path("id").asText());
      }
    });
    for (JsonNode i : declaration.path("items")) {
      if (i.path("kind").asText().equals("icbm") && i.hasNonNull("launcher") && bases.contains(i.path("facility").asText())) {
        return i.path("facility").asText();
      }
    }
    throw new AssertionError("no Russian base with an ICBM in a launcher");
  }

  /** A Russian facility where Type Two inspections take place. */
  static String facilityNotOfKinds(JsonNode declaration) throws Exception {
    List<String> kinds = AgreementCatalog.get("new-start").inspections().typeOneFacilityKinds();
    for (JsonNode f : declaration.path("facilities")) {
      if (!kinds.contains(f.path("kind").asText())) {
        return f.path("id").asText();
      }
    }
    throw new AssertionError("no Russian facility for Type Two inspections");
  }

  // ---------- the browser ----------

  /** The whole number shown in the element {@code css} inside {@code e}. */
  static long number(WebElement e, String css) {
    return DashboardBrowserTest.number(e.findElement(By.cssSelector(css)).getText());
  }

  /** An instant as the English pages show it (Intl, en, UTC), e.g. "Mar 4, 2020, 11:10 AM UTC". */
  String fmt(String instant) {
    return (String) browser.driver.executeScript("return new Intl.DateTimeFormat('en', {year: 'numeric', month: 'short',"
        + " day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short'}).format(new Date(arguments[0]))",
        instant);
  }
}
