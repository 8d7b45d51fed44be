package dev.verity.node.notify;

import dev.verity.node.build.BuildInfo;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.SecretRef.Secret;
import dev.verity.node.config.SecretRef;
import dev.verity.node.notify.Delivery.Failure;
import dev.verity.node.notify.Notification.State;
import dev.verity.node.notify.NotifyConfig.Smtp;
import dev.verity.node.notify.NotifyConfig.SmtpTls;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Date;
import java.util.Properties;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Submits a notification as a plain-text UTF-8 e-mail through an SMTP relay with Jakarta Mail
 * (Eclipse Angus Mail), which does the protocol (RFC 5321), STARTTLS (RFC 3207), AUTH and the MIME
 * encoding of non-ASCII subjects and bodies (RFC 2047, RFC 2045) — decisions.md, "E-mail through
 * Angus Mail". The server's certificate is checked against the host name. Every connect, read and
 * write is bounded by the target's timeout. SMTP 4xx replies, timeouts and refused connections are
 * retried; 5xx, TLS and authentication failures are not.
 */
final class SmtpNotifier implements Notifier {
  private final Smtp target;
  private final Function<String, String> environment;
  private final Retrying retrying;
  private final SSLSocketFactory tls;

  SmtpNotifier(Smtp target, Function<String, String> environment, Retrying retrying)
      throws ConfigException {
    this.target = target;
    this.environment = environment;
    this.retrying = retrying;
    this.tls = target.trust() == null ? null : TrustFile.socketFactory(target.trust());
  }

  @Override
  public String target() {
    return target.name();
  }

  @Override
  public Delivery send(Notification n) {
    Secret password;
    try {
      password = target.password() == null ? null : target.password().resolve(environment);
    } catch (ConfigException e) {
      return new Delivery.Failed(
          target.name(),
          0,
          Failure.CONFIGURATION,
          "password (" + target.password() + "): " + e.getMessage());
    }
    Session session = Session.getInstance(properties());
    return retrying.run(target.name(), () -> attempt(session, n, password));
  }

  /** Jakarta Mail's SMTP properties (Angus Mail, package org.eclipse.angus.mail.smtp). */
  Properties properties() {
    Properties p = new Properties();
    String ms = Long.toString(target.timeout().toMillis());
    String proto = target.tls() == SmtpTls.IMPLICIT ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", target.host());
    p.put("mail." + proto + ".port", Integer.toString(target.port()));
    p.put("mail." + proto + ".connectiontimeout", ms);
    p.put("mail." + proto + ".timeout", ms);
    p.put("mail." + proto + ".writetimeout", ms);
    p.put("mail." + proto + ".auth", Boolean.toString(target.username() != null));
    p.put("mail." + proto + ".ssl.checkserveridentity", "true");
    if (target.tls() == SmtpTls.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (tls != null) {
      p.put("mail." + proto + ".ssl.socketFactory", tls);
    }
    return p;
  }

  private Attempt attempt(Session session, Notification n, Secret password) {
    try {
      MimeMessage m = message(session, n);
      try (Transport t = session.getTransport()) {
        t.connect(target.username(), password == null ? null : password.value());
        t.sendMessage(m, m.getAllRecipients());
        return new Attempt.Accepted(lastReply(t));
      }
    } catch (MessagingException e) {
      return classify(e, password);
    }
  }

  MimeMessage message(Session session, Notification n) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(target.from()));
    for (String to : target.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    m.setSubject(subject(n), "UTF-8");
    m.setText(
        WebhookFormat.detailsWithLabels(n) + (n.link() == null ? "" : "\n\n" + n.link()), "UTF-8");
    m.setSentDate(Date.from(n.at()));
    // RFC 3834: machine-generated, so no auto-replies come back
    m.setHeader("Auto-Submitted", "auto-generated");
    m.setHeader("X-Verity-Key", n.key());
    m.setHeader("X-Mailer", "verity/" + BuildInfo.current().version());
    return m;
  }

  /**
   * {@code [Verity CRITICAL] title}, or {@code [Verity resolved] title}: a fixed tag mail filters
   * match.
   */
  static String subject(Notification n) {
    String tag = n.state() == State.RESOLVED ? "resolved" : n.severity().name();
    return "[Verity " + tag + "] " + n.title();
  }

  private static String lastReply(Transport t) {
    if (t instanceof org.eclipse.angus.mail.smtp.SMTPTransport s) {
      return Integer.toString(s.getLastReturnCode());
    }
    return "sent";
  }

  /** RFC 5321 §4.2.1: 4yz is transient, 5yz permanent. */
  Attempt classify(MessagingException e, Secret password) {
    String detail = password == null ? describe(e) : password.redact(describe(e));
    Throwable cause = rootCause(e);
    if (e instanceof AuthenticationFailedException) {
      return Attempt.permanentFailure(Failure.AUTHENTICATION, detail);
    }
    if (caused(e, SSLException.class) || detail.contains("STARTTLS")) {
      return Attempt.permanentFailure(Failure.TLS, detail);
    }
    if (cause instanceof SocketTimeoutException) {
      return Attempt.transientFailure(Failure.TIMEOUT, detail);
    }
    if (e instanceof MailConnectException || cause instanceof UnknownHostException) {
      return Attempt.transientFailure(Failure.UNREACHABLE, detail);
    }
    int code = replyCode(e);
    if (code >= 400 && code < 500) {
      return Attempt.transientFailure(Failure.UNAVAILABLE, detail);
    }
    if (code >= 500) {
      return Attempt.permanentFailure(Failure.REJECTED, detail);
    }
    // the connection broke mid-way (a java.io error under a MessagingException): try again
    return Attempt.transientFailure(Failure.UNREACHABLE, detail);
  }

  /**
   * The relay's reply code in {@code e} or the exceptions chained to it (a refused RCPT), else -1.
   */
  static int replyCode(MessagingException e) {
    for (Exception x = e;
        x != null;
        x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPSendFailedException f) {
        return f.getReturnCode();
      }
      if (x instanceof SMTPAddressFailedException f) {
        return f.getReturnCode();
      }
    }
    return -1;
  }

  /**
   * The messages of {@code e} and of the exceptions chained to it (each refused address), bounded.
   */
  private static String describe(MessagingException e) {
    StringBuilder b = new StringBuilder();
    for (Exception x = e;
        x != null && b.length() < 500;
        x = x instanceof MessagingException m ? m.getNextException() : null) {
      b.append(b.length() == 0 ? "" : " / ")
          .append(x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage().strip());
    }
    Throwable c = rootCause(e);
    return c == e ? b.toString() : b + " (" + c.getClass().getSimpleName() + ")";
  }

  private static boolean caused(Throwable t, Class<? extends Throwable> by) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (by.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
