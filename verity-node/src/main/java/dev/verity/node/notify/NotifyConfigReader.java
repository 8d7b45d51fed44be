package dev.verity.node.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.SecretRef;
import dev.verity.node.notify.NotifyConfig.Smtp;
import dev.verity.node.notify.NotifyConfig.SmtpTls;
import dev.verity.node.notify.NotifyConfig.Target;
import dev.verity.node.notify.NotifyConfig.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code notifications:} block field by field, so that every mistake is reported with
 * where it is ({@code notifications.targets[1] (watch-mail).port}) and what was expected. Unknown
 * fields are errors: a misspelt {@code pasword} must not silently send mail unauthenticated.
 */
final class NotifyConfigReader {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h)");
  private static final Set<String> BLOCK = Set.of("retry", "targets");
  private static final Set<String> RETRY = Set.of("attempts", "firstBackoff", "maxBackoff");
  private static final Set<String> WEBHOOK =
      Set.of("name", "kind", "format", "url", "token", "timeout");
  private static final Set<String> SMTP =
      Set.of(
          "name",
          "kind",
          "host",
          "port",
          "tls",
          "username",
          "password",
          "trust",
          "from",
          "to",
          "timeout");

  private final String where;

  private NotifyConfigReader(String where) {
    this.where = where;
  }

  static NotifyConfig parse(JsonNode block, String where) throws ConfigException {
    NotifyConfigReader r = new NotifyConfigReader(where);
    r.object(block, "", BLOCK);
    RetryPolicy retry = block.has("retry") ? r.retry(block.get("retry")) : RetryPolicy.DEFAULT;
    return new NotifyConfig(retry, r.targets(block.get("targets")));
  }

  private RetryPolicy retry(JsonNode n) throws ConfigException {
    object(n, ".retry", RETRY);
    int attempts =
        n.has("attempts")
            ? integer(n.get("attempts"), ".retry.attempts", 1, RetryPolicy.MAX_ATTEMPTS)
            : RetryPolicy.DEFAULT.attempts();
    Duration first =
        n.has("firstBackoff")
            ? duration(n.get("firstBackoff"), ".retry.firstBackoff")
            : RetryPolicy.DEFAULT.firstBackoff();
    Duration max =
        n.has("maxBackoff")
            ? duration(n.get("maxBackoff"), ".retry.maxBackoff")
            : RetryPolicy.DEFAULT.maxBackoff();
    if (max.compareTo(first) < 0) {
      throw error(".retry.maxBackoff", "must be at least firstBackoff (" + first + ")");
    }
    return new RetryPolicy(attempts, first, max);
  }

  private List<Target> targets(JsonNode n) throws ConfigException {
    List<Target> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw error(".targets", "expected a list of targets");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      Target t = target(n.get(i), ".targets[" + i + "]");
      if (!names.add(t.name())) {
        throw error(
            ".targets[" + i + "].name", "\"" + t.name() + "\" is used by an earlier target");
      }
      out.add(t);
    }
    return out;
  }

  private Target target(JsonNode n, String at) throws ConfigException {
    if (!n.isObject()) {
      throw error(at, "expected a target with name and kind");
    }
    String name = text(n, at, "name");
    if (!NAME.matcher(name).matches()) {
      throw error(
          at + ".name",
          "\"" + name + "\": lower-case letters, digits, '.', '_' and '-', at most 64");
    }
    String here = at + " (" + name + ")";
    String kind = text(n, here, "kind");
    return switch (kind) {
      case "webhook" -> webhook(n, here, name);
      case "smtp" -> smtp(n, here, name);
      default -> throw error(here + ".kind", "\"" + kind + "\": expected webhook or smtp");
    };
  }

  private Webhook webhook(JsonNode n, String at, String name) throws ConfigException {
    object(n, at, WEBHOOK);
    String f = text(n, at, "format");
    WebhookFormat format;
    try {
      format = WebhookFormat.named(f);
    } catch (IllegalArgumentException e) {
      throw error(
          at + ".format",
          "\"" + f + "\": expected goalert, grafana-oncall, alertmanager or verity");
    }
    URI url = url(text(n, at, "url"), at + ".url");
    return new Webhook(name, format, url, secret(n.get("token"), at + ".token"), timeout(n, at));
  }

  private Smtp smtp(JsonNode n, String at, String name) throws ConfigException {
    object(n, at, SMTP);
    String host = text(n, at, "host");
    SmtpTls tls = n.has("tls") ? tls(text(n, at, "tls"), at + ".tls") : SmtpTls.STARTTLS;
    int defaultPort = tls == SmtpTls.IMPLICIT ? 465 : tls == SmtpTls.STARTTLS ? 587 : 25;
    int port = n.has("port") ? integer(n.get("port"), at + ".port", 1, 65535) : defaultPort;
    String user = n.has("username") ? text(n, at, "username") : null;
    SecretRef password = secret(n.get("password"), at + ".password");
    if ((user == null) != (password == null)) {
      throw error(
          at, "username and password go together: give both, or neither to send unauthenticated");
    }
    Path trust = n.has("trust") ? Path.of(text(n, at, "trust")) : null;
    return new Smtp(
        name,
        host,
        port,
        tls,
        user,
        password,
        trust,
        address(text(n, at, "from"), at + ".from"),
        recipients(n.get("to"), at + ".to"),
        timeout(n, at));
  }

  private SmtpTls tls(String s, String at) throws ConfigException {
    return switch (s) {
      case "starttls" -> SmtpTls.STARTTLS;
      case "implicit" -> SmtpTls.IMPLICIT;
      case "none" -> SmtpTls.NONE;
      default -> throw error(at, "\"" + s + "\": expected starttls, implicit or none");
    };
  }

  private List<String> recipients(JsonNode n, String at) throws ConfigException {
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw error(at, "expected a list of at least one address");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(address(n.get(i).asText(), at + "[" + i + "]"));
    }
    return out;
  }

  private String address(String s, String at) throws ConfigException {
    // a mailbox (RFC 5321 §4.1.2), not a display name: no spaces, angle brackets or line breaks
    if (!s.matches("[^\\s<>@,]+@[^\\s<>@,]+")) {
      throw error(at, "\"" + s + "\": expected an address like watch@example.org");
    }
    return s;
  }

  private SecretRef secret(JsonNode n, String at) throws ConfigException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw error(at, "write {env: NAME} or {file: PATH}; a secret is never written in node.yaml");
    }
    object(n, at, Set.of("env", "file"));
    if (n.has("env") == n.has("file")) {
      throw error(at, "give exactly one of env and file");
    }
    return n.has("env")
        ? new SecretRef(text(n, at, "env"), null)
        : new SecretRef(null, Path.of(text(n, at, "file")));
  }

  private URI url(String s, String at) throws ConfigException {
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
        throw error(at, "\"" + s + "\": expected an http:// or https:// URL");
      }
      if (u.getRawUserInfo() != null || u.getRawQuery() != null) {
        throw error(at, "put no credentials or query in the URL: name the secret in token");
      }
      return u;
    } catch (URISyntaxException e) {
      throw error(at, "\"" + s + "\" is not a URL: " + e.getReason());
    }
  }

  private Duration timeout(JsonNode n, String at) throws ConfigException {
    if (!n.has("timeout")) {
      return DEFAULT_TIMEOUT;
    }
    Duration d = duration(n.get("timeout"), at + ".timeout");
    if (d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw error(
          at + ".timeout", "must be more than 0 and at most " + MAX_TIMEOUT.toSeconds() + "s");
    }
    return d;
  }

  /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO 8601 ({@code PT10S}). */
  private Duration duration(JsonNode n, String at) throws ConfigException {
    String s = n.asText().trim();
    Matcher m = SHORT_DURATION.matcher(s);
    if (m.matches()) {
      long v = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(v);
        case "s" -> Duration.ofSeconds(v);
        case "m" -> Duration.ofMinutes(v);
        default -> Duration.ofHours(v);
      };
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw error(at, "\"" + s + "\": expected a duration like 500ms, 10s, 2m or PT10S");
    }
  }

  private int integer(JsonNode n, String at, int min, int max) throws ConfigException {
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
      throw error(at, "\"" + n.asText() + "\": expected a whole number from " + min + " to " + max);
    }
    return n.asInt();
  }

  private String text(JsonNode n, String at, String field) throws ConfigException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw error(at + "." + field, "required");
    }
    return v.asText().trim();
  }

  private void object(JsonNode n, String at, Set<String> allowed) throws ConfigException {
    if (!n.isObject()) {
      throw error(
          at, "expected a mapping of " + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw error(
            at + "." + f,
            "unknown field; expected one of "
                + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private ConfigException error(String at, String what) {
    return new ConfigException(where + at + ": " + what);
  }
}
