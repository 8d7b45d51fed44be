package dev.verity.node.notify;

import dev.verity.node.notify.Notification.Severity;
import dev.verity.node.notify.Notification.State;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** Notifications the notify tests send: a flash message nobody acknowledged, in Russian. */
final class NotificationFixtures {
  static final Instant AT = Instant.parse("2026-02-05T10:15:30Z");

  private NotificationFixtures() {}

  static Notification flash() {
    return new Notification(
        "us-ru-military-line/US/17/flash",
        "flash-unacknowledged",
        Severity.CRITICAL,
        State.FIRING,
        "Срочное сообщение 17 не подтверждено",
        "Шаг эскалации 2: дежурный командир.\nالرسالة 17",
        AT,
        Map.of("agreement", "us-ru-military-line", "party", "US", "entry", "17"),
        URI.create("http://127.0.0.1:7380/#/messages/US/17"));
  }
}
