package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.inventory.InventoryFold;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.reconcile.Discrepancy;
import dev.verity.core.reconcile.DiscrepancyKind;
import dev.verity.core.scenario.ForceTemplates;
import dev.verity.core.scenario.PublishedData;
import dev.verity.core.scenario.Scenario;
import dev.verity.core.scenario.ScenarioGenerator;
import dev.verity.node.e2e.Cluster.Member;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The reconciler's planted discrepancies, now through two node processes: a generated scenario
 * (two data exchanges of each Party and the notifications between, with discrepancies planted by
 * the generator) is sent as the Parties would send it, each message at its time of receipt on the
 * exercise clocks, and each node reconciles every data exchange as it arrives, submitted or
 * mirrored. Both nodes find exactly what was planted, and the dashboard shows it.
 *
 * <p>Two kinds of planted discrepancy cannot come out of a node, and the scenarios are chosen
 * without them, as the code below says: a gap in a Party's notification numbers (its node numbers
 * what it sends, without gaps; {@code missing-notification} remains for records made elsewhere),
 * and a notification sent before one it depends on (the node refuses it, naming the other).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class ReconciliationEndToEndTest {
  static final Instant START = Instant.parse("2020-02-27T00:00:00Z");
  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;
  Set<String> planted = new HashSet<>();
  Browser browser;

  @BeforeAll
  void replay() throws Exception {
    Scenario s = scenario();
    cluster = new Cluster(root);
    us = cluster.init("new-start", "US", "--exercise", "--exercise-start", START.toString());
    ru = cluster.init("new-start", "RU", "--exercise", "--exercise-start", START.toString());
    cluster.pinAll();
    cluster.startAll();
    ExerciseParties day = new ExerciseParties(us, ru, START);
    Map<String, Long> sent = new HashMap<>();
    Map<String, Long> renumbered = new HashMap<>();
    for (Timed t : schedule(s)) {
      if (t.at().isAfter(day.now())) {
        await(
            "receipts before time moves",
            Duration.ofSeconds(30),
            () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
        day.advance(Duration.between(day.now(), t.at()));
      }
      Member m = t.party().equals("US") ? us : ru;
      HttpResponse<String> r = post(m, "/api/v1/messages", t.body().toString(), m.operator);
      assertThat(r.statusCode()).as("%s: %s", t.body().path("clientId"), r.body()).isEqualTo(201);
      if (t.number()
          != null) { // the node numbers a Party's notifications in the order it sends them
        long n = sent.merge(t.party(), 1L, Long::sum);
        renumbered.put(t.party() + "#" + t.number(), n);
      }
    }
    for (Discrepancy d : s.key()) {
      planted.add(
          d.item() != null
              ? d.key()
              : d.kind().label()
                  + " "
                  + d.party()
                  + " #"
                  + renumbered.get(d.party() + "#" + d.notification()));
    }
    await(
        "all cosigned",
        Duration.ofSeconds(60),
        () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
  }

  @AfterAll
  void stop() throws Exception {
    Browser.closeAll(browser, cluster);
  }

  /**
   * The first generated scenario (by seed) with several planted discrepancies, none a gap in the
   * numbers, whose notifications each apply when sent in the order of their receipt.
   */
  static Scenario scenario() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<AggregatesTable.Row> rows;
    try (Reader r = PublishedData.newStartAggregates()) {
      rows = AggregatesTable.read(PublishedData.NEW_START_AGGREGATES, r, a);
    }
    ScenarioGenerator g = new ScenarioGenerator(a, rows, ForceTemplates.bundled());
    for (long seed = 1; seed < 400; seed++) {
      Scenario s = g.generate(LocalDate.of(2020, 3, 1), null, 6, seed);
      boolean gap =
          s.key().stream().anyMatch(d -> d.kind() == DiscrepancyKind.MISSING_NOTIFICATION);
      if (!gap
          && s.key().stream().map(Discrepancy::kind).distinct().count() >= 4
          && inReceiptOrder(a, s)) {
        return s;
      }
    }
    throw new AssertionError(
        "no scenario without a gap whose notifications apply in the order of receipt");
  }

  private static boolean inReceiptOrder(Agreement a, Scenario s) throws Exception {
    for (String party : List.of("US", "RU")) {
      InventoryFold fold =
          new InventoryFold(
              a,
              party,
              s.declarations().stream()
                  .filter(d -> d.party().equals(party))
                  .findFirst()
                  .orElseThrow());
      List<Notification> ns =
          s.notifications().stream()
              .filter(n -> n.party().equals(party))
              .sorted(Comparator.comparing(Notification::receivedAt))
              .toList();
      for (Notification n : ns) {
        try {
          fold.add(n);
        } catch (InventoryException refused) {
          return false;
        }
      }
    }
    return true;
  }

  /** One submission and the exercise time it is sent at. */
  record Timed(Instant at, String party, ObjectNode body, Long number) {}

  /**
   * Everything in the order of receipt: the first data exchanges at the start (before any
   * notification about the period), then each notification and the second data exchanges at the
   * times the scenario received them.
   */
  static List<Timed> schedule(Scenario s) {
    List<Timed> out = new ArrayList<>();
    for (Declaration d : s.declarations()) {
      ObjectNode m = DataExchangeJson.mapper().valueToTree(d);
      m.remove("receivedAt");
      Instant at = d.asOf().equals(LocalDate.of(2020, 3, 1)) ? START : d.receivedAt();
      out.add(
          new Timed(
              at, d.party(), body(d.party() + "-declaration-" + d.asOf(), "declaration", m), null));
    }
    for (Notification n : s.notifications()) {
      ObjectNode m = DataExchangeJson.mapper().valueToTree(n);
      m.remove("receivedAt");
      m.remove("number");
      out.add(
          new Timed(
              n.receivedAt(),
              n.party(),
              body(n.party() + "-n" + n.number(), n.type(), m),
              n.number()));
    }
    out.sort(Comparator.comparing(Timed::at));
    return out;
  }

  static ObjectNode body(String clientId, String type, ObjectNode message) {
    ObjectNode o = ExerciseParties.obj("clientId", clientId, "type", type);
    o.set("message", message);
    return o;
  }

  /** Each discrepancy the node reports, as the reconciler's key names it. */
  static Set<String> found(Member m) throws Exception {
    Set<String> out = new HashSet<>();
    for (JsonNode r : getJson(m, "/api/v1/reconciliation").path("reconciliations")) {
      assertThat(r.has("error")).as(r.toString()).isFalse();
      for (JsonNode d : r.path("reconciliation").path("discrepancies")) {
        out.add(
            d.path("kind").asText()
                + " "
                + d.path("party").asText()
                + " "
                + (d.hasNonNull("item")
                    ? d.path("item").asText()
                    : "#" + d.path("notification").asLong()));
      }
    }
    return out;
  }

  @Test
  void bothNodesFindExactlyThePlantedDiscrepancies() throws Exception {
    assertThat(planted).hasSizeGreaterThanOrEqualTo(4);
    assertThat(found(us)).isEqualTo(planted);
    assertThat(getJson(ru, "/api/v1/reconciliation"))
        .isEqualTo(getJson(us, "/api/v1/reconciliation"));
    assertThat(getJson(us, "/api/v1/reconciliation").path("reconciliations")).hasSize(2);
    // items missing from a data exchange, or unexplained, were alarmed as it arrived, on both nodes
    for (String d : planted) {
      if (d.startsWith("missing-item") || d.startsWith("unexplained-item")) {
        String id = d.substring(d.lastIndexOf(' ') + 1);
        for (Member m : List.of(us, ru)) {
          assertThat(getJson(m, "/api/v1/log").path("alarms").toString())
              .as(m.party + " alarms " + d)
              .contains(id);
        }
      }
    }
  }

  @Test
  void theDashboardShowsThem() throws Exception {
    Browser.assumeInstalled();
    browser = new Browser();
    browser.signIn(ru, ru.viewer);
    browser.go(ru, "reconciliation", "reconciliation");
    Set<String> shown = new HashSet<>();
    for (WebElement more : browser.driver.findElements(By.cssSelector("button.more"))) {
      if (more.isDisplayed()) {
        more.click();
      }
    }
    for (WebElement row :
        browser.driver.findElements(By.cssSelector("article.reconciliation tbody tr[data-kind]"))) {
      String party = row.findElement(By.xpath("ancestor::article")).getAttribute("data-party");
      String item = row.getAttribute("data-item");
      shown.add(
          row.getAttribute("data-kind")
              + " "
              + party
              + " "
              + (item.isEmpty() ? "#" + row.getAttribute("data-notification") : item));
    }
    assertThat(shown).isEqualTo(planted);
    assertThat(browser.driver.findElement(By.id("recon-summary")).getAttribute("data-count"))
        .isEqualTo(String.valueOf(planted.size()));
    browser.language("ru");
    browser.go(ru, "reconciliation", "reconciliation");
    assertThat(browser.driver.findElement(By.tagName("h1")).getText())
        .isEqualTo("Сверка обменов данными");
    browser.language("ar");
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    browser.language("en");
  }
}
