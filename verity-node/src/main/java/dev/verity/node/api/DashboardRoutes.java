package dev.verity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.Item;
import dev.verity.core.scenario.PublishedData;
import dev.verity.node.runtime.Node;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard: static pages served from the jar at {@code /} and {@code /assets/...} (no CDN,
 * a strict Content-Security-Policy), the message files agreements ship beside their definitions at
 * {@code /assets/i18n/agreement/<id>/<lang>.json}, and two read-only endpoints the pages need beyond the
 * operator API: {@code GET /api/v1/history} (published aggregates and the node's own figures over
 * time) and {@code GET /api/v1/inventory/{party}/items} (items by unique identifier as of a day).
 */
public final class DashboardRoutes {
  public static final List<String> ROUTES = List.of("GET /api/v1/history", "GET /api/v1/inventory/{party}/items",
      "GET /api/v1/log/checkpoints");

  /** No inline script or style, nothing from elsewhere. */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final String ROOT = "/dev/verity/node/web/";
  private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\\.(html|css|js|json|svg|png|ico)");
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "json", "application/json; charset=utf-8",
      "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

  /**
   * An agreement's or provision's own message files, served from its definition beside the
   * dashboard's ({@code AgreementCatalog.labels}, docs/formats/agreement.md "Labels").
   */
  private static final Pattern AGREEMENT_LABELS =
      Pattern.compile("assets/i18n/agreement/([a-z0-9-]+)/([a-z]{2})\\.json");

  private DashboardRoutes() {}

