package dev.verity.node.hotline;

import dev.verity.core.agreement.Party;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.agreement.Protocol.DeadlineRule;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.node.config.ConfigException;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.hotline.LineBoard.Board;
import dev.verity.node.hotline.LineBoard.Message;
import dev.verity.node.hotline.LineBoard.Point;
import dev.verity.node.hotline.LineTests.PartyTests;
import dev.verity.node.module.HotlineQueries;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.notify.NotifyConfig;
import dev.verity.node.notify.Notifications;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The military line on one running node (issue 14): its board, judged on the node's clock (an
 * exercise clock in drills and tests, never the wall clock then), the escalation it drives and
 * the live events it sends. Every {@link #TICK_MS} it judges the board as of the node's clock;
 * each rung of the ladder this node's Party owes that has been set off notifies, once, the
 * officers of its duty roster on duty for the rung's levels, and the alarm notifies every level;
 * an acknowledgement (or a reply, or a refusal) stops the ladder in the core's obligations, and
 * resolves what was sent. When the board changes, the dashboard's event stream hears of it.
 */
final class Hotline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hotline.class);
  /** How often the board is judged: the escalation's resolution on the node's clock. */
  static final long TICK_MS = 250;
  /** How often an idle event stream carries a comment, well inside the API's idle timeout. */
  static final long KEEP_ALIVE_MS = 10_000;

  private final HotlineQueries line;
  private final Clock clock;
  private final String agreement;
  private final Map<String, List<String>> ladders;
  private final LineTests tests;
  private final List<String> parties;
  private final Escalation escalation;
  private final LiveEvents events = new LiveEvents();
  private final String rosterProblem;
  private final boolean sendLineTests;
  private ScheduledExecutorService ticker;
  private String lastBoard = "";
  /** The node's clock at the last judgement: escalation is sent as of it. */
  private volatile Instant judgedAt;
  private long lastSent = System.nanoTime();

  Hotline(NodeQueries q) {
    this.line = q.hotline();
    this.clock = q.clock();
    this.agreement = q.agreement().id();
    this.ladders = ladders(q.agreement().protocols());
    this.tests = new LineTests(q.agreement(), line);
    this.parties = q.agreement().parties().stream().map(Party::id).toList();
    DutyRoster roster = DutyRoster.empty();
    Notifications notifications = null;
    String problem = null;
    try {
      roster = DutyRoster.read(line.dir());
      notifications = Notifications.of(NotifyConfig.read(line.dir().resolve("node.yaml")),
          System::getenv);
    } catch (ConfigException e) {
      problem = e.getMessage(); // shown on the board: the line works, nobody is paged
      LOG.error("hotline: {}; nobody will be notified of escalation", e.getMessage());
    }
    this.rosterProblem = problem;
    this.sendLineTests = roster.sendLineTests();
    this.escalation = new Escalation(agreement, line.self(), roster, notifications,
        line.dir().resolve(Escalation.FILE));
  }

  /** Every rung's levels ({@code notifies}), by rung id, from the agreement's ladders. */
  static Map<String, List<String>> ladders(List<Protocol> protocols) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Protocol p : protocols) {
      for (DeadlineRule d : p.deadlines()) {
        if (d.onMissed() != null && d.onMissed().escalate() != null) {
          d.onMissed().escalate().steps().forEach(r -> out.put(r.id(), r.notifies()));
        }
      }
    }
    return out;
  }

  /**
   * The line's gauges on {@code /metrics} (issue 17): the messages whose escalation runs now on
   * this side, and each Party's line tests not receipted in time over the last seven days.
   */
  Hotline measured(NodeQueries q) {
    q.gauge("verity_escalations_open", "line messages whose escalation or alarm runs now on"
        + " this side (no acknowledgement, refusal or reply yet)", Map.of(),
        () -> escalationsOpen(clock.instant()));
    for (String p : parties) {
      q.gauge("verity_line_test_failures", "line tests not receipted within their limit, last"
          + " 7 days", Map.of("party", p), () -> lineTestFailures(p, clock.instant()));
    }
    return this;
  }

  /** Open messages with a rung or the alarm of this node's Party due ({@link #escalate}). */
  long escalationsOpen(Instant asOf) {
    return board(asOf).messages().stream().filter(m -> m.state().equals("sent")
        || m.state().equals("no-answer")).filter(m -> m.timeline().stream().anyMatch(
            p -> p.party().equals(line.self()) && p.status() == Status.DUE
                && (p.kind() == Kind.ESCALATION || p.kind() == Kind.ALARM))).count();
  }

  private long lineTestFailures(String party, Instant asOf) {
    PartyTests t = tests.availability(asOf).get(party);
    return t == null ? 0 : t.week().failures().size();
  }

  /** Starts judging the board on the node's clock. */
  Hotline start() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "verity-hotline");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The board as of {@code asOf}. */
  Board board(Instant asOf) {
    return LineBoard.of(line.self(), asOf, line.steps(LineBoard.TYPES), line.receipts(),
        line.obligations(asOf), ladders);
  }

  /** What {@code GET /api/v1/hotline} answers. */
  Map<String, Object> view(Instant asOf) {
    Board b = board(asOf);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agreement", agreement);
    m.put("self", b.self());
    m.put("asOf", b.asOf());
    m.put("alert", b.messages().stream().anyMatch(Message::alert));
    m.put("alarm", b.messages().stream().anyMatch(Message::alarm));
    m.put("messages", b.messages());
    m.put("incidents", Incidents.of(parties, asOf, line.steps(Incidents.TYPES), line.receipts()));
    m.put("lineTests", tests.availability(asOf));
    m.put("line", status(b));
    m.put("onDuty", escalation.onDuty(asOf));
    m.put("notifications", escalation.sent());
    m.put("judgedAt", judgedAt);
    if (rosterProblem != null) {
      m.put("rosterProblem", rosterProblem);
    }
    return m;
  }

  /**
   * The line's ways to the peers ({@code paths}), whether it is down, and then the backup it
   * offers: the signed bundle ({@code POST /api/v1/hotline/bundle}, {@code verity hotline
   * bundle}) carrying this node's messages not yet receipted, and the peers' backup URLs.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LineStatus(boolean down, List<PeerPath.Status> paths, List<String> unreceipted,
      Offer backup) {}

  /** The backup offered while the line is down. */
  record Offer(String bundle, String command, List<String> backupUrls) {}

  private LineStatus status(Board b) {
    List<PeerPath.Status> paths = List.copyOf(line.paths().values());
    boolean down = paths.stream().anyMatch(p -> !p.reachable());
    List<String> unreceipted = b.messages().stream().filter(m -> m.from().equals(b.self())
        && m.receiptedAt() == null).map(Message::id).toList();
    Offer offer = down ? new Offer("POST /api/v1/hotline/bundle", "verity hotline bundle",
        paths.stream().map(PeerPath.Status::backupUrl).filter(Objects::nonNull).toList())
        : null;
    return new LineStatus(down, paths, unreceipted, offer);
  }

  LiveEvents events() {
    return events;
  }

  /** One judgement of the board: escalation due now, then the live events. */
  void tick() {
    try {
      Instant now = clock.instant();
      Board b = board(now);
      for (Message m : b.messages()) {
        escalate(m, now);
      }
      if (sendLineTests) {
        tests.sendDue(line.obligations(now), now);
      }
      judgedAt = now;
      publish(now);
    } catch (Exception e) {
      LOG.error("hotline: judging the board failed: {}", e.toString(), e);
    }
  }

  private void escalate(Message m, Instant now) {
    for (Point p : m.timeline()) {
      if (!p.party().equals(line.self()) || p.status() != Status.DUE) {
        continue;
      }
      if (p.kind() == Kind.ESCALATION) {
        escalation.rung(m, p, now);
      } else if (p.kind() == Kind.ALARM) {
        escalation.alarm(m, p, now);
      }
    }
    if (!m.state().equals("sent") && !m.state().equals("no-answer")) {
      escalation.resolve(m, now);
    }
  }

  /** Sends the board when it changed (or a keep-alive comment when it has not for a while). */
  private void publish(Instant now) {
    if (events.size() == 0) {
      lastBoard = "";
      return;
    }
    Map<String, Object> v = view(now);
    v.remove("asOf"); // the clock alone moving is not news
    v.remove("judgedAt");
    String json = LiveEvents.json(v);
    if (!json.equals(lastBoard)) {
      lastBoard = json;
      events.send("line", LiveEvents.json(view(now)));
      lastSent = System.nanoTime();
    } else if (System.nanoTime() - lastSent > TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS)) {
      events.keepAlive();
      lastSent = System.nanoTime();
    }
  }

  /** Judges the board now (after a step this node took, so the stream hears at once). */
  void poke() {
    if (ticker != null && !ticker.isShutdown()) {
      ticker.execute(this::tick);
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    events.close();
    escalation.close();
  }
}
