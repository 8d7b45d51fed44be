package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.ceasefire.Action;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Answer;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.Answer.Ground;
import dev.verity.core.ceasefire.CeasefireMessages;
import dev.verity.core.ceasefire.Commitment;
import dev.verity.core.ceasefire.Count;
import dev.verity.core.ceasefire.Means;
import dev.verity.core.ceasefire.Observation;
import dev.verity.core.ceasefire.Period;
import dev.verity.core.ceasefire.Position;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.GeoPoint;
import dev.verity.node.e2e.Cluster.Member;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15's talks and joint ceasefire register, on real node processes on exercise clocks, and
 * their dashboard pages in headless Debian Chromium in English, Russian and Arabic (screenshots
 * under target/screenshots/).
 *
 * <p>Talks ({@code trilateral-talks-2026}; US, RU, UA): round 2 of Abu Dhabi with its tracks and
 * sessions; a joint draft in two versions (a redline) initialled by all three; signed by the US
 * and Ukraine it is still not agreed, and agreed on every node only once Russia signs the same
 * hash. An action item is Russia's obligation. Russia's report to its capital: only the anchor
 * reaches the log, the content stays in Russia's {@code capital-reports/}; a grep of the other
 * nodes' files and APIs finds no trace of it, and the content later opens the anchor.
 *
 * <p>Register ({@code ceasefire-monitoring}; UA, RU, SMM, US): a commitment proposed by the
 * mediator and countersigned by all; a claim for an event before the agreed start, marked and not
 * counted; both Parties' claims for the same day with opposite attribution, the other side's
 * dispute, a request to verify and the monitor's finding, side by side with the differences
 * named; the next day's report identical on every node, its previous period equal to the prior
 * report's figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class TalksAndRegisterBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final List<String> LANGS = List.of("en", "ru", "ar");
  static final String TEXT = "exchange-314";
  static final String SECRET = "Capital report " + UUID.randomUUID() + ": no progress on"
      + " territory; the exchange of 314 goes ahead";

  @TempDir static Path root;
  Browser browser;

  @BeforeEach
  void requireBrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  void stop() throws Exception {
    Browser.closeAll(browser, null);
  }

  /** Every node of a test on one exercise clock: each step is sent at the clock's time. */
  static final class Clock {
    final List<Member> all;

    Clock(List<Member> all) {
      this.all = all;
    }

    void at(String instant) throws Exception {
      for (Member m : all) {
        HttpResponse<String> r = post(m, "/api/v1/exercise/clock",
            "{\"advanceTo\":\"" + instant + "\"}", m.operator);
        assertThat(r.statusCode()).as(m.party + " clock: " + r.body()).isEqualTo(200);
      }
    }
  }

  static JsonNode send(Member m, String type, String fields) throws Exception {
    String body = "{\"clientId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type
        + "\",\"message\":" + fields + "}";
    HttpResponse<String> r = post(m, "/api/v1/messages", body, m.operator);
    assertThat(r.statusCode()).as(m.party + " " + type + ": " + r.body()).isEqualTo(201);
    return Cluster.json(r);
  }

  static JsonNode send(Member m, Action a) throws Exception {
    Step s = CeasefireMessages.step(new EntryRef(m.party, 0), Instant.EPOCH, a,
        m.party.equals("SMM"));
    return send(m, s.type(), s.fields().json().toString());
  }

  /**
   * Waits until every node has folded every other node's whole log, and the logs hold at least
   * {@code entries} entries in all.
   */
  static void synced(List<Member> all, String what, int entries) throws Exception {
    await(what, Duration.ofSeconds(90), () -> {
      Map<String, Long> sizes = new HashMap<>();
      for (Member m : all) {
        sizes.put(m.party, getJson(m, "/api/v1/log").path("size").asLong());
      }
      if (sizes.values().stream().mapToLong(Long::longValue).sum() < entries) {
        return false;
      }
      for (Member m : all) {
        for (JsonNode peer : getJson(m, "/api/v1/log").path("peers")) {
          if (peer.path("mirroredSize").asLong() < sizes.get(peer.path("party").asText())) {
            return false;
          }
        }
      }
      return true;
    });
  }

  // ---------------------------------------------------------------- talks

  @Test
  @Order(1)
  void aTextIsAgreedOnlyWhenAllThreeSignedTheSameHashAndTheCapitalReportStaysHome()
      throws Exception {
    try (Cluster c = new Cluster(root.resolve("talks"))) {
      String start = "2026-02-03T00:00:00Z";
      Member us = c.init("trilateral-talks-2026", "US", "--exercise", "--exercise-start", start);
      Member ru = c.init("trilateral-talks-2026", "RU", "--exercise", "--exercise-start", start);
      Member ua = c.init("trilateral-talks-2026", "UA", "--exercise", "--exercise-start", start);
      List<Member> all = List.of(us, ru, ua);
      c.pinAll();
      c.startAll();
      Clock clock = new Clock(all);
      clock.at("2026-02-03T12:00:00Z");
      send(us, "talks-round", "{\"number\":2,\"venue\":\"Abu Dhabi\",\"host\":\"UAE\","
          + "\"firstDay\":\"2026-02-04\",\"lastDay\":\"2026-02-05\",\"closed\":true}");
      clock.at("2026-02-04T05:00:00Z");
      send(ru, "talks-roster", "{\"head\":\"Igor Kostyukov\",\"members\":[{\"name\":"
          + "\"Igor Kostyukov\"},{\"name\":\"Kirill Dmitriev\",\"post\":\"head of the RDIF\"}]}");
      send(ua, "talks-roster", "{\"head\":\"Rustem Umerov\",\"members\":[{\"name\":"
          + "\"Rustem Umerov\"},{\"name\":\"Kyrylo Budanov\"},{\"name\":\"Andrii Hnatov\"}]}");
      send(us, "talks-roster", "{\"head\":\"Steve Witkoff\",\"members\":[{\"name\":"
          + "\"Steve Witkoff\"},{\"name\":\"Jared Kushner\"}]}");
      send(us, "talks-track", "{\"round\":2,\"track\":{\"id\":\"security\","
          + "\"name\":\"Security and military\"}}");
      send(us, "talks-track", "{\"round\":2,\"track\":{\"id\":\"humanitarian\","
          + "\"name\":\"Humanitarian\"}}");
      send(us, "talks-agenda-item", "{\"id\":\"pows\",\"round\":2,\"track\":\"humanitarian\","
          + "\"title\":\"Exchange of prisoners of war\"}");
      send(us, "talks-text", text("Each side releases 157 prisoners of war."));
      synced(all, "round 2 and the first version on every node", 8);
      clock.at("2026-02-04T12:00:00Z");
      send(us, "talks-session", "{\"id\":\"r2-s1\",\"round\":2,\"kind\":\"plenary\","
          + "\"delegations\":[\"US\",\"RU\",\"UA\"],\"start\":\"2026-02-04T06:00:00Z\","
          + "\"end\":\"2026-02-04T08:00:00Z\"}");
      send(ru, "talks-session", "{\"id\":\"r2-s2\",\"round\":2,\"kind\":\"working-group\","
          + "\"track\":\"humanitarian\",\"delegations\":[\"RU\",\"UA\"],"
          + "\"start\":\"2026-02-04T09:00:00Z\",\"end\":\"2026-02-04T11:00:00Z\"}");
      send(ua, "talks-text", text("Each side releases 157 prisoners of war, 314 in all."));
      send(us, "talks-action-item", "{\"id\":\"lists-ru\",\"round\":2,\"owner\":\"RU\","
          + "\"description\":\"hand over the list of the 157\",\"due\":\"2026-02-05T12:00:00Z\"}");
      synced(all, "the second version on every node", 12);
      String v2 = textOf(us).path("versions").get(1).path("hash").asText();
      String v1 = textOf(us).path("versions").get(0).path("hash").asText();
      assertThat(textOf(ru).path("versions").get(1).path("redline").path("changes").get(0)
          .path("kind").asText()).isEqualTo("changed");
      clock.at("2026-02-05T09:00:00Z");
      for (Member m : all) {
        send(m, "talks-initial", mark(v2));
      }
      synced(all, "three initials", 15);
      for (Member m : all) {
        assertThat(state(m)).as(m.party).isEqualTo("initialled");
      }
      clock.at("2026-02-05T10:00:00Z");
      send(us, "talks-sign", mark(v2));
      send(ua, "talks-sign", mark(v2));
      HttpResponse<String> wrong = post(ru, "/api/v1/messages", "{\"clientId\":\"ru-v1\","
          + "\"type\":\"talks-sign\",\"message\":" + mark(v1) + "}", ru.operator);
      assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(422);
      assertThat(wrong.body()).contains("not-initialled");
      synced(all, "two signatures", 17);
      for (Member m : all) {
        assertThat(state(m)).as("signed by two of three, on %s", m.party).isEqualTo("initialled");
      }
      clock.at("2026-02-05T11:00:00Z");
      send(ru, "talks-sign", mark(v2));
      send(ru, "talks-action-item-done", "{\"item\":\"lists-ru\",\"note\":\"handed over\"}");
      capitalReport(ru);
      synced(all, "the third signature", 20);
      for (Member m : all) {
        assertThat(state(m)).as("agreed on %s", m.party).isEqualTo("agreed");
        JsonNode marks = textOf(m);
        assertThat(marks.path("signatures").findValuesAsText("hash")).containsOnly(v2);
        JsonNode owed = getJson(m, "/api/v1/talks?asOf=2026-02-05T11:00:00Z").path("obligations");
        assertThat(owed.get(0).path("subject").asText()).isEqualTo("lists-ru");
        assertThat(owed.get(0).path("party").asText()).isEqualTo("RU");
        assertThat(owed.get(0).path("status").asText()).isEqualTo("met");
      }
      theCapitalReportNeverLeftItsNode(ru, List.of(us, ua));
      talksPages(us, all);
    }
  }

  static String text(String clause) {
    return "{\"text\":\"" + TEXT + "\",\"kind\":\"draft\",\"round\":2,\"track\":\"humanitarian\","
        + "\"agendaItem\":\"pows\",\"clauses\":[{\"id\":\"1\",\"text\":\"" + clause + "\"}]}";
  }

  static String mark(String hash) {
    return "{\"text\":\"" + TEXT + "\",\"hash\":\"" + hash + "\"}";
  }

  static JsonNode textOf(Member m) throws IOException {
    return getJson(m, "/api/v1/talks/texts/" + TEXT).path("text").path("text");
  }

  static String state(Member m) throws IOException {
    return getJson(m, "/api/v1/talks/texts/" + TEXT).path("text").path("state").asText();
  }

  void capitalReport(Member ru) throws Exception {
    HttpResponse<String> r = post(ru, "/api/v1/talks/capital-reports",
        "{\"round\":2,\"content\":\"" + SECRET + "\"}", ru.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    HttpResponse<String> viewer = post(ru, "/api/v1/talks/capital-reports",
        "{\"round\":2,\"content\":\"x\"}", ru.viewer);
    assertThat(viewer.statusCode()).isEqualTo(403);
  }

  /** Issue 15: "A capital's report content never leaves its node; a test greps the others." */
  void theCapitalReportNeverLeftItsNode(Member ru, List<Member> others) throws Exception {
    JsonNode reports = getJson(ru, "/api/v1/talks/capital-reports").path("reports");
    assertThat(reports).hasSize(1);
    String anchor = reports.get(0).path("anchor").asText();
    assertThat(reports.get(0).path("anchored").isNull()).isFalse();
    for (Member m : others) {
      JsonNode anchors = getJson(m, "/api/v1/talks").path("talks").path("rounds").get(0)
          .path("capitalReports");
      assertThat(anchors.findValuesAsText("hash")).as(m.party).containsExactly(anchor);
      for (String path : List.of("/api/v1/talks", "/api/v1/messages?limit=100",
          "/api/v1/talks/texts/" + TEXT, "/api/v1/talks/capital-reports")) {
        String body = Cluster.get(m, path, m.viewer).body();
        assertThat(body).as(m.party + path).doesNotContain("no progress on territory");
      }
      assertThat(filesContaining(m.dir, "no progress on territory")).as(m.party).isEmpty();
    }
    assertThat(filesContaining(ru.dir, "no progress on territory"))
        .allSatisfy(p -> assertThat(ru.dir.relativize(p).toString()).startsWith("capital-reports"))
        .hasSize(1);
    HttpResponse<String> opened = post(ru, "/api/v1/talks/capital-reports/open",
        "{\"anchor\":\"" + anchor + "\"}", ru.operator);
    JsonNode o = Cluster.json(opened);
    assertThat(Cluster.cli("talks", "open-report", "--node", Browser.url(ru), "--token",
        ru.operator, "--anchor", anchor)).contains("no progress on territory");
    assertThat(o.path("content").asText()).isEqualTo(SECRET);
    ObjectNode check = Cluster.JSON.createObjectNode();
    check.put("party", "RU").put("round", 2).put("content", SECRET)
        .put("salt", o.path("salt").asText()).put("anchor", anchor);
    Member us = others.get(0);
    JsonNode checked = Cluster.json(post(us, "/api/v1/talks/capital-reports/check",
        check.toString(), us.viewer));
    assertThat(checked.path("opens").asBoolean()).isTrue();
    assertThat(checked.path("anchoredAt").asText()).isEqualTo("2026-02-05T11:00:00Z");
    check.put("content", SECRET + ".");
    assertThat(Cluster.json(post(us, "/api/v1/talks/capital-reports/check", check.toString(),
        us.viewer)).path("opens").asBoolean()).isFalse();
  }

  static List<Path> filesContaining(Path dir, String needle) throws IOException {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(p), n) >= 0) {
          out.add(p);
        }
      }
    }
    return out;
  }

  static int indexOf(byte[] hay, byte[] n) {
    outer:
    for (int i = 0; i + n.length <= hay.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (hay[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  void talksPages(Member us, List<Member> all) throws Exception {
    browser = browser == null ? new Browser() : browser;
    signIn(us, "talks");
    for (String lang : LANGS) {
      browser.language(lang);
      browser.awaitPage("talks");
      WebElement text = browser.await(By.cssSelector("article.text[data-text='" + TEXT + "']"));
      assertThat(text.getAttribute("data-state")).isEqualTo("agreed");
      assertThat(browser.driver.findElements(By.cssSelector("#talks-rounds article.round")))
          .hasSize(1);
      assertThat(browser.driver.findElements(
          By.cssSelector("#talks-actions tr[data-status='met']")))
          .hasSize(1);
      browser.driver.findElement(By.cssSelector("article.text details.versions summary")).click();
      browser.screenshot(SHOTS.resolve(lang + "-talks-round.png"));
    }
    browser.language("en");
  }

  void signIn(Member m, String page) {
    browser.get(Browser.url(m) + "#/" + page);
    browser.driver.executeScript("sessionStorage.clear()");
    browser.driver.navigate().refresh();
    browser.await(By.id("token")).sendKeys(m.viewer);
    browser.driver.findElement(By.id("signin-button")).click();
    browser.awaitPage(page);
  }

  // ---------------------------------------------------------------- register

  @Test
  @Order(2)
  void claimsFromBothSidesAndTheMonitorsFindingSideBySideWithIdenticalReports() throws Exception {
    try (Cluster c = new Cluster(root.resolve("register"))) {
      String start = "2026-03-01T00:00:00Z";
      List<Member> all = new ArrayList<>();
      for (String p : List.of("UA", "RU", "SMM", "US")) {
        all.add(c.init("ceasefire-monitoring", p, "--exercise", "--exercise-start", start));
      }
      Member ua = all.get(0);
      Member ru = all.get(1);
      Member smm = all.get(2);
      Member us = all.get(3);
      c.pinAll();
      c.startAll();
      Clock clock = new Clock(all);
      clock.at("2026-03-01T10:00:00Z");
      Commitment terms = new Commitment("energy-2026", "cessation of fire along the line of"
          + " contact and of strikes on energy infrastructure", List.of(),
          List.of("oil-refinery", "electricity-generation-transmission"),
          Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), false,
          null);
      send(us, terms);
      synced(all, "the commitment on every node", 1);
      clock.at("2026-03-01T11:00:00Z");
      for (Member m : List.of(ua, ru, smm)) {
        send(m, new Countersign(terms.id(), terms.termsHash()));
      }
      clock.at("2026-03-01T12:00:00Z");
      send(ua, new FileClaim("ua-early", seen("donetsk", 4, "RU", "2026-03-01T11:30:00Z")));
      synced(all, "countersigned by all", 5);
      clock.at("2026-03-02T12:00:00Z");
      send(ua, new FileClaim("ua-1", seen("donetsk", 19, "RU", "2026-03-02T08:00:00Z")));
      send(ru, new FileClaim("ru-1", seen("donetsk", 36, "UA", "2026-03-02T08:00:00Z")));
      send(smm, new FileClaim("smm-1", seen("donetsk", 12, null, "2026-03-02T09:00:00Z")));
      synced(all, "three claims", 8);
      clock.at("2026-03-02T14:00:00Z");
      send(ru, new Answer.Dispute("ua-1", Ground.ATTRIBUTION,
          "our positions did not fire", "UA"));
      send(ua, new Answer.VerificationRequest("ua-1", "crater analysis at the position"));
      synced(all, "the dispute and the request", 10);
      clock.at("2026-03-02T16:00:00Z");
      send(smm, new Answer.Finding("ua-1", FindingStatus.CORROBORATED, "RU",
          "craters consistent with fire from the east", List.of()));
      clock.at("2026-03-03T12:00:00Z");
      send(ua, new FileClaim("ua-2", seen("luhansk", 7, "RU", "2026-03-03T06:00:00Z")));
      send(ru, new FileClaim("ru-2", seen("luhansk", 5, "UA", "2026-03-03T06:00:00Z")));
      synced(all, "the finding and the next day's claims", 13);
      clock.at("2026-03-03T18:00:00Z"); // after 19:30 Kyiv: the report of 3 March is closed
      theRegisterIsTheSameOnEveryNode(all);
      registerPages(us);
    }
  }

  static Observation seen(String region, long n, String by, String at) {
    return Observation.builder().commitment("energy-2026").period(Period.at(Instant.parse(at)))
        .position(new Position(region, region.equals("luhansk") ? new GeoPoint(48.57, 39.31)
            : new GeoPoint(48.0 + n / 100.0, 37.8), null, null))
        .means(Means.HEARD).category("explosion", "impact").count(Count.exact(n))
        .attributedTo(by).build();
  }

  void theRegisterIsTheSameOnEveryNode(List<Member> all) throws Exception {
    String report = "/api/v1/ceasefire/reports/energy-2026/2026-03-03";
    JsonNode first = getJson(all.get(0), report);
    for (Member m : all) {
      JsonNode o = getJson(m, "/api/v1/ceasefire");
      JsonNode c = o.path("commitments").get(0);
      assertThat(c.path("status").asText()).as(m.party).isEqualTo("in-force");
      assertThat(c.path("awaiting")).as(m.party).isEmpty();
      assertThat(getJson(m, report)).as("the report on %s", m.party).isEqualTo(first);
      JsonNode early = getJson(m, "/api/v1/ceasefire/claims/ua-early");
      assertThat(early.path("standing").asText()).isEqualTo("before-start");
      JsonNode ua1 = getJson(m, "/api/v1/ceasefire/claims/ua-1");
      assertThat(ua1.path("answers").findValuesAsText("from")).containsExactly("RU", "UA", "SMM");
      JsonNode sbs = getJson(m, "/api/v1/ceasefire/side-by-side?day=2026-03-02");
      assertThat(sbs.path("total").path("counts").path("UA").asLong()).isEqualTo(19);
      assertThat(sbs.path("total").path("counts").path("RU").asLong()).isEqualTo(36);
      assertThat(sbs.path("differences").findValuesAsText("key")).contains("total", "RU", "UA");
    }
    assertThat(first.path("previousPeriodRule")).isEmpty();
    List<String> printed = new ArrayList<>();
    for (Member m : all) {
      printed.add(Cluster.cli("ceasefire", "report", "--node", Browser.url(m), "--token",
          m.viewer, "--date", "2026-03-03"));
    }
    assertThat(printed).allSatisfy(p -> assertThat(p).isEqualTo(printed.get(0)));
    assertThat(printed.get(0)).contains("Daily report 2 of 2026-03-03 (energy-2026)")
        .contains("Previous period: equals the prior report's figures.");
    JsonNode prior = getJson(all.get(0), "/api/v1/ceasefire/reports/energy-2026/2026-03-02")
        .path("report");
    for (JsonNode s : first.path("report").path("sources")) {
      JsonNode p = prior.path("sources").findParents("participant").stream()
          .filter(x -> x.path("participant").equals(s.path("participant"))).findFirst()
          .orElseThrow();
      assertThat(s.path("previous")).as(s.path("participant").asText())
          .isEqualTo(p.path("period"));
    }
    JsonNode ua = first.path("report").path("sources").findParents("participant").stream()
        .filter(x -> x.path("participant").asText().equals("UA")).findFirst().orElseThrow();
    assertThat(ua.path("period").path("total").asLong()).isEqualTo(7);
    assertThat(ua.path("previous").path("total").asLong()).isEqualTo(19);
    assertThat(ua.path("cumulative").path("total").asLong()).isEqualTo(26); // not the early 4
    JsonNode page = getJson(all.get(0), "/api/v1/ceasefire/register?standing=before-start");
    assertThat(page.path("claims").findValuesAsText("id")).containsExactly("ua-early");
  }

  void registerPages(Member us) throws Exception {
    browser = browser == null ? new Browser() : browser;
    signIn(us, "ceasefire");
    for (String lang : LANGS) {
      browser.language(lang);
      browser.awaitPage("ceasefire");
      browser.await(By.cssSelector("#ceasefire-register tr[data-claim='ua-1']"));
      assertThat(browser.driver.findElements(By.cssSelector(
          "tr[data-claim='ua-1'] li[data-answer]"))).hasSize(3);
      assertThat(browser.driver.findElement(By.cssSelector("tr[data-claim='ua-early']"))
          .getAttribute("data-standing")).isEqualTo("before-start");
      assertThat(browser.driver.findElement(By.id("previous-rule")).getAttribute("data-breaks"))
          .isEqualTo("0");
      new Select(browser.driver.findElement(By.id("side-by-side-date")))
          .selectByValue("2026-03-02");
      WebElement differences = browser.await(By.cssSelector(
          "#side-by-side-day div[data-day='2026-03-02'] #differences"));
      assertThat(Integer.parseInt(differences.getAttribute("data-count")))
          .isGreaterThanOrEqualTo(3);
      assertThat(browser.driver.findElements(By.cssSelector("#side-by-side-day tr.differs")))
          .hasSizeGreaterThanOrEqualTo(3);
      claimsMap(lang);
      browser.screenshot(SHOTS.resolve(lang + "-ceasefire-register.png"));
    }
    browser.language("en");
  }

  /**
   * The page's claims on the offline map: Ukraine's three (the early one greyed), Russia's two,
   * the monitor's observation, and a ring where the monitor found on ua-1; the legend in the
   * page's language, and nothing fetched from elsewhere.
   */
  void claimsMap(String lang) throws Exception {
    WebElement map = browser.await(By.cssSelector("#claims-map[data-drawn='yes']"));
    assertThat(map.getAttribute("data-claims")).isEqualTo("6");
    assertThat(map.getAttribute("data-findings")).isEqualTo("1");
    assertThat(mapped("claim")).isEqualTo(3);
    assertThat(mapped("claim.past")).isEqualTo(1);
    assertThat(mapped("claim-other")).isEqualTo(2);
    assertThat(mapped("observation")).isEqualTo(1);
    assertThat(mapped("finding.finding-corroborated")).isEqualTo(1);
    JsonNode words = Cluster.JSON.readTree(TalksAndRegisterBrowserTest.class.getResourceAsStream(
        "/dev/verity/node/web/assets/i18n/ceasefire/" + lang + ".json"));
    assertThat(map.findElement(By.cssSelector(".map-legend")).getText())
        .contains(words.path("ceasefire.mapFindings").asText())
        .contains(words.path("ceasefire.mapMonitor").asText());
    assertThat(((Number) browser.driver.executeScript("return performance"
        + ".getEntriesByType('resource').filter(e => !e.name.startsWith(location.origin))"
        + ".length")).longValue()).isZero();
    browser.driver.executeScript("arguments[0].scrollIntoView()", map);
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(lang + "-ceasefire-map.png"), map.getScreenshotAs(OutputType.BYTES));
  }

  private int mapped(String cls) {
    return browser.driver.findElements(By.cssSelector(
        "#claims-map svg.map-svg g.map-feature." + cls)).size();
  }
}