  private static InputStream agreementLabels(String id, String lang) throws IOException {
    Optional<Reader> found = AgreementCatalog.labels(id, lang);
    if (found.isEmpty()) {
      return null;
    }
    try (Reader r = found.get()) {
      StringWriter w = new StringWriter();
      r.transferTo(w);
      return new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  static void register(JavalinConfig cfg, Node node) {
    cfg.routes.get("/", ctx -> asset(ctx, "index.html"));
    cfg.routes.get("/assets/*", ctx -> asset(ctx, ctx.path().substring(1)));
    VendorAssets.register(cfg); // the map's d3-geo, topojson-client and Natural Earth files
    History history = new History(node);
    cfg.routes.get("/api/v1/history", ctx -> Http.json(ctx, 200, history.get()));
    cfg.routes.get("/api/v1/inventory/{party}/items", ctx -> items(node, ctx));
    cfg.routes.get("/api/v1/log/checkpoints", ctx -> Http.json(ctx, 200, checkpoints(node)));
  }

  private static void asset(Context ctx, String name) throws IOException {
    if (!ASSET.matcher(name).matches()) {
      throw new Http.ApiError(404, null, "not found: " + ctx.path());
    }
    Matcher labels = AGREEMENT_LABELS.matcher(name);
    try (InputStream in = labels.matches() ? agreementLabels(labels.group(1), labels.group(2))
        : DashboardRoutes.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new Http.ApiError(404, null, "not found: " + ctx.path());
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.header("Cache-Control", "no-cache");
      ctx.contentType(TYPES.get(ext)).result(in.readAllBytes());
    }
  }

  /** The published aggregates of each shipped table, read once (they never change). */
  private static final Map<String, List<Map<String, Object>>> PUBLISHED = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The published aggregates of the agreement's table and this node's figures over time, kept
   * until an entry is applied or the day turns (computing them replays every Party's history).
   */
  static final class History {
    private record Computed(long applied, LocalDate day, Map<String, Object> value) {}

    private final Node node;
    private volatile Computed last;

    History(Node node) {
      this.node = node;
    }

    Map<String, Object> get() {
      long applied = node.projections().applied();
      LocalDate today = node.clock().instant().atOffset(ZoneOffset.UTC).toLocalDate();
      Computed c = last;
      if (c == null || c.applied() != applied || !c.day().equals(today)) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("published", published(node.agreement()));
        out.put("node", ownFigures(node, today));
        c = new Computed(applied, today, out);
        last = c;
      }
      return c.value();
    }
  }

  private static List<Map<String, Object>> published(Agreement a) {
    if (a.publishedFigures() == null) {
      return List.of();
    }
    return PUBLISHED.computeIfAbsent(a.publishedFigures() + "\n" + a.id(), k -> {
      try (Reader r = PublishedData.table(a.publishedFigures())) {
        return AggregatesTable.read(a.publishedFigures(), r, a).stream().map(row -> figures(row.asOf(), row.party(),
            row.values())).toList();
      } catch (Exception e) {
        throw new IllegalStateException("shipped table " + a.publishedFigures() + ": " + e.getMessage(), e);
      }
    });
  }

  private static Map<String, Object> figures(LocalDate date, String party, Object values) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", date);
    m.put("party", party);
    m.put("values", values);
    return m;
  }

  /** This node's figures on the first declaration's day, the 1st of each month while they change, and today. */
  private static List<Map<String, Object>> ownFigures(Node node, LocalDate today) {
    LocalDate first = node.projections().firstDeclarationDay().orElse(null);
    List<Map<String, Object>> own = new ArrayList<>();
    if (first == null) {
      return own;
    }
    // monthly while the inventories change, then today: after the latest change the figures stay put
    LocalDate last = first;
    for (var v : node.projections().inventory(today).values()) {
      if (v.clock() != null) {
        LocalDate c = v.clock().atOffset(ZoneOffset.UTC).toLocalDate();
        last = c.isAfter(last) ? c : last;
      }
    }
    List<LocalDate> days = new ArrayList<>();
    days.add(first);
    for (LocalDate d = first.withDayOfMonth(1).plusMonths(1); d.isBefore(today) && !d.isAfter(last.plusMonths(1)); d = d.plusMonths(1)) {
      days.add(d);
    }
    if (today.isAfter(days.get(days.size() - 1))) {
      days.add(today);
    }
    for (LocalDate d : days) {
      node.projections().inventory(d).forEach((party, v) -> {
        if (v.aggregates() != null) {
          own.add(figures(d, party, v.aggregates()));
        }
      });
    }
    return own;
  }

  /** This Party's checkpoints that peers cosigned: each size with the time of its first cosignature, newest first. */
  static Map<String, Object> checkpoints(Node node) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    node.store().firstCosignatureTimes(node.config().party()).descendingMap().forEach((size, at) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("size", size);
      m.put("firstCosignedAt", java.time.Instant.ofEpochSecond(at));
      out.add(m);
    });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("party", node.config().party());
    m.put("checkpoints", out);
    return m;
  }

  /** The items of {@code party} by unique identifier, as of the end of {@code asOf}, optionally of one facility. */
  private static void items(Node node, Context ctx) throws Exception {
    String party = ctx.pathParam("party");
    if (!node.projections().parties().contains(party)) {
      throw new Http.ApiError(404, "party", "no Party " + party + " in " + node.agreement().id());
    }
    LocalDate day;
    try {
      day = ctx.queryParam("asOf") == null ? node.clock().instant().atOffset(ZoneOffset.UTC).toLocalDate()
          : LocalDate.parse(ctx.queryParam("asOf"));
    } catch (DateTimeParseException e) {
      throw new Http.ApiError(400, "asOf", "a date YYYY-MM-DD");
    }
    String facility = ctx.queryParam("facility");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("party", party);
    out.put("asOf", day);
    // the node's projections fold each Party's entries once; the drill-down reads them
    Optional<Inventory> found = node.projections().inventoryAsOf(party, day);
    if (found.isEmpty()) {
      out.put("facilities", Map.of());
      out.put("items", List.of());
      Http.json(ctx, 200, out);
      return;
    }
    Inventory inv = found.get();
    Map<String, Object> facilities = new TreeMap<>();
    inv.facilities().forEach((id, f) -> facilities.put(id, Map.of("name", f.name() == null ? id : f.name(),
        "kind", f.kind() == null ? "" : f.kind())));
    List<Map<String, Object>> items = new ArrayList<>();
    for (Item it : new TreeMap<>(inv.items()).values()) {
      if (facility != null && !facility.equals(it.facility())) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", it.id());
      m.put("kind", it.kind());
      m.put("facility", it.facility());
      m.put("launcher", it.launcher());
      m.put("carrier", it.carrier());
      m.put("warheads", it.warheads());
      m.put("status", inv.status(it.id()).name().toLowerCase().replace('_', '-'));
      items.add(m);
    }
    out.put("clock", inv.clock());
    out.put("facilities", facilities);
    out.put("items", items);
    Http.json(ctx, 200, out);
  }
}
