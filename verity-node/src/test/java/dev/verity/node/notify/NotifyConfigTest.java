package dev.verity.node.notify;

import dev.verity.node.config.SecretRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.verity.node.config.ConfigException;
import dev.verity.node.notify.NotifyConfig.Smtp;
import dev.verity.node.notify.NotifyConfig.SmtpTls;
import dev.verity.node.notify.NotifyConfig.Webhook;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyConfigTest {
  /** The example of docs/user/operate.md, beside the settings node.yaml already has. */
  static final String EXAMPLE =
      """
      party: US
      agreement: us-ru-military-line
      notifications:
        retry:
          attempts: 5
          firstBackoff: 1s
          maxBackoff: 30s
        targets:
          - name: duty-goalert
            kind: webhook
            format: goalert
            url: https://goalert.us.example/api/v2/generic/incoming
            token: {env: VERITY_GOALERT_TOKEN}
          - name: watch-oncall
            kind: webhook
            format: grafana-oncall
            url: https://oncall.us.example/integrations/v1/formatted_webhook/
            token: {file: /etc/verity/oncall.token}
            timeout: 5s
          - name: watch-mail
            kind: smtp
            host: smtp.us.example
            username: verity-node
            password: {file: /etc/verity/smtp.password}
            from: verity@us.example
            to: [duty-officer@us.example, watch-commander@us.example]
      """;

  @TempDir Path dir;

  NotifyConfig read(String yaml) throws Exception {
    return NotifyConfig.read(Files.writeString(dir.resolve("node.yaml"), yaml));
  }

  String error(String yaml) {
    Throwable t = catchThrowable(() -> read(yaml));
    assertThat(t).isInstanceOf(ConfigException.class);
    return t.getMessage();
  }

  static String targets(String target) {
    return "notifications:\n  targets:\n" + target.indent(4);
  }

  @Test
  void readsTheDocumentedExample() throws Exception {
    NotifyConfig c = read(EXAMPLE);
    assertThat(c.retry())
        .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertThat(c.targets())
        .containsExactly(
            new Webhook(
                "duty-goalert",
                WebhookFormat.GOALERT,
                URI.create("https://goalert.us.example/api/v2/generic/incoming"),
                new SecretRef("VERITY_GOALERT_TOKEN", null),
                Duration.ofSeconds(10)),
            new Webhook(
                "watch-oncall",
                WebhookFormat.GRAFANA_ONCALL,
                URI.create("https://oncall.us.example/integrations/v1/formatted_webhook/"),
                new SecretRef(null, Path.of("/etc/verity/oncall.token")),
                Duration.ofSeconds(5)),
            new Smtp(
                "watch-mail",
                "smtp.us.example",
                587,
                SmtpTls.STARTTLS,
                "verity-node",
                new SecretRef(null, Path.of("/etc/verity/smtp.password")),
                null,
                "verity@us.example",
                List.of("duty-officer@us.example", "watch-commander@us.example"),
                Duration.ofSeconds(10)));
  }

  @Test
  void noBlockMeansNoTargets() throws Exception {
    assertThat(read("party: US\nagreement: new-start\n")).isEqualTo(NotifyConfig.none());
  }

  @Test
  void anInlineSecretIsRefused() {
    assertThat(
            error(
                targets(
                    "- {name: a, kind: webhook, format: goalert, url: 'https://g.example/x', token:"
                        + " abc123}")))
        .endsWith(
            "notifications.targets[0] (a).token: write {env: NAME} or {file: PATH}; a secret is"
                + " never written in node.yaml")
        .doesNotContain("abc123");
    assertThat(
            error(
                targets(
                    "- {name: a, kind: webhook, format: goalert, url:"
                        + " 'https://t:abc123@g.example/x'}")))
        .contains("put no credentials or query in the URL");
    assertThat(
            error(
                targets(
                    "- {name: a, kind: webhook, format: goalert, url:"
                        + " 'https://g.example/x?token=abc1'}")))
        .contains("put no credentials or query in the URL");
  }

  @Test
  void mistakesNameTheFieldAndWhatWasExpected() {
    assertThat(
            error(
                targets(
                    "- {name: m, kind: smtp, host: h, pasword: {env: P}, from: a@b.c, to:"
                        + " [d@e.f]}")))
        .endsWith(
            "notifications.targets[0] (m).pasword: unknown field; expected one of from, host, kind,"
                + " name, password, port, timeout, tls, to, trust, username");
    assertThat(
            error(
                targets("- {name: m, kind: smtp, host: h, port: 70000, from: a@b.c, to: [d@e.f]}")))
        .endsWith("targets[0] (m).port: \"70000\": expected a whole number from 1 to 65535");
    assertThat(
            error(
                targets("- {name: m, kind: smtp, host: h, username: u, from: a@b.c, to: [d@e.f]}")))
        .endsWith(
            "username and password go together: give both, or neither to send unauthenticated");
    assertThat(error(targets("- {name: m, kind: smtp, host: h, from: a@b.c, to: []}")))
        .endsWith("(m).to: expected a list of at least one address");
    assertThat(
            error(targets("- {name: m, kind: smtp, host: h, from: 'Watch <a@b.c>', to: [d@e.f]}")))
        .endsWith("(m).from: \"Watch <a@b.c>\": expected an address like watch@example.org");
    assertThat(
            error(targets("- {name: w, kind: webhook, format: slack, url: 'https://x.example/'}")))
        .endsWith(
            "(w).format: \"slack\": expected goalert, grafana-oncall, alertmanager or verity");
    assertThat(error(targets("- {name: w, kind: pager}")))
        .endsWith("(w).kind: \"pager\": expected webhook or smtp");
    assertThat(
            error(
                targets(
                    "- {name: w, kind: webhook, format: verity, url: 'https://x.example/', timeout:"
                        + " 1y}")))
        .endsWith("(w).timeout: \"1y\": expected a duration like 500ms, 10s, 2m or PT10S");
    assertThat(
            error(
                targets(
                    "- {name: w, kind: webhook, format: verity, url: 'https://x.example/', timeout:"
                        + " 10m}")))
        .endsWith("(w).timeout: must be more than 0 and at most 120s");
    assertThat(
            error(targets("- {name: a, kind: smtp, host: h, tls: ssl, from: a@b.c, to: [d@e.f]}")))
        .endsWith("(a).tls: \"ssl\": expected starttls, implicit or none");
    assertThat(
            error(targets("- {name: w, kind: webhook, format: verity, url: 'ftp://x.example/'}")))
        .endsWith("(w).url: \"ftp://x.example/\": expected an http:// or https:// URL");
    assertThat(error(targets("- {name: W!, kind: smtp}"))).contains("targets[0].name: \"W!\"");
    assertThat(error("notifications:\n  retry: {attempts: 0}\n"))
        .endsWith("notifications.retry.attempts: \"0\": expected a whole number from 1 to 20");
    assertThat(error("notifications:\n  retry: {firstBackoff: 10s, maxBackoff: 1s}\n"))
        .endsWith("notifications.retry.maxBackoff: must be at least firstBackoff (PT10S)");
  }

  @Test
  void targetNamesAreUnique() {
    String t = "- {name: a, kind: smtp, host: h, tls: none, from: a@b.c, to: [d@e.f]}";
    assertThat(error(targets(t + "\n" + t)))
        .endsWith("targets[1].name: \"a\" is used by an earlier target");
  }

  @Test
  void smtpPortFollowsTheTlsMode() throws Exception {
    String t = "- {name: a, kind: smtp, host: h, tls: %s, from: a@b.c, to: [d@e.f]}";
    assertThat(((Smtp) read(targets(t.formatted("implicit"))).targets().get(0)).port())
        .isEqualTo(465);
    assertThat(((Smtp) read(targets(t.formatted("none"))).targets().get(0)).port()).isEqualTo(25);
  }

  @Test
  void retryBackoffDoublesUpToItsLimit() {
    RetryPolicy p = new RetryPolicy(8, Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertThat(List.of(2, 3, 4, 5, 6).stream().map(p::backoffBefore).toList())
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
  }
}
