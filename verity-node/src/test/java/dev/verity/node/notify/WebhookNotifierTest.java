package dev.verity.node.notify;

import dev.verity.node.config.SecretRef;
import static dev.verity.node.notify.NotificationFixtures.flash;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.notify.Delivery.Delivered;
import dev.verity.node.notify.Delivery.Failed;
import dev.verity.node.notify.Delivery.Failure;
import dev.verity.node.notify.NotifyConfig.Webhook;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries asserted on a local receiver: the body each receiver's documentation asks for,
 * the token where that receiver expects it, retries with backoff on 5xx, none on 4xx.
 */
class WebhookNotifierTest {
  static final String TOKEN = "gA-7f3a9c0e-token-never-logged";
  static final Map<String, String> ENV = Map.of("HOOK_TOKEN", TOKEN);
  static final ObjectMapper JSON = new ObjectMapper();

  final WebhookReceiver receiver = new WebhookReceiver();
  final List<Duration> waits = new ArrayList<>();

  WebhookNotifierTest() throws Exception {}

  @AfterEach
  void close() {
    receiver.close();
  }

  WebhookNotifier notifier(WebhookFormat f, String path, Duration timeout) {
    Webhook w =
        new Webhook(
            "hook", f, URI.create(receiver.url(path)), new SecretRef("HOOK_TOKEN", null), timeout);
    return new WebhookNotifier(w, ENV::get, new Retrying(RetryPolicy.DEFAULT, waits::add));
  }

  Delivery send(WebhookFormat f, String path, Notification n) {
    return notifier(f, path, Duration.ofSeconds(5)).send(n);
  }

  JsonNode body(int i) throws Exception {
    WebhookReceiver.Request r = receiver.requests.get(i);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Content-Type")).startsWith("application/json");
    return JSON.readTree(r.body());
  }

  @Test
  void goAlertGenericApiGetsSummaryDetailsDedupAndTheTokenAsAQueryParameter() throws Exception {
    assertThat(send(WebhookFormat.GOALERT, "/api/v2/generic/incoming", flash()))
        .isInstanceOf(Delivered.class);
    assertThat(
            send(
                WebhookFormat.GOALERT,
                "/api/v2/generic/incoming",
                flash().resolved(Instant.parse("2026-02-05T10:20:00Z"))))
        .isInstanceOf(Delivered.class);
    WebhookReceiver.Request r = receiver.requests.get(0);
    assertThat(r.path()).isEqualTo("/api/v2/generic/incoming");
    assertThat(r.query()).isEqualTo("token=" + TOKEN);
    assertThat(r.header("Authorization")).isNull();
    JsonNode fire = body(0);
    assertThat(fire.path("summary").asText()).isEqualTo("Срочное сообщение 17 не подтверждено");
    assertThat(fire.path("details").asText())
        .startsWith("Шаг эскалации 2: дежурный командир.\nالرسالة 17\n\n")
        .contains("agreement: us-ru-military-line\n")
        .endsWith("party: US");
    assertThat(fire.path("dedup").asText()).isEqualTo("us-ru-military-line/US/17/flash");
    assertThat(fire.has("action")).isFalse();
    JsonNode close = body(1);
    assertThat(close.path("action").asText()).isEqualTo("close");
    assertThat(close.path("dedup").asText()).isEqualTo(fire.path("dedup").asText());
  }

  @Test
  void grafanaOnCallFormattedWebhookGetsItsFieldsAndTheTokenInThePath() throws Exception {
    send(WebhookFormat.GRAFANA_ONCALL, "/integrations/v1/formatted_webhook", flash());
    send(
        WebhookFormat.GRAFANA_ONCALL,
        "/integrations/v1/formatted_webhook/",
        flash().resolved(Instant.now()));
    assertThat(receiver.requests.get(0).path())
        .isEqualTo("/integrations/v1/formatted_webhook/" + TOKEN + "/");
    assertThat(receiver.requests.get(1).path())
        .isEqualTo("/integrations/v1/formatted_webhook/" + TOKEN + "/");
    JsonNode j = body(0);
    assertThat(j.path("alert_uid").asText()).isEqualTo("us-ru-military-line/US/17/flash");
    assertThat(j.path("title").asText()).isEqualTo("Срочное сообщение 17 не подтверждено");
    assertThat(j.path("state").asText()).isEqualTo("alerting");
    assertThat(j.path("message").asText()).contains("дежурный командир").contains("entry: 17");
    assertThat(j.path("link_to_upstream_details").asText())
        .isEqualTo("http://127.0.0.1:7380/#/messages/US/17");
    assertThat(body(1).path("state").asText()).isEqualTo("ok");
  }

