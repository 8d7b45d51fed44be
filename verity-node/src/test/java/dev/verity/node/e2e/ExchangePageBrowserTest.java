package dev.verity.node.e2e;

import static dev.verity.node.e2e.FebruaryFifthNodes.X;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.PersonRecord;
import java.nio.file.Path;
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
 * The Exchanges page in headless Debian Chromium on the mediator's node (the UAE: it has no
 * names, so its page cannot show any) after the exchange of 5 February 2026 ran on four node
 * processes ({@link FebruaryFifthNodes}): the lists and their matches, consent per list, the
 * stage's three columns with the three discrepancies marked, the UAE's cumulative tally with the
 * break named, and bodies declared against received; in English, Russian and Arabic (right to
 * left), screenshots under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class ExchangePageBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path root;
  FebruaryFifthNodes f;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.installed()) {
      return; // every test reports itself skipped, naming what is missing (requireBrowser)
    }
    f = new FebruaryFifthNodes(root);
    f.start();
    f.arrange();
    f.commitLists();
    f.match();
    f.consents();
    f.handOverAndCount();
    f.tally();
    FebruaryFifthNodes.submitOk(f.uae, "mediation-19", "exchange-mediation",
        FebruaryFifthNodes.mediation(19, "2026-03", 200, 5100, "unconfirmed", "a test's break"));
    f.bodies();
    browser = new Browser();
  }

  @BeforeEach
  void requireBrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  void stop() throws Exception {
    Browser.closeAll(browser, f);
  }

  private void openAsMediator() {
    browser.get(Browser.url(f.uae) + "#/exchanges");
    browser.driver().navigate().refresh();
    browser.await(By.id("token")).sendKeys(f.uae.viewer);
    browser.driver().findElement(By.id("signin-button")).click();
    browser.await(By.id("nav-exchanges")).click();
    browser.awaitPage("exchanges");
  }

  @Test
  @Order(1)
  void theMediatorsPageShowsTheStageTheTallyAndNoName() throws Exception {
    openAsMediator();
    var d = browser.driver();
    WebElement section = d.findElement(By.cssSelector("section.exchange[data-exchange='" + X
        + "']"));
    assertThat(section.findElements(By.cssSelector("#lists-" + X + " tbody tr"))).hasSize(10);
    WebElement military = d.findElement(By.cssSelector("#matches-" + X
        + " tr[data-match='UA/military'] .matched"));
    assertThat(military.getText()).isEqualTo("150");
    assertThat(d.findElements(By.cssSelector("#consent-" + X + " .open .b-ok"))).hasSize(2);
    List<String> discrepancies = d.findElements(By.cssSelector(".stage li.discrepancy")).stream()
        .map(WebElement::getText).toList();
    assertThat(discrepancies).hasSize(3);
    assertThat(String.join("\n", discrepancies)).contains("Russian Federation handed 157")
        .contains("Ukraine received 150").contains("United Arab Emirates attests 157");
    WebElement row = d.findElement(By.cssSelector("#stage-" + X
        + "-1 tr[data-direction='RU-UA'][data-category='military']"));
    assertThat(row.getAttribute("class")).contains("bad-row");
    assertThat(row.findElements(By.tagName("mark"))).hasSize(2);
    assertThat(d.findElements(By.cssSelector(".signed-by .badge"))).hasSize(3);
    assertThat(d.findElements(By.cssSelector("#tally-UAE tbody tr"))).hasSize(10);
    assertThat(d.findElement(By.cssSelector("#tally-UAE tr[data-number='19']"))
        .getAttribute("class")).contains("bad-row");
    assertThat(d.findElement(By.cssSelector(".finding.break")).getText())
        .contains("4,955 + 200 = 5,155").contains("5,100");
    assertThat(d.findElement(By.cssSelector("#bodies-transfers tr[data-transfer="
        + "'istanbul-2025-06'] .received")).getText()).isEqualTo("6,057");
    String page = d.findElement(By.tagName("main")).getText();
    for (PersonRecord p : f.written) {
      assertThat(page).doesNotContain(p.surname()).doesNotContain(p.dateOfBirth().toString());
    }
    browser.screenshot(SHOTS.resolve("exchange-en.png"));
  }

  @Test
  @Order(2)
  void inRussianAndArabic() throws Exception {
    for (String lang : List.of("ru", "ar")) {
      browser.language(lang);
      browser.awaitPage("exchanges");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText())
          .isEqualTo(lang.equals("ru")
              ? "Обмены пленными при посредничестве"
              : "تبادل الأسرى بوساطة");
      assertThat(browser.driver().findElements(By.cssSelector(".stage li.discrepancy")))
          .hasSize(3);
      browser.screenshot(SHOTS.resolve("exchange-" + lang + ".png"));
    }
    browser.language("en");
  }
}
