package dev.verity.node.notify;

import dev.verity.node.config.SecretRef;
import static dev.verity.node.notify.NotificationFixtures.flash;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.notify.Delivery.Delivered;
import dev.verity.node.notify.Delivery.Failed;
import dev.verity.node.notify.Delivery.Failure;
import dev.verity.node.notify.NotifyConfig.Smtp;
import dev.verity.node.notify.NotifyConfig.SmtpTls;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail deliveries asserted on a local SMTP sink: STARTTLS before AUTH, the password read from its
 * file, the message decoded as a mail reader would (Russian subject, Russian and Arabic body),
 * retries on 4xx, none on 5xx, TLS required when configured so.
 */
class SmtpNotifierTest {
  static final String PASSWORD = "s3cret-smtp-p4ss-never-logged";
  static final TestTls TLS;

  static {
    try {
      TLS = new TestTls();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @TempDir Path dir;
  final List<Duration> waits = new ArrayList<>();

  Smtp target(SmtpSink sink, SmtpTls tls, String user) throws Exception {
    Path pw = Files.writeString(dir.resolve("smtp-password"), PASSWORD + "\n");
    return new Smtp(
        "watch-mail",
        "127.0.0.1",
        sink.port(),
        tls,
        user,
        user == null ? null : new SecretRef(null, pw),
        TLS.pem(dir.resolve("relay.pem")),
        "verity@us.example",
        List.of("duty@us.example", "watch@us.example"),
        Duration.ofSeconds(5));
  }

  Delivery send(Smtp t, Notification n) throws Exception {
    return new SmtpNotifier(
            t, Map.<String, String>of()::get, new Retrying(RetryPolicy.DEFAULT, waits::add))
        .send(n);
  }

  static MimeMessage parse(SmtpSink.Mail m) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(m.data().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void startTlsThenAuthThenTheMessageAsAMailReaderSeesIt() throws Exception {
    try (SmtpSink sink = new SmtpSink(TLS.server, false, "verity-node", PASSWORD)) {
      Delivery d = send(target(sink, SmtpTls.STARTTLS, "verity-node"), flash());
      assertThat(d).isEqualTo(new Delivered("watch-mail", 1, "250"));
      assertThat(sink.mails).hasSize(1);
      SmtpSink.Mail m = sink.mails.get(0);
      assertThat(m.tls()).isTrue();
      assertThat(m.user()).isEqualTo("verity-node");
      assertThat(m.from()).isEqualTo("verity@us.example");
      assertThat(m.to()).containsExactly("duty@us.example", "watch@us.example");
      // STARTTLS came before any credential
      assertThat(sink.transcript.indexOf("STARTTLS")).isLessThan(indexOfAuth(sink));
      MimeMessage msg = parse(m);
      assertThat(msg.getSubject())
          .isEqualTo("[Verity CRITICAL] Срочное сообщение 17 не подтверждено");
      assertThat(((String) msg.getContent()).replace("\r\n", "\n").strip())
          .startsWith(
              "Шаг эскалации 2: дежурный командир.\nالرسالة 17\n\nagreement: us-ru-military-line\n")
          .endsWith("http://127.0.0.1:7380/#/messages/US/17");
      assertThat(msg.getContentType()).contains("text/plain").containsIgnoringCase("charset=UTF-8");
      assertThat(msg.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
      assertThat(msg.getHeader("X-Verity-Key", null)).isEqualTo("us-ru-military-line/US/17/flash");
      assertThat(msg.getFrom()).containsExactly(new InternetAddress("verity@us.example"));
      assertThat(msg.getSentDate().toInstant()).isEqualTo(NotificationFixtures.AT);
      // the wire carried no raw 8-bit text: the subject and body are MIME-encoded
      assertThat(m.data()).doesNotContain("Срочное").contains("=?UTF-8?");
    }
  }

  static int indexOfAuth(SmtpSink sink) {
    for (int i = 0; i < sink.transcript.size(); i++) {
      if (sink.transcript.get(i).startsWith("AUTH")) {
        return i;
      }
    }
    throw new AssertionError("no AUTH in " + sink.transcript);
  }

  @Test
  void implicitTlsFromTheFirstByte() throws Exception {
    try (SmtpSink sink = new SmtpSink(TLS.server, true, "verity-node", PASSWORD)) {
      assertThat(send(target(sink, SmtpTls.IMPLICIT, "verity-node"), flash()))
          .isInstanceOf(Delivered.class);
      assertThat(sink.mails.get(0).tls()).isTrue();
      assertThat(sink.transcript).doesNotContain("STARTTLS");
    }
  }

  @Test
  void aRelayThatDoesNotOfferStartTlsGetsNoPassword() throws Exception {
    try (SmtpSink sink = new SmtpSink(null, false, "verity-node", PASSWORD)) {
      Delivery d = send(target(sink, SmtpTls.STARTTLS, "verity-node"), flash());
      assertThat(d).isInstanceOf(Failed.class);
      assertThat(((Failed) d).failure()).isEqualTo(Failure.TLS);
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(sink.transcript).noneMatch(l -> l.startsWith("AUTH") || l.startsWith("MAIL"));
      assertThat(sink.mails).isEmpty();
    }
  }

  @Test
  void aRelayWithAnUntrustedCertificateIsATlsFailure() throws Exception {
    try (SmtpSink sink = new SmtpSink(new TestTls().server, false, "verity-node", PASSWORD)) {
      Delivery d = send(target(sink, SmtpTls.STARTTLS, "verity-node"), flash());
      assertThat(((Failed) d).failure()).isEqualTo(Failure.TLS);
      assertThat(sink.transcript).noneMatch(l -> l.startsWith("AUTH"));
    }
  }

  @Test
  void aTransientRefusalIsRetriedAndAPermanentOneIsNot() throws Exception {
    try (SmtpSink sink = new SmtpSink(TLS.server, false, "verity-node", PASSWORD)) {
      sink.replyOnce("MAIL", "451 4.3.0 mailbox busy, try later");
      assertThat(send(target(sink, SmtpTls.STARTTLS, "verity-node"), flash()))
          .isEqualTo(new Delivered("watch-mail", 2, "250"));
      assertThat(waits).containsExactly(Duration.ofSeconds(2));
      sink.replyOnce("RCPT", "550 5.1.1 no such user");
      Delivery d = send(target(sink, SmtpTls.STARTTLS, "verity-node"), flash());
      assertThat(d).as("%s", sink.transcript).isInstanceOf(Failed.class);
      assertThat(((Failed) d).failure()).isEqualTo(Failure.REJECTED);
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(((Failed) d).detail()).contains("550");
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() throws Exception {
    try (SmtpSink sink = new SmtpSink(TLS.server, false, "verity-node", "another-password");
        CapturedLog log = new CapturedLog()) {
      Delivery d = send(target(sink, SmtpTls.STARTTLS, "verity-node"), flash());
      assertThat(((Failed) d).failure()).isEqualTo(Failure.AUTHENTICATION);
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.toString()).doesNotContain(PASSWORD);
      assertThat(log.lines()).noneMatch(l -> l.contains(PASSWORD));
    }
  }

  @Test
  void plainTextToALocalRelayWithoutAuthentication() throws Exception {
    try (SmtpSink sink = new SmtpSink(null, false, null, null)) {
      assertThat(send(target(sink, SmtpTls.NONE, null), flash().resolved(NotificationFixtures.AT)))
          .isInstanceOf(Delivered.class);
      assertThat(sink.mails.get(0).tls()).isFalse();
      assertThat(parse(sink.mails.get(0)).getSubject()).startsWith("[Verity resolved] ");
    }
  }

  @Test
  void anUnreachableRelayIsRetriedThenReported() throws Exception {
    SmtpSink gone = new SmtpSink(null, false, null, null);
    Smtp t = target(gone, SmtpTls.NONE, null);
    gone.close();
    Delivery d = send(t, flash());
    assertThat(((Failed) d).failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(d.attempts()).isEqualTo(4);
  }
}
