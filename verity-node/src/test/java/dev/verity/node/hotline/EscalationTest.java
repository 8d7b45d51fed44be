package dev.verity.node.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.node.config.ConfigException;
import dev.verity.node.hotline.LineBoard.Message;
import dev.verity.node.hotline.LineBoard.Point;
import dev.verity.node.notify.NotifyConfig;
import dev.verity.node.notify.NotifyConfig.Webhook;
import dev.verity.node.notify.Notifications;
import dev.verity.node.notify.RetryPolicy;
import dev.verity.node.notify.WebhookFormat;
import dev.verity.node.notify.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation to people: a rung goes once to the targets of the officers on duty for its levels,
 * even after a restart (the keys sent are kept in the node's directory); the answer resolves it
 * with the same key.
 */
class EscalationTest {
  static final Instant T = Instant.parse("2026-03-14T07:05:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final WebhookReceiver hook = new WebhookReceiver();

  EscalationTest() throws Exception {}

  @AfterEach
  void close() {
    hook.close();
  }

  Escalation escalation() throws ConfigException {
    DutyRoster roster = new DutyRoster(List.of(
        new DutyRoster.Officer("iorlov", List.of("duty-officer"), null, List.of("hook")),
        new DutyRoster.Officer("night", List.of("duty-officer"),
            new DutyRoster.Shift(LocalTime.of(22, 0), LocalTime.of(6, 0)),
            List.of("night-hook")),
        new DutyRoster.Officer("kvolkov", List.of("watch-commander"), null, List.of("hook"))),
        false);
    NotifyConfig config = new NotifyConfig(RetryPolicy.DEFAULT, List.of(new Webhook("hook",
        WebhookFormat.VERITY, URI.create(hook.url("/in")), null, Duration.ofSeconds(5))));
    return new Escalation("us-ru-military-line", "RU", roster,
        Notifications.of(config, Map.<String, String>of()::get), dir.resolve(Escalation.FILE));
  }

  static Message message(String state) {
    return new Message("F-1", "US", "RU", "flash", null, "Break off.", "en", "jreyes",
        T.minusSeconds(300), new EntryRef("US", 0), state, null, null, null, null, null,
        List.of(), T, Status.MISSING, null, null, List.of(), false, state.equals("sent"));
  }

  static final Point RUNG = new Point(Kind.ESCALATION, "duty-officer", "RU", T, Status.DUE, 1,
      List.of("duty-officer"));

  @Test
  void aRungGoesOnceToTheOfficersOnDutyAndTheAnswerResolvesIt() throws Exception {
    try (Escalation e = escalation()) {
      e.rung(message("sent"), RUNG, T);
      e.rung(message("sent"), RUNG, T.plusSeconds(1)); // judged again: not sent again
      awaitRequests(1);
      assertThat(e.sent()).singleElement().satisfies(s -> {
        assertThat(s.officers()).containsExactly("iorlov"); // the night shift is off duty
        assertThat(s.sentAt()).isEqualTo(T);
      });
      var fired = JSON.readTree(hook.requests.get(0).body());
      assertThat(fired.path("key").asText())
          .isEqualTo("us-ru-military-line/US/F-1/duty-officer/1");
      assertThat(fired.path("state").asText()).isEqualTo("firing");
      assertThat(fired.path("severity").asText()).isEqualTo("critical");
      e.resolve(message("acknowledged"), T.plusSeconds(60));
      e.resolve(message("acknowledged"), T.plusSeconds(61));
      awaitRequests(2);
      var resolved = JSON.readTree(hook.requests.get(1).body());
      assertThat(resolved.path("key").asText()).isEqualTo(fired.path("key").asText());
      assertThat(resolved.path("state").asText()).isEqualTo("resolved");
    }
    // a restarted node does not page anyone twice
    try (Escalation again = escalation()) {
      again.rung(message("sent"), RUNG, T.plusSeconds(5));
      assertThat(again.sent()).isEmpty();
    }
    assertThat(hook.requests).hasSize(2); // and it sent nothing: the key was known
  }

  void awaitRequests(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (hook.requests.size() < n && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(hook.requests).hasSize(n);
  }
}
