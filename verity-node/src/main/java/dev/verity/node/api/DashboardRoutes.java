package dev.verity.node.api;

import dev.verity.core.agreement.AgreementCatalog;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard: static pages served from the jar at {@code /} and {@code /assets/...} (no CDN,
 * a strict Content-Security-Policy), the message files agreements ship beside their
 * definitions at {@code /assets/i18n/agreement/<id>/<lang>.json}, and the read-only route the
 * pages need beyond the operator API: {@code GET /api/v1/log/checkpoints}. A provision's own
 * routes come with its module ({@code dev.verity.node.inventory.InventoryRoutes} serves the
 * history and the items).
 */
public final class DashboardRoutes {
  public static final List<String> ROUTES = List.of("GET /api/v1/log/checkpoints");

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

  static void register(JavalinConfig cfg, ServedNode node) {
    cfg.routes.get("/", ctx -> asset(ctx, "index.html"));
    cfg.routes.get("/assets/*", ctx -> asset(ctx, ctx.path().substring(1)));
    VendorAssets.register(cfg); // the map's d3-geo, topojson-client and Natural Earth files
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

  /** This Party's checkpoints that peers cosigned: each size with the time of its first cosignature, newest first. */
  static Map<String, Object> checkpoints(ServedNode node) throws Exception {
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
}
