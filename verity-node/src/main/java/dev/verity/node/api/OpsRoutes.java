package dev.verity.node.api;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.metrics.NodeMetrics;
import dev.verity.node.projection.Owed;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.StoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators' tools read (issue 17): {@code /healthz} (the process answers), {@code /readyz}
 * (the store answers, the log's signed checkpoint verifies, and when each peer was last heard
 * from) and {@code /metrics} (Prometheus text format, behind any API token: Prometheus sends it
 * with {@code authorization: credentials_file}). The two probes need no token, as orchestrators'
 * probes send none, and say nothing a caller could not learn by connecting: no peer names.
 */
final class OpsRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);

  /** Its routes, for the OpenAPI check. */
  static final List<String> ROUTES = List.of("GET /healthz", "GET /readyz", "GET /metrics");

  /** A peer not heard from for longer is counted as silent by {@code /readyz}. */
  static final Duration SILENT = Duration.ofMinutes(5);

  private OpsRoutes() {}

  /** Registers the routes and, for each agreement of {@code served}, its gauges. */
  static void register(JavalinConfig cfg, ServedNode served) {
    for (String a : served.agreements()) {
      watch(served.in(a).orElseThrow());
    }
    cfg.routes.get("/healthz", ctx -> Http.json(ctx, 200, Map.of("status", "up")));
    cfg.routes.get("/readyz", ctx -> ready(ctx, served));
    cfg.routes.get("/metrics", ctx -> {
      ApiServer.authenticate(served, ctx);
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(served.metrics().scrape());
    });
    cfg.requestLogger.http((ctx, ms) -> served.metrics().request("api", ctx.method().name(),
        route(ctx), ctx.statusCode(), Duration.ofNanos((long) (ms * 1e6))));
  }

  /** The path pattern that answered ({@code /api/v1/messages/{party}/{index}}), never the path. */
  static String route(Context ctx) {
    var e = ctx.endpoints().lastHttpEndpoint();
    return e == null ? "unmatched" : e.path;
  }

  private static void ready(Context ctx, ServedNode served) {
    Map<String, Object> checks = new LinkedHashMap<>();
    boolean ok = true;
    int peers = 0;
    int silent = 0;
    long now = served.clock().millis();
    for (String a : served.agreements()) {
      ServedNode node = served.in(a).orElseThrow();
      // every agreement's store and log; the probe needs no token, so it names no agreement
      ok &= check(checks, "store", () -> node.store().countAlarms());
      ok &= check(checks, "log", () -> node.verifiedLog().head().tree().head().size());
      for (PeerConfig p : node.config().peers()) {
        Instant last = position(node, p.party()).lastContact();
        silent += last == null || now - last.toEpochMilli() > SILENT.toMillis() ? 1 : 0;
        peers++;
      }
    }
    // peers inform, they do not gate: a node whose peers are away still serves its operators
    checks.put("peers", Http.object("configured", peers, "silent", silent,
        "silentAfterSeconds", SILENT.toSeconds()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", ok ? "ready" : "not ready");
    // a standby is ready to serve reads; a load balancer sends writes to the active one
    m.put("role", served.role());
    m.put("checks", checks);
    Http.json(ctx, ok ? 200 : 503, m);
  }

  private interface Probe {
    long run() throws Exception;
  }

  private static boolean check(Map<String, Object> checks, String name, Probe p) {
    try {
      p.run();
      checks.putIfAbsent(name, "ok");
      return true;
    } catch (Exception e) {
      LOG.warn("readiness: {} failed: {}", name, e.toString());
      checks.put(name, "failing");
      return false;
    }
  }

  private static PeerPosition position(ServedNode node, String peer) {
    try {
      return node.store().position(peer);
    } catch (StoreException e) {
      return PeerPosition.initial(peer);
    }
  }

  /** The gauges read at each scrape: log size, backlog per peer, alarms, obligations by status. */
  private static void watch(ServedNode node) {
    NodeMetrics m = node.metrics();
    String agreement = node.agreement().id();
    Tags a = Tags.of("agreement", agreement);
    m.witnesses(agreement, node.config().peers().stream().map(PeerConfig::party).toList());
    m.gauge("verity_log_size", "entries in the own log", a, () -> logSize(node));
    for (PeerConfig p : node.config().peers()) {
      m.gauge("verity_peer_backlog", "own entries not yet cosigned by the peer",
          a.and("peer", p.party()),
          () -> Math.max(0, logSize(node) - position(node, p.party()).cosignedSize()));
    }
    m.gauge("verity_alarms", "alarms raised (all time)", a, () -> alarms(node));
    m.rows("verity_obligations", "obligations by status, as of now", "status", a,
        () -> byStatus(owed(node)));
  }

  private static List<Owed> owed(ServedNode node) {
    try {
      return ApiServer.owed(node, node.clock().instant());
    } catch (StoreException e) {
      LOG.warn("metrics: cannot read the obligations of {}: {}", node.agreement().id(),
          e.getMessage());
      return List.of();
    }
  }

  private static long logSize(ServedNode node) {
    try {
      return node.verifiedLog().head().tree().head().size();
    } catch (Exception e) {
      return 0;
    }
  }

  private static long alarms(ServedNode node) {
    try {
      return node.store().countAlarms();
    } catch (StoreException e) {
      return -1;
    }
  }

  static Map<String, Long> byStatus(List<Owed> owed) {
    Map<String, Long> m = new TreeMap<>();
    owed.forEach(o -> m.merge(o.status().toString().toLowerCase(), 1L, Long::sum));
    return m;
  }
}
