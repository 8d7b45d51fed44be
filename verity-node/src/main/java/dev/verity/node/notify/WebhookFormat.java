package dev.verity.node.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.notify.Notification.State;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JSON body a webhook receiver accepts, and where its token goes. Each receiver's own
 * documentation is the source:
 *
 * <ul>
 *   <li>{@link #GOALERT}: GoAlert's generic API, {@code POST /api/v2/generic/incoming}; fields
 *       {@code summary} (required), {@code details}, {@code action} ({@code close}) and {@code
 *       dedup}; the integration key as the {@code token} query parameter (GoAlert, "Using
 *       Integration Keys").
 *   <li>{@link #GRAFANA_ONCALL}: Grafana OnCall's "Formatted Webhook" integration; fields {@code
 *       alert_uid}, {@code title}, {@code state} ({@code alerting} | {@code ok}), {@code message},
 *       {@code link_to_upstream_details}; the token is the last segment of the integration's URL.
 *   <li>{@link #ALERTMANAGER}: Prometheus Alertmanager API v2, {@code POST /api/v2/alerts}, an
 *       array of alerts with {@code labels} (with {@code alertname}), {@code annotations}, {@code
 *       startsAt}, {@code endsAt} (set when resolved), {@code generatorURL} (Alertmanager "Alerts
 *       API"); a token, when set, as a bearer token for a proxy in front.
 *   <li>{@link #VERITY}: the {@link Notification} itself, for a receiver of one's own; a bearer
 *       token.
 * </ul>
 */
public enum WebhookFormat {
  GOALERT(TokenPlace.QUERY),
  GRAFANA_ONCALL(TokenPlace.PATH),
  ALERTMANAGER(TokenPlace.BEARER),
  VERITY(TokenPlace.BEARER);

  /** Where the target's token goes in the request. */
  enum TokenPlace {
    QUERY,
    PATH,
    BEARER
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Prometheus label names (Prometheus data model). */
  private static final Pattern NOT_LABEL = Pattern.compile("[^a-zA-Z0-9_]");

  final TokenPlace tokenPlace;

  WebhookFormat(TokenPlace tokenPlace) {
    this.tokenPlace = tokenPlace;
  }

  /** The format named {@code s} in node.yaml: goalert, grafana-oncall, alertmanager, verity. */
  public static WebhookFormat named(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Its name in node.yaml. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The request body for {@code n}. */
  public com.fasterxml.jackson.databind.JsonNode body(Notification n) {
    return switch (this) {
      case GOALERT -> goAlert(n);
      case GRAFANA_ONCALL -> onCall(n);
      case ALERTMANAGER -> alertmanager(n);
      case VERITY -> verity(n);
    };
  }

  private static ObjectNode goAlert(Notification n) {
    ObjectNode o = JSON.objectNode();
    o.put("summary", n.title());
    o.put("details", detailsWithLabels(n));
    o.put("dedup", n.key());
    if (n.state() == State.RESOLVED) {
      o.put("action", "close");
    }
    return o;
  }

  private static ObjectNode onCall(Notification n) {
    ObjectNode o = JSON.objectNode();
    o.put("alert_uid", n.key());
    o.put("title", n.title());
    o.put("state", n.state() == State.RESOLVED ? "ok" : "alerting");
    o.put("message", detailsWithLabels(n));
    if (n.link() != null) {
      o.put("link_to_upstream_details", n.link().toString());
    }
    return o;
  }

  private static ArrayNode alertmanager(Notification n) {
    ObjectNode labels = JSON.objectNode();
    labels.put("alertname", n.kind());
    labels.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
    labels.put("verity_key", n.key());
    n.labels().forEach((k, v) -> labels.put(labelName(k), v));
    ObjectNode a = JSON.objectNode();
    a.set("labels", labels);
    a.set("annotations", JSON.objectNode().put("summary", n.title()).put("description", n.text()));
    if (n.state() == State.RESOLVED) {
      a.put("endsAt", n.at().toString());
    } else {
      a.put("startsAt", n.at().toString());
    }
    if (n.link() != null) {
      a.put("generatorURL", n.link().toString());
    }
    return JSON.arrayNode().add(a);
  }

  private static ObjectNode verity(Notification n) {
    ObjectNode o = JSON.objectNode();
    o.put("key", n.key());
    o.put("kind", n.kind());
    o.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
    o.put("state", n.state().name().toLowerCase(Locale.ROOT));
    o.put("title", n.title());
    o.put("text", n.text());
    o.put("at", n.at().toString());
    ObjectNode labels = o.putObject("labels");
    n.labels().forEach(labels::put);
    if (n.link() != null) {
      o.put("link", n.link().toString());
    }
    return o;
  }

  /** The text, then one {@code name: value} line per label (receivers without labels show them). */
  static String detailsWithLabels(Notification n) {
    StringBuilder b = new StringBuilder(n.text());
    if (!n.labels().isEmpty()) {
      b.append(b.length() > 0 ? "\n\n" : "");
      n.labels().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    }
    return b.toString().stripTrailing();
  }

  static String labelName(String key) {
    String s = NOT_LABEL.matcher(key).replaceAll("_");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }
}
