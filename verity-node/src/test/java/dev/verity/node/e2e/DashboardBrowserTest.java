package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.web.DashboardAssetsTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The dashboard in headless Debian Chromium against two real node processes (US and RU under New
 * START, a generated scenario exchanged between them): sign in, overview figures equal the API's,
 * a notification composed in the browser arrives cosigned in the other node's inbox, an inclusion
 * proof verified in the browser, Arabic right to left, a viewer refused compose, and a screenshot
 * of every page in each language under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(240)
class DashboardBrowserTest {
  static final int NOTIFICATIONS = 15;
  static final String AS_OF = "2020-09-01";
  static final Path SHOTS = Path.of("target", "screenshots");

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
    us = cluster.init("new-start", "US");
    ru = cluster.init("new-start", "RU");
    cluster.pinAll();
    cluster.startAll();
    List<Submission> usMsgs = DemoScenario.submissions("US", NOTIFICATIONS, 1);
    List<Submission> ruMsgs = DemoScenario.submissions("RU", NOTIFICATIONS, 1);
    for (int i = 0; i < Math.max(usMsgs.size(), ruMsgs.size()); i++) {
      if (i < usMsgs.size()) {
        TwoNodeEndToEndTest.submit(us, usMsgs.get(i));
      }
      if (i < ruMsgs.size()) {
        TwoNodeEndToEndTest.submit(ru, ruMsgs.get(i));
      }
    }
    await("all cosigned", Duration.ofSeconds(60), () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
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

  /** What the dashboard shows in {@code lang}: the shared message file and every provision's. */
  static JsonNode catalogue(String lang) throws Exception {
    return DashboardAssetsTest.catalogue(lang);
  }

  static long number(String text) {
    return Long.parseLong(text.replaceAll("[^0-9-]", ""));
  }

  @Test
  @Order(1)
  void theNodeServesThePagesWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> r = Cluster.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Browser.url(us))).GET(), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
    String base = Browser.url(us);
    HttpResponse<String> js = Cluster.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "assets/app.js")).GET(), null);
    assertThat(js.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(Cluster.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "assets/..%2Fapi%2Fopenapi.json")).GET(), null)
        .statusCode()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void overviewFiguresAreTheApisFigures() throws Exception {
    browser.signIn(us, us.operator);
    browser.go(us, "overview?asOf=" + AS_OF, "overview");
    JsonNode c = getJson(us, "/api/v1/compliance?asOf=" + AS_OF).path("parties");
    assertThat(c).hasSize(2);
    int checked = 0;
    for (JsonNode p : c) {
      for (JsonNode l : p.path("limits")) {
        WebElement row = browser.driver.findElement(By.cssSelector(
            "tr[data-party='" + p.path("party").asText() + "'][data-limit='" + l.path("name").asText() + "']"));
        assertThat(number(row.findElement(By.cssSelector(".value")).getText())).isEqualTo(l.path("value").asLong());
        assertThat(number(row.findElement(By.cssSelector(".max")).getText())).isEqualTo(l.path("max").asLong());
        assertThat(number(row.findElement(By.cssSelector(".margin")).getText())).isEqualTo(l.path("margin").asLong());
        assertThat(row.getText()).contains("within");
        checked++;
      }
    }
    assertThat(checked).isEqualTo(6);
    // one chart per limit, each with the published series and the node's own for both Parties
    List<WebElement> charts = browser.driver.findElements(By.cssSelector("#charts svg.chart"));
    assertThat(charts).hasSize(3);
    for (WebElement ch : charts) {
      assertThat(ch.findElements(By.cssSelector("path.series"))).hasSize(4);
      assertThat(ch.getText()).contains("limits in force").contains("expiry");
    }
  }

  @Test
  @Order(3)
  void aNotificationComposedInTheBrowserArrivesCosignedInThePeersInbox() throws Exception {
    browser.signIn(us, us.operator);
    browser.go(us, "compose?type=bomber-exercise", "compose");
    WebElement clientId = browser.driver.findElement(By.id("f-clientId"));
    clientId.clear();
    clientId.sendKeys("ui-exercise-1");
    browser.driver.findElement(By.id("send")).click();
    String href = browser.await(By.id("sent-link")).getAttribute("href");
    long index = Long.parseLong(href.substring(href.lastIndexOf('/') + 1));
    JsonNode own = getJson(us, "/api/v1/messages/US/" + index);
    assertThat(own.path("type").asText()).isEqualTo("bomber-exercise");
    assertThat(own.path("entry").path("clientId").asText()).isEqualTo("ui-exercise-1");

    browser.signIn(ru, ru.viewer);
    String row = "tr[data-party='US'][data-index='" + index + "'][data-status='cosigned']";
    await("US #" + index + " cosigned in RU's inbox", Duration.ofSeconds(30), () -> {
      browser.go(ru, "messages?direction=in&type=bomber-exercise", "messages");
      return !browser.driver.findElements(By.cssSelector(row)).isEmpty();
    });
    assertThat(browser.driver.findElement(By.cssSelector(row)).getText()).contains("cosigned");
  }

  @Test
  @Order(4)
  void composeChecksFieldsBeforeSendingAndShowsTheNodesRefusal() throws Exception {
    browser.signIn(us, us.operator);
    long before = getJson(us, "/api/v1/log").path("size").asLong();
    browser.go(us, "compose?type=item-moved", "compose");
    browser.driver.findElement(By.id("send")).click();
    assertThat(browser.await(By.id("err-item")).getText()).isEqualTo("Required.");
    assertThat(browser.driver.findElement(By.id("err-facility")).getText()).isEqualTo("Required.");
    WebElement clientId = browser.driver.findElement(By.id("f-clientId"));
    clientId.clear();
    clientId.sendKeys("not valid!");
    browser.driver.findElement(By.id("f-item")).sendKeys("US-NO-SUCH-ITEM");
    browser.driver.findElement(By.id("f-facility")).sendKeys("US-MINOT-AIR");
    browser.driver.findElement(By.id("send")).click();
    assertThat(browser.driver.findElement(By.id("err-clientId")).getText()).contains("128");
    assertThat(browser.driver.findElement(By.id("err-item")).getText()).isEmpty();
    clientId.clear();
    clientId.sendKeys("ui-bad-move-1");
    browser.driver.findElement(By.id("send")).click();
    browser.waitUp(10).until(d -> d.findElement(By.id("compose-form")).getText().contains("efused"));
    assertThat(browser.driver.findElement(By.id("compose-form")).getText()).contains("US-NO-SUCH-ITEM");
    assertThat(getJson(us, "/api/v1/log").path("size").asLong()).isEqualTo(before);
  }

  @Test
  @Order(5)
  void anInclusionProofIsVerifiedInTheBrowser() throws Exception {
    browser.signIn(us, us.viewer);
    browser.go(us, "message/RU/3", "message");
    browser.driver.findElement(By.id("verify")).click();
    WebElement result = browser.await(By.cssSelector("#verify-result[data-ok]"));
    assertThat(result.getAttribute("data-ok")).as(result.getText()).isEqualTo("yes");
    assertThat(result.getText()).startsWith("Verified in this browser").contains("verity.example/new-start/RU");
    // the same code refuses an altered entry and a wrong index; the fallback SHA-256 is right
    Object r = browser.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        (async () => {
          const m = await import('/assets/merkle.js');
          const tok = JSON.parse(sessionStorage.getItem('verity.session')).token;
          const x = await (await fetch('/api/v1/messages/RU/3', {headers: {Authorization: 'Bearer ' + tok}})).json();
          const path = x.proof.path.map(m.b64ToBytes), root = m.parseCheckpoint(x.proof.checkpoint).root;
          const e = m.b64ToBytes(x.entryBase64);
          const good = await m.verifyInclusion(e, x.proof.index, x.proof.treeSize, path, root);
          const wrongIndex = await m.verifyInclusion(e, x.proof.index + 1, x.proof.treeSize, path, root);
          e[20] ^= 1;
          const altered = await m.verifyInclusion(e, x.proof.index, x.proof.treeSize, path, root);
          const abc = m.toHex(m.sha256js(new TextEncoder().encode('abc')));
          const long = m.toHex(m.sha256js(new Uint8Array(1000).fill(97))) === m.toHex(await m.sha256(new Uint8Array(1000).fill(97)));
          done([good.ok, wrongIndex.ok, altered.ok, abc, long]);
        })().catch(err => done(String(err)));
        """);
    assertThat(r).isEqualTo(List.of(true, false, false,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true));
  }

  @Test
  @Order(6)
  void arabicIsLaidOutRightToLeftAndTranslated() throws Exception {
    browser.signIn(us, us.operator);
    browser.go(us, "overview?asOf=" + AS_OF, "overview");
    JsonNode ar = catalogue("ar");
    browser.language("ar");
    WebElement html = browser.driver.findElement(By.tagName("html"));
    assertThat(html.getAttribute("dir")).isEqualTo("rtl");
    assertThat(html.getAttribute("lang")).isEqualTo("ar");
    assertThat(browser.driver.findElement(By.cssSelector("#nav a[data-page='overview']")).getText())
        .isEqualTo(ar.path("nav.overview").asText());
    assertThat(browser.driver.findElement(By.cssSelector("section.page h1")).getText()).isEqualTo(ar.path("overview.title").asText());
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-party='US'][data-limit='warheads'] th")).getText())
        .isEqualTo(ar.path("limit.warheads").asText());
    // mirrored: the brand sits at the right, the tools at the left
    int brand = browser.driver.findElement(By.cssSelector(".brand")).getRect().getX();
    int tools = browser.driver.findElement(By.cssSelector(".tools")).getRect().getX();
    assertThat(brand).isGreaterThan(tools);
    // the choice persists across pages and reloads
    browser.go(us, "messages", "messages");
    browser.driver.navigate().refresh();
    browser.awaitPage("messages");
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    assertThat(browser.driver.findElement(By.cssSelector("section.page h1")).getText()).isEqualTo(ar.path("messages.title").asText());
    browser.language("en");
    assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
  }

  @Test
  @Order(7)
  void aViewerCannotCompose() throws Exception {
    browser.signIn(us, us.viewer);
    assertThat(browser.driver.findElement(By.id("nav-compose")).isDisplayed()).isFalse();
    browser.go(us, "compose", "compose");
    assertThat(browser.driver.findElement(By.id("compose-refused")).getText()).contains("viewer");
    assertThat(browser.driver.findElements(By.id("compose-form"))).isEmpty();
    Object status = browser.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const tok = JSON.parse(sessionStorage.getItem('verity.session')).token;
        fetch('/api/v1/messages', {method: 'POST', headers: {Authorization: 'Bearer ' + tok, 'Content-Type': 'application/json'},
          body: JSON.stringify({clientId: 'viewer-1', type: 'bomber-exercise', message: {eventTime: '2020-09-01T00:00:00Z'}})})
          .then(r => done(r.status), e => done(String(e)));
        """);
    assertThat(status).isEqualTo(403L);
  }

  @Test
  @Order(8)
  void theLogPageShowsTheCheckpointsWithTheirReceiptsAndNoAlarm() throws Exception {
    browser.signIn(us, us.viewer);
    browser.go(us, "log", "log");
    long size = getJson(us, "/api/v1/log").path("size").asLong();
    assertThat(number(browser.driver.findElement(By.id("log-size")).getText())).isEqualTo(size);
    assertThat(browser.driver.findElements(By.cssSelector("#checkpoints-table tr[data-size='" + size + "']"))).hasSize(1);
    assertThat(browser.driver.findElement(By.cssSelector("#peers-table tr[data-peer='RU']")).getText()).contains("up to date");
    assertThat(browser.driver.findElement(By.id("alarms")).getText()).startsWith("No alarms");
    browser.go(us, "message/US/3", "message");
    assertThat(browser.driver.findElement(By.cssSelector(".peer-receipt")).getText()).isEqualTo("RU cosigned");
  }

  @Test
  @Order(9)
  void screenshotsOfEveryPageInEachLanguage() throws Exception {
    String[][] pages = {
        {"overview?asOf=" + AS_OF, "overview", "overview"},
        {"messages", "messages", "messages"},
        {"message/RU/3", "message", "message"},
        {"compose?type=item-added", "compose", "compose"},
        {"inventory?asOf=" + AS_OF, "inventory", "inventory"},
        {"inventory?asOf=" + AS_OF + "&party=US&facility=US-MINOT-AIR", "inventory", "inventory-facility"},
        {"obligations", "obligations", "obligations"},
        {"log", "log", "log"}};
    int shots = 0;
    for (String lang : List.of("en", "ru", "ar")) {
      browser.signIn(us, us.operator);
      browser.language(lang);
      for (String[] p : pages) {
        browser.go(us, p[0], p[1]);
        if (p[1].equals("message")) {
          browser.driver.findElement(By.id("verify")).click();
          browser.await(By.cssSelector("#verify-result[data-ok='yes']"));
        }
        browser.screenshot(SHOTS.resolve(lang + "-" + p[2] + ".png"));
        shots++;
      }
      browser.driver.findElement(By.id("signout")).click();
      browser.await(By.id("token"));
      browser.screenshot(SHOTS.resolve(lang + "-signin.png"));
      browser.signIn(us, us.viewer);
      browser.language(lang);
      browser.go(us, "compose", "compose");
      browser.screenshot(SHOTS.resolve(lang + "-compose-viewer.png"));
      shots += 2;
    }
    assertThat(shots).isEqualTo(30);
    browser.driver.executeScript("localStorage.clear()");
  }
}
