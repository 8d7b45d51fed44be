package dev.verity.node.hotline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.node.hotline.LineBoard.Message;
import dev.verity.node.hotline.LineBoard.Point;
import dev.verity.node.notify.Delivery;
import dev.verity.node.notify.Notification;
import dev.verity.node.notify.Notification.Severity;
import dev.verity.node.notify.Notifications;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the escalation of the military line to people (issue 14): each rung this node's Party
 * owes, once it is set off, goes to the notification targets of the officers of the duty roster
 * on duty for the rung's levels; the alarm goes to every level; once the message is answered,
 * each notification sent is resolved with the same key, so an on-call tool (GoAlert, Grafana
 * OnCall, Alertmanager) closes what it opened. What was sent is kept in {@link #FILE} in the
 * node's directory, one key a line, so a restarted node does not page anyone twice.
 */
final class Escalation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Escalation.class);
  /** The keys of the notifications sent, one a line, in the node's directory. */
  static final String FILE = "hotline-notified.log";
  private static final String RESOLVED = "resolved:";
  /** The most notifications the board lists (the newest). */
  private static final int SHOWN = 200;

  /** One notification sent: its key, what it was about, to whom, and how each delivery went. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sent(String key, String message, String kind, String step, Integer round,
      Instant at, Instant sentAt, List<String> levels, List<String> officers,
      Map<String, String> deliveries) {}

  private final String agreement;
  private final String self;
  private final DutyRoster roster;
  private final Notifications notifications;
  private final Path file;
  private final Set<String> done = new HashSet<>();
  private final Map<String, Sent> sent = new LinkedHashMap<>();

  Escalation(String agreement, String self, DutyRoster roster, Notifications notifications,
      Path file) {
    this.agreement = agreement;
    this.self = self;
    this.roster = roster;
    this.notifications = notifications;
    this.file = file;
    try {
      if (Files.exists(file)) {
        done.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.error("hotline: cannot read {}: {}; escalations may be sent again", file, e.toString());
    }
  }

  /** A rung set off: its levels' officers on duty are notified, once. */
  synchronized void rung(Message m, Point p, Instant now) {
    send(m, p, "line-escalation", p.notifies(), now);
  }

  /** The alarm: every level of the roster is notified, once. */
  synchronized void alarm(Message m, Point p, Instant now) {
    List<String> all = roster.officers().stream().flatMap(o -> o.levels().stream()).distinct()
        .toList();
    send(m, p, "line-alarm", all, now);
  }

  private void send(Message m, Point p, String kind, List<String> levels, Instant now) {
    String key = key(m, p);
    if (done.contains(key)) {
      return;
    }
    remember(key);
    List<String> officers = roster.onDuty(levels, p.due()).stream()
        .map(DutyRoster.Officer::name).toList();
    Set<String> targets = roster.targets(levels, p.due());
    Sent s = new Sent(key, m.id(), kind, p.type(), p.round(), p.due(), now, levels, officers,
        new LinkedHashMap<>());
    keep(s);
    LOG.info("hotline: message {} from {} unanswered: {} {} (round {}) to {}", m.id(), m.from(),
        kind, p.type(), p.round(), officers);
    if (notifications == null || targets.isEmpty()) {
      return;
    }
    deliver(s, targets, notification(m, p, kind, key, officers));
  }

  private void deliver(Sent s, Set<String> targets, Notification n) {
    targets.forEach(t -> s.deliveries().put(t, "sending"));
    notifications.sendAll(targets, n).thenAccept(ds -> {
      synchronized (this) {
        for (Delivery d : ds) {
          s.deliveries().put(d.target(), d instanceof Delivery.Delivered ? "delivered"
              : "failed");
        }
      }
    });
  }

  /** The message was answered: every notification sent about it is resolved, once. */
  synchronized void resolve(Message m, Instant at) {
    for (Sent s : List.copyOf(sent.values())) {
      if (!s.message().equals(m.id()) || done.contains(RESOLVED + s.key())) {
        continue;
      }
      remember(RESOLVED + s.key());
      if (notifications == null || s.deliveries().isEmpty()) {
        continue;
      }
      Notification n = new Notification(s.key(), s.kind(), severity(m),
          Notification.State.RESOLVED, m.state() + ": " + m.id(), "The message " + m.id()
          + " is " + m.state() + ".", at, labels(m), null);
      notifications.sendAll(s.deliveries().keySet(), n);
    }
  }

  private Notification notification(Message m, Point p, String kind, String key,
      List<String> officers) {
    String title = kind.equals("line-alarm")
        ? "ALARM: " + m.priority() + " message " + m.id() + " from " + m.from() + " unanswered"
        : m.priority() + " message " + m.id() + " from " + m.from() + " unacknowledged: step "
            + p.type() + " (round " + p.round() + ")";
    String text = "Acknowledge on the node's dashboard or with 'verity hotline ack " + m.id()
        + "'. Due since " + m.acknowledgeBy() + ". Notified: " + String.join(", ", officers)
        + ".\n\n" + (m.subject() == null ? "" : m.subject() + "\n") + m.text();
    Map<String, String> labels = labels(m);
    labels.put("step", p.type());
    return new Notification(key, kind, severity(m), Notification.State.FIRING, title, text,
        p.due(), labels, null);
  }

  private Map<String, String> labels(Message m) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("agreement", agreement);
    l.put("party", self);
    l.put("from", m.from());
    l.put("message", m.id());
    l.put("priority", m.priority());
    return l;
  }

  private static Severity severity(Message m) {
    return switch (m.priority() == null ? "" : m.priority()) {
      case "flash" -> Severity.CRITICAL;
      case "immediate" -> Severity.WARNING;
      default -> Severity.INFO;
    };
  }

  /** The notification's key: the agreement, the sender, the message, the step and round. */
  private String key(Message m, Point p) {
    return agreement + "/" + m.from() + "/" + m.id() + "/" + p.type()
        + (p.kind() == Kind.ALARM ? "/alarm" : "")
        + "/" + (p.round() == null ? 0 : p.round());
  }

  private void remember(String key) {
    done.add(key);
    try {
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.error("hotline: cannot write {}: {}", file, e.toString());
    }
  }

  private void keep(Sent s) {
    sent.put(s.key(), s);
    if (sent.size() > SHOWN) {
      sent.remove(sent.keySet().iterator().next());
    }
  }

  /** The notifications sent since the node started, oldest first. */
  synchronized List<Sent> sent() {
    List<Sent> out = new ArrayList<>();
    for (Sent s : sent.values()) {
      out.add(new Sent(s.key(), s.message(), s.kind(), s.step(), s.round(), s.at(), s.sentAt(),
          s.levels(), s.officers(), Map.copyOf(s.deliveries())));
    }
    return out;
  }

  /** Who is on duty at {@code t}, by level. */
  Map<String, List<String>> onDuty(Instant t) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (DutyRoster.Officer o : roster.officers()) {
      if (o.onDuty(t)) {
        o.levels().forEach(l -> out.computeIfAbsent(l, k -> new ArrayList<>()).add(o.name()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (notifications != null) {
      notifications.close();
    }
  }

}