  @Test
  void alertmanagerGetsAnArrayOfAlertsWithLabelsAnnotationsAndTimes() throws Exception {
    Notification n =
        new Notification(
            "k-1",
            "line-test-failed",
            Notification.Severity.WARNING,
            Notification.State.FIRING,
            "Line test failed",
            "no receipt within 60 s",
            NotificationFixtures.AT,
            Map.of("agreement", "us-ru-military-line", "peer.party", "RU", "2nd", "x"),
            null);
    send(WebhookFormat.ALERTMANAGER, "/api/v2/alerts", n);
    send(
        WebhookFormat.ALERTMANAGER,
        "/api/v2/alerts",
        n.resolved(Instant.parse("2026-02-05T11:00:00Z")));
    assertThat(receiver.requests.get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(receiver.requests.get(0).query()).isNull();
    JsonNode alerts = body(0);
    assertThat(alerts.isArray()).isTrue();
    assertThat(alerts).hasSize(1);
    JsonNode a = alerts.get(0);
    assertThat(a.path("labels").path("alertname").asText()).isEqualTo("line-test-failed");
    assertThat(a.path("labels").path("severity").asText()).isEqualTo("warning");
    assertThat(a.path("labels").path("verity_key").asText()).isEqualTo("k-1");
    assertThat(a.path("labels").path("peer_party").asText()).isEqualTo("RU");
    assertThat(a.path("labels").path("_2nd").asText()).isEqualTo("x");
    a.path("labels")
        .fieldNames()
        .forEachRemaining(k -> assertThat(k).matches("[a-zA-Z_][a-zA-Z0-9_]*"));
    assertThat(a.path("annotations").path("summary").asText()).isEqualTo("Line test failed");
    assertThat(a.path("annotations").path("description").asText())
        .isEqualTo("no receipt within 60 s");
    assertThat(a.path("startsAt").asText()).isEqualTo("2026-02-05T10:15:30Z");
    assertThat(a.has("endsAt")).isFalse();
    assertThat(a.has("generatorURL")).isFalse();
    JsonNode resolved = body(1).get(0);
    assertThat(resolved.path("endsAt").asText()).isEqualTo("2026-02-05T11:00:00Z");
    assertThat(resolved.path("labels")).isEqualTo(a.path("labels"));
  }

  @Test
  void verityFormatIsTheNotificationItself() throws Exception {
    send(WebhookFormat.VERITY, "/hook", flash());
    JsonNode j = body(0);
    assertThat(j.path("key").asText()).isEqualTo("us-ru-military-line/US/17/flash");
    assertThat(j.path("kind").asText()).isEqualTo("flash-unacknowledged");
    assertThat(j.path("severity").asText()).isEqualTo("critical");
    assertThat(j.path("state").asText()).isEqualTo("firing");
    assertThat(j.path("at").asText()).isEqualTo("2026-02-05T10:15:30Z");
    assertThat(j.path("labels").path("entry").asText()).isEqualTo("17");
    assertThat(receiver.requests.get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void unavailableIsRetriedWithDoublingBackoffUntilAccepted() {
    receiver.answer(503, 429, 500);
    Delivery d = send(WebhookFormat.VERITY, "/hook", flash());
    assertThat(d).isEqualTo(new Delivered("hook", 4, "HTTP 200"));
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(receiver.requests).hasSize(4);
  }

  @Test
  void givesUpAfterTheAllowedAttempts() {
    receiver.answer(502, 502, 502, 502, 502);
    assertThat(send(WebhookFormat.VERITY, "/hook", flash()))
        .isEqualTo(new Failed("hook", 4, Failure.UNAVAILABLE, "HTTP 502"));
    assertThat(receiver.requests).hasSize(4);
  }

  @Test
  void aRefusalIsNotRetried() {
    receiver.answer(400);
    assertThat(send(WebhookFormat.VERITY, "/hook", flash()))
        .isEqualTo(new Failed("hook", 1, Failure.REJECTED, "HTTP 400"));
    receiver.answer(401);
    assertThat(send(WebhookFormat.VERITY, "/hook", flash()))
        .isEqualTo(new Failed("hook", 1, Failure.AUTHENTICATION, "HTTP 401"));
    assertThat(waits).isEmpty();
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenGoesNowhereElse() {
    receiver.answer(307);
    assertThat(send(WebhookFormat.VERITY, "/hook", flash())).isInstanceOf(Failed.class);
    assertThat(receiver.requests).hasSize(1);
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsATimeout() {
    receiver.stallMillis = 3000;
    receiver.answer(-1, -1);
    Webhook w =
        new Webhook(
            "slow",
            WebhookFormat.VERITY,
            URI.create(receiver.url("/hook")),
            null,
            Duration.ofMillis(300));
    Delivery d =
        new WebhookNotifier(
                w,
                ENV::get,
                new Retrying(new RetryPolicy(2, Duration.ZERO, Duration.ZERO), waits::add))
            .send(flash());
    assertThat(d).isInstanceOf(Failed.class);
    assertThat(((Failed) d).failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(d.attempts()).isEqualTo(2);
  }

  @Test
  void anUnreachableReceiverIsRetriedThenReported() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Webhook w =
        new Webhook(
            "gone",
            WebhookFormat.GOALERT,
            URI.create("http://127.0.0.1:" + closed + "/x"),
            new SecretRef("HOOK_TOKEN", null),
            Duration.ofSeconds(2));
    Delivery d =
        new WebhookNotifier(w, ENV::get, new Retrying(RetryPolicy.DEFAULT, waits::add))
            .send(flash());
    assertThat(d).isInstanceOf(Failed.class);
    assertThat(((Failed) d).failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(d.attempts()).isEqualTo(4);
    assertThat(((Failed) d).detail()).doesNotContain(TOKEN);
  }

  @Test
  void aMissingSecretIsAConfigurationFailureNamingWhereItWasLooked() {
    Webhook w =
        new Webhook(
            "hook",
            WebhookFormat.GOALERT,
            URI.create(receiver.url("/x")),
            new SecretRef("NOT_SET", null),
            Duration.ofSeconds(2));
    Delivery d =
        new WebhookNotifier(w, ENV::get, new Retrying(RetryPolicy.DEFAULT, waits::add))
            .send(flash());
    assertThat(d)
        .isEqualTo(
            new Failed(
                "hook",
                0,
                Failure.CONFIGURATION,
                "token (env:NOT_SET): environment variable NOT_SET is not set"));
    assertThat(receiver.requests).isEmpty();
  }

  @Test
  void theTokenNeverReachesTheLogOrTheOutcome() throws Exception {
    receiver.answer(500, 500, 500, 500, 500, 500, 500, 500);
    NotifyConfig config =
        new NotifyConfig(
            RetryPolicy.DEFAULT,
            List.of(
                new Webhook(
                    "a",
                    WebhookFormat.GOALERT,
                    URI.create(receiver.url("/x")),
                    new SecretRef("HOOK_TOKEN", null),
                    Duration.ofSeconds(2)),
                new Webhook(
                    "b",
                    WebhookFormat.GRAFANA_ONCALL,
                    URI.create(receiver.url("/y")),
                    new SecretRef("HOOK_TOKEN", null),
                    Duration.ofSeconds(2))));
    try (CapturedLog log = new CapturedLog();
        Notifications n = Notifications.of(config, ENV::get, waits::add)) {
      List<Delivery> out = n.sendAll(List.of("a", "b"), flash()).get();
      assertThat(out).extracting(Delivery::target).containsExactly("a", "b");
      assertThat(log.lines())
          .hasSize(2)
          .allSatisfy(l -> assertThat(l).startsWith("WARN notification "))
          .noneMatch(l -> l.contains(TOKEN));
      assertThat(out.toString()).doesNotContain(TOKEN);
    }
  }
}
