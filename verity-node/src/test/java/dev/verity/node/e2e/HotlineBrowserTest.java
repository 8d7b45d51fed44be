package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.notify.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The military line in headless Debian Chromium against two real node processes (issue 14): a
 * flash message to RU raises the alert on RU's dashboard without a reload (server-sent events),
 * visible and audible, with the escalation timeline growing as the exercise clock passes the
 * first rung; the duty officer acknowledges it in the browser, the alert goes, the
 * acknowledgement names the officer and the escalation stops. Screenshots in English, Russian
 * and Arabic under target/screenshots/.
 */
class HotlineBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Instant T0 = HotlineEscalationTest.T0;

  @TempDir Path root;

  @Test
  @Timeout(240)
  void theFlashAlertAppearsLiveAndAcknowledgingItInTheBrowserStopsTheEscalation()
      throws Exception {
    Browser.assumeInstalled();
    try (Cluster c = new Cluster(root); WebhookReceiver ruHook = new WebhookReceiver();
        WebhookReceiver usHook = new WebhookReceiver(); Browser b = new Browser()) {
      Member us = c.init("us-ru-military-line", "US", "--exercise", "--exercise-start", "" + T0);
      Member ru = c.init("us-ru-military-line", "RU", "--exercise", "--exercise-start", "" + T0);
      c.pinAll();
      String reyes = HotlineEscalationTest.token(us, "jreyes");
      String orlov = HotlineEscalationTest.token(ru, "iorlov");
      HotlineEscalationTest.roster(ru, "ru", ruHook.url("/hook"), "verity", 0);
      HotlineEscalationTest.roster(us, "us", usHook.url("/hook"), "verity", 0);
      c.startAll();

      b.get(Browser.url(ru) + "#/hotline");
      b.await(By.id("token")).sendKeys(orlov);
      b.driver.findElement(By.id("signin-button")).click();
      b.awaitPage("hotline");
      b.await(By.id("hotline-empty"));
      b.driver.executeScript("window.__sameDocument = true");

      HotlineEscalationTest.send(us, reyes, "F-1");
      b.waitUp(30).until(ExpectedConditions.visibilityOfElementLocated(
          By.id("flash-alert")));
      assertThat(b.driver.executeScript("return document.getElementById('flash-alert')"
          + ".textContent")).asString().contains("F-1").contains("US");
      assertThat(b.driver.executeScript("return window.__sameDocument === true"))
          .as("no reload").isEqualTo(true);
      assertThat(b.driver.findElement(By.tagName("body")).getAttribute("data-flash-tone"))
          .isEqualTo("on");
      // the clock passes the first rung: the timeline grows live
      HotlineEscalationTest.advance(List.of(us, ru), T0.plusSeconds(5 * 60 + 1));
      b.waitUp(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
          "#hl-F-1-timeline li[data-kind='escalation'][data-status='due']")));
      await("the first rung delivered", Duration.ofSeconds(30),
          () -> ruHook.requests.size() == 1);
      // the page is redrawn live: read it in one script, never through a kept element
      assertThat(done(b, "hl-F-1-receipt")).isEqualTo("yes");
      assertThat(done(b, "hl-F-1-ack")).isEqualTo("no");
      for (String lang : List.of("en", "ru", "ar")) {
        b.language(lang);
        b.awaitPage("hotline");
        b.await(By.id("flash-alert"));
        b.screenshot(SHOTS.resolve(lang + "-hotline-flash-alert.png"));
      }
      b.language("en");
      b.awaitPage("hotline");

      b.waitUp(20).ignoring(StaleElementReferenceException.class)
          .until(d -> {
            d.findElement(By.id("flash-ack-F-1")).click();
            return true;
          });
      try {
        b.waitUp(30).until(ExpectedConditions.invisibilityOfElementLocated(By.id("flash-alert")));
      } catch (TimeoutException e) {
        b.screenshot(SHOTS.resolve("debug-hotline-ack.png"));
        throw new AssertionError(getJson(ru, "/api/v1/hotline").toString(), e);
      }
      b.waitUp(30).until(d -> "yes".equals(done(b, "hl-F-1-ack")));
      assertThat(b.driver.executeScript("return document.getElementById('hl-F-1-ack')"
          + ".textContent")).asString().contains("iorlov");
      assertThat(b.driver.findElement(By.tagName("body")).getAttribute("data-flash-tone"))
          .isEqualTo("off");
      b.screenshot(SHOTS.resolve("en-hotline-acknowledged.png"));

      // an incident, both sides' statements side by side, live
      HotlineEscalationTest.incident(us, reyes, orlov, ru);
      b.waitUp(30).until(d -> d.findElements(By.cssSelector(
          "#incident-MQ9-1 .hl-statement[data-party='RU'] p")).size() == 1);
      for (String lang : List.of("en", "ar")) {
        b.language(lang);
        b.awaitPage("hotline");
        b.await(By.id("incident-MQ9-1"));
        b.screenshot(SHOTS.resolve(lang + "-hotline-incident.png"));
      }
      b.language("en");
      b.awaitPage("hotline");

      // the escalation stopped: an hour on, nothing more was sent, and the page was resolved
      HotlineEscalationTest.advance(List.of(us, ru), T0.plusSeconds(120 * 60));
      JsonNode board = getJson(ru, "/api/v1/hotline");
      assertThat(board.path("notifications")).extracting(n -> n.path("step").asText())
          .containsExactly("duty-officer");
      assertThat(board.path("alarm").asBoolean()).isFalse();
      await("the page resolved", Duration.ofSeconds(30), () -> ruHook.requests.size() == 2);
      assertThat(Cluster.JSON.readTree(ruHook.requests.get(1).body()).path("state").asText())
          .isEqualTo("resolved");
      assertThat(HotlineEscalationTest.message(us, "F-1").path("acknowledgement")
          .path("officer").asText()).isEqualTo("iorlov");
      assertThat(usHook.requests).isEmpty();
    }
  }

  static Object done(Browser b, String id) {
    return b.driver.executeScript("var e = document.getElementById(arguments[0]);"
        + " return e ? e.dataset.done : null", id);
  }
}
