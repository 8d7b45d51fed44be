package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.vault.EscrowVault;
import dev.verity.node.cli.inspection.EscrowBenchCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Escrow page in headless Debian Chromium against two node processes under
 * new-start-voluntary-2026 (declarationMode: escrow): US commits a 40-item declaration, its
 * operator reveals three items through the page's form (and is told why a second reveal of one is
 * refused), a hostile US operator forges a reveal around its node, and the RU node's page shows
 * the three verified, the forged one with its problem, and figures equal to the API's; in English,
 * Russian and Arabic (right to left), with screenshots under target/screenshots/. A node under
 * New START (full declarations) hides the page from its navigation and says why on the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class EscrowPageBrowserTest {
  static final String AGREEMENT = "new-start-voluntary-2026";
  static final Path SHOTS = Path.of("target", "screenshots");
  static final List<String> REVEALED = List.of("M-0000001", "S-0000001", "M-0000002");
  static final String FORGED = "M-0000005";

  @TempDir static Path root;
  Cluster cluster;
  Member us;
  Member ru;
  Browser browser;
  String committedRoot;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.installed()) {
      return; // every test reports itself skipped, naming what is missing (requireBrowser)
    }
    cluster = new Cluster(root);
    us = cluster.init(AGREEMENT, "US");
    ru = cluster.init(AGREEMENT, "RU");
    cluster.pinAll();
    cluster.startAll();
    ObjectNode req = Cluster.JSON.createObjectNode();
    req.put("clientId", "us-declaration-2026-03-01");
    req.put("type", "declaration");
    req.set("message", Cluster.JSON.readTree(DataExchangeJson.write(EscrowBenchCommand.synthetic(40))));
    var r = Cluster.post(us, "/api/v1/messages", req.toString(), us.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    committedRoot = getJson(us, "/api/v1/escrow").path("parties").path("US").path("commitments").get(0).path("root").asText();
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

  void signIn(Member m, String token) {
    browser.signIn(m, token);
  }

  void openEscrowFromTheNavigation() {
    browser.await(By.id("nav-escrow")).click();
    browser.awaitPage("escrow");
  }

  void language(String lang) {
    new Select(browser.driver.findElement(By.id("lang"))).selectByValue(lang);
    browser.waitUp(10).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    browser.awaitPage("escrow");
  }

  /** Types {@code items} into the reveal form, submits, and returns the node's answer as shown. */
  WebElement reveal(String items, String answerId) {
    WebElement input = browser.driver.findElement(By.id("reveal-items"));
    input.clear();
    input.sendKeys(items);
    browser.driver.findElement(By.id("reveal-submit")).click();
    return browser.await(By.id(answerId));
  }

  private static long mirrored(Member m) throws Exception {
    return getJson(m, "/api/v1/log").path("peers").get(0).path("mirroredSize").asLong();
  }

  @Test
  @Order(1)
  void theOperatorRevealsItemsThroughTheFormAndSeesTheNodesRefusal() throws Exception {
    signIn(us, us.operator);
    openEscrowFromTheNavigation();
    assertThat(browser.driver.findElement(By.id("escrow-problems")).getAttribute("data-count")).isEqualTo("0");
    WebElement ok = reveal(String.join(", ", REVEALED), "reveal-ok");
    assertThat(ok.getText()).contains("Revealed in 1 log entries, from US #");
    browser.waitUp(10).until(ExpectedConditions.numberOfElementsToBe(
        By.cssSelector("#reveals-US tr[data-ok='yes']"), REVEALED.size()));
    WebElement refused = reveal("M-0000001", "reveal-refused");
    assertThat(refused.getText()).startsWith("The node refused:").contains("M-0000001 was revealed already");
    WebElement invalid = reveal("M-1, not an id!", "reveal-invalid");
    assertThat(invalid.getText()).isEqualTo("Not a unique identifier: not an id!");
    browser.screenshot(SHOTS.resolve("escrow-operator-en.png"));
    JsonNode reveals = getJson(us, "/api/v1/escrow").path("parties").path("US").path("reveals");
    assertThat(reveals.findValuesAsText("item")).containsExactlyInAnyOrderElementsOf(REVEALED);
  }

  @Test
  @Order(2)
  void aForgedRevealWrittenAroundTheNodeReachesThePeer() throws Exception {
    cluster.stop(us);
    List<Reveal> forged = new ArrayList<>();
    try (EscrowVault vault = EscrowVault.open(us.dir.resolve("escrow.db"))) {
      EscrowedDeclaration e = vault.get(AgreementCatalog.get(AGREEMENT), committedRoot).orElseThrow();
      Reveal real = e.reveal(List.of(FORGED)).get(0);
      forged.add(new Reveal(real.item().withWarheads(real.item().warheadCount() + 1), real.salt(), real.index(), real.proof()));
    }
    EscrowEndToEndTest.appendAroundTheNode(us, EscrowEntries.revealBodies(committedRoot, forged).get(0));
    cluster.start(us);
    cluster.awaitUp(us);
    long size = getJson(us, "/api/v1/log").path("size").asLong();
    await("RU mirrors US to " + size, Duration.ofSeconds(30), () -> mirrored(ru) >= size
        && getJson(ru, "/api/v1/escrow").path("parties").path("US").path("reveals").size() == REVEALED.size() + 1);
  }

  @Test
  @Order(3)
  void theOtherPartysPageShowsTheRevealsVerifiedTheForgeryAndTheApisFigures() throws Exception {
    JsonNode api = getJson(ru, "/api/v1/escrow");
    signIn(ru, ru.viewer);
    openEscrowFromTheNavigation();
    assertThat(browser.driver.findElements(By.id("reveal-form"))).as("a viewer has no reveal form").isEmpty();
    // the problems, on top, as the API states them
    WebElement problems = browser.driver.findElement(By.id("escrow-problems"));
    List<String> shown = problems.findElements(By.cssSelector("li")).stream().map(WebElement::getText).toList();
    assertThat(shown).hasSize(1).containsExactlyElementsOf(texts(api.path("problems")));
    assertThat(api.path("problems").get(0).asText()).contains("escrow reveal of " + FORGED + ": does not match the commitment");
    // the commitment card: sizes, root and the aggregates against the limits
    JsonNode c = api.path("parties").path("US").path("commitments").get(0);
    WebElement card = browser.driver.findElement(By.cssSelector(".escrow-party[data-party='US'] .commitment"));
    assertThat(card.getAttribute("data-root")).isEqualTo(c.path("root").asText()).isEqualTo(committedRoot);
    assertThat(number(card.findElement(By.cssSelector(".committed")).getText())).isEqualTo(40).isEqualTo(c.path("size").asLong());
    assertThat(number(card.findElement(By.cssSelector(".revealed")).getText())).isEqualTo(3).isEqualTo(c.path("revealed").asLong());
    assertThat(card.findElement(By.cssSelector("progress")).getAttribute("value")).isEqualTo("3");
    Map<String, Long> aggregates = new TreeMap<>();
    c.path("aggregates").fields().forEachRemaining(e -> aggregates.put(e.getKey(), e.getValue().asLong()));
    Map<String, Long> cells = new TreeMap<>();
    card.findElements(By.cssSelector("tr[data-aggregate]")).forEach(tr -> cells.put(tr.getAttribute("data-aggregate"),
        number(tr.findElement(By.cssSelector(".value")).getText())));
    assertThat(cells).isEqualTo(aggregates).containsEntry("deployed_icbm_slbm_hb", 20L);
    // the reveals: three verified, the forged one with its problem highlighted, each linked to its entry
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#reveals-US tbody tr"));
    assertThat(rows).hasSize(api.path("parties").path("US").path("reveals").size());
    for (JsonNode r : api.path("parties").path("US").path("reveals")) {
      WebElement tr = browser.driver.findElement(By.cssSelector("#reveals-US tr[data-item='" + r.path("item").asText() + "']"));
      assertThat(tr.getAttribute("data-ok")).isEqualTo(r.path("ok").asBoolean() ? "yes" : "no");
      assertThat(tr.findElement(By.cssSelector("a.entry-link")).getAttribute("href"))
          .endsWith("#/message/US/" + r.path("entry").path("index").asLong());
      if (!r.path("ok").asBoolean()) {
        assertThat(tr.findElement(By.cssSelector("mark.problem-text")).getText()).isEqualTo(r.path("problem").asText());
      }
    }
    assertThat(browser.driver.findElements(By.cssSelector("#reveals-US tr[data-ok='yes']")).stream()
        .map(tr -> tr.getAttribute("data-item")).toList()).containsExactlyInAnyOrderElementsOf(REVEALED);
    assertThat(browser.driver.findElement(By.cssSelector("#reveals-US tr[data-item='" + FORGED + "']"))
        .getAttribute("data-ok")).isEqualTo("no");
    browser.screenshot(SHOTS.resolve("escrow-en.png"));
  }

  @Test
  @Order(4)
  void thePageReadsInRussianAndRightToLeftInArabic() throws Exception {
    language("ru");
    awaitHeading("Депонированные декларации");
    assertThat(browser.driver.findElement(By.id("nav-escrow")).getText()).isEqualTo("Депонирование");
    browser.screenshot(SHOTS.resolve("escrow-ru.png"));
    language("ar");
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    assertThat(browser.driver.executeScript(
        "return getComputedStyle(document.querySelector('section.page')).direction")).isEqualTo("rtl");
    awaitHeading("الإعلانات المودعة");
    // the table's start edge is on the right: the item column lies right of the entry column
    WebElement first = browser.driver.findElement(By.cssSelector("#reveals-US thead th:first-child"));
    WebElement last = browser.driver.findElement(By.cssSelector("#reveals-US thead th:last-child"));
    assertThat(first.getRect().getX()).isGreaterThan(last.getRect().getX());
    browser.screenshot(SHOTS.resolve("escrow-ar.png"));
    language("en");
    awaitHeading("Escrowed declarations");
    assertThat(browser.driver.findElement(By.id("nav-escrow")).isDisplayed()).isTrue();
  }

  @Test
  @Order(5)
  void underAnAgreementWithFullDeclarationsThePageSaysSoAndTheNavigationHidesIt() throws Exception {
    try (Cluster open = new Cluster(root.resolve("open"))) {
      Member node = open.init("new-start", "US");
      open.startAll();
      signIn(node, node.viewer);
      assertThat(browser.driver.findElement(By.id("nav-escrow")).isDisplayed()).isFalse();
      browser.get(Browser.url(node) + "#/escrow");
      browser.awaitPage("escrow");
      assertThat(browser.await(By.id("escrow-open")).getText())
          .isEqualTo("New START publishes full declarations: nothing is held in escrow.");
      assertThat(browser.driver.findElements(By.id("escrow-content"))).isEmpty();
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  void awaitHeading(String text) {
    browser.waitUp(10).until(d -> text.equals(d.findElement(By.cssSelector("section.page[data-ready='yes'] h1")).getText()));
  }

  static long number(String text) {
    return Long.parseLong(text.replaceAll("[^0-9-]", ""));
  }
}
