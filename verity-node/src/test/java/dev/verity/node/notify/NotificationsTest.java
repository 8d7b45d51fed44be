package dev.verity.node.notify;

import dev.verity.node.config.SecretRef;
import static dev.verity.node.notify.NotificationFixtures.flash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.config.ConfigException;
import dev.verity.node.notify.Delivery.Failed;
import dev.verity.node.notify.Delivery.Failure;
import dev.verity.node.notify.NotifyConfig.Webhook;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  static NotifyConfig oneHook(SecretRef token, String url) {
    return new NotifyConfig(
        RetryPolicy.DEFAULT,
        List.of(
            new Webhook(
                "hook", WebhookFormat.VERITY, URI.create(url), token, Duration.ofSeconds(2))));
  }

  @Test
  void aSecretThatCannotBeReadIsAnErrorAtStartNotAtTheFirstAlarm() {
    assertThatThrownBy(
            () ->
                Notifications.of(
                    oneHook(new SecretRef("VERITY_HOOK", null), "http://127.0.0.1:1/"),
                    Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage("notification target hook: environment variable VERITY_HOOK is not set");
    assertThatThrownBy(
            () ->
                Notifications.of(
                    oneHook(new SecretRef(null, Path.of("/nonexistent/t")), "http://127.0.0.1:1/"),
                    Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage("notification target hook: cannot read /nonexistent/t: NoSuchFileException");
  }

  @Test
  void anUnknownTargetFailsAtOnce() throws Exception {
    try (Notifications n = Notifications.of(NotifyConfig.none(), Map.<String, String>of()::get)) {
      assertThat(n.targets()).isEmpty();
      assertThat(n.send("nobody", flash()).get())
          .isEqualTo(
              new Failed(
                  "nobody", 0, Failure.CONFIGURATION, "no notification target named nobody"));
    }
  }

  @Test
  void sendsOffTheCallersThreadAndLogsTheOutcome() throws Exception {
    try (WebhookReceiver r = new WebhookReceiver();
        CapturedLog log = new CapturedLog();
        Notifications n =
            Notifications.of(oneHook(null, r.url("/hook")), Map.<String, String>of()::get)) {
      Delivery d = n.sendAll(List.of("hook"), flash()).get().get(0);
      assertThat(d).isEqualTo(new Delivery.Delivered("hook", 1, "HTTP 200"));
      assertThat(r.requests).hasSize(1);
      assertThat(log.lines())
          .singleElement()
          .asString()
          .startsWith(
              "INFO notification flash-unacknowledged delivered to hook (HTTP 200, attempt 1)")
          .contains("notification=us-ru-military-line/US/17/flash")
          .contains("target=hook");
    }
  }
}
