package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.e2e.Cluster.Member;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's agreement switcher, on a US and a Russian node that share New START and the
 * military line: every page follows the agreement chosen, and "all agreements" gathers the inbox
 * of both, each row naming its agreement; the switcher speaks en, ru and ar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class AgreementSwitcherBrowserTest {
  static final String LINE = SeveralAgreementsEndToEndTest.LINE;

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
    us = cluster.initIn(List.of("new-start", LINE), "US");
    ru = cluster.initIn(List.of("new-start", LINE), "RU");
    cluster.pinAll();
    cluster.startAll();
    SeveralAgreementsEndToEndTest.submit(us, "new-start", Cluster.exercise("us-ex-1", 1));
    SeveralAgreementsEndToEndTest.submit(us, LINE,
        SeveralAgreementsEndToEndTest.lineMessage("us-line-1"));
    for (String a : List.of("new-start", LINE)) {
      await("US " + a + " cosigned", Duration.ofSeconds(60),
          () -> SeveralAgreementsEndToEndTest.cosigned(us, a));
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

  private Select switcher() {
    return new Select(browser.driver.findElement(By.id("agreement")));
  }

  /** Chooses {@code value} and waits until the messages page has rendered in it. */
  private void choose(String value, String typeOption) {
    // the page shown now is marked: the one to wait for is the next
    browser.driver.executeScript("document.querySelector('section.page').dataset.old = 'yes'");
    switcher().selectByValue(value);
    browser.waitUp(20).until(d -> !d.findElements(By.cssSelector(
        "section.page[data-page='messages'][data-ready='yes']:not([data-old]) #f-type"
            + " option[value='" + typeOption + "']")).isEmpty());
  }

  private List<WebElement> rows() {
    return browser.driver.findElements(By.cssSelector("#messages-table tr[data-party]"));
  }

  @Test
  void everyPageFollowsTheAgreementChosenAndAllGathersTheInbox() {
    browser.signIn(ru, ru.viewer);
    browser.go(ru, "messages?direction=in", "messages");
    assertThat(browser.driver.findElement(By.id("agreement-switch")).isDisplayed()).isTrue();
    assertThat(switcher().getOptions()).extracting(o -> o.getAttribute("value"))
        .containsExactly("new-start", LINE, "all");
    assertThat(rows()).hasSize(1);
    assertThat(browser.driver.findElements(By.cssSelector("#f-type option[value='line-message']")))
        .isEmpty();
    choose(LINE, "line-message");
    assertThat(rows()).hasSize(1);
    assertThat(browser.driver.findElements(By.cssSelector("#f-type option[value='item-moved']")))
        .as("the line's message types, not New START's").isEmpty();
    choose("all", "item-moved"); // the other routes read the home agreement
    assertThat(rows()).extracting(r -> r.getAttribute("data-agreement"))
        .containsExactlyInAnyOrder("new-start", LINE);
    choose("new-start", "item-moved");
    assertThat(rows()).hasSize(1).allSatisfy(r -> assertThat(r.getAttribute("data-agreement"))
        .isNull());
  }

  @Test
  void theSwitcherSpeaksEachLanguage() {
    browser.signIn(ru, ru.viewer);
    for (var lang : List.of(List.of("en", "All agreements"),
        List.of("ru", "Все соглашения"),
        List.of("ar", "جميع الاتفاقات"))) {
      browser.language(lang.get(0));
      assertThat(browser.driver.findElement(By.cssSelector("#agreement option[value='all']"))
          .getText()).isEqualTo(lang.get(1));
    }
    browser.language("en");
  }
}
