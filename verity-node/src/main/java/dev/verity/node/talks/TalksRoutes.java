package dev.verity.node.talks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.talks.CapitalReport;
import dev.verity.core.talks.Talks;
import dev.verity.core.talks.TalksRegime;
import dev.verity.core.talks.TalksView;
import dev.verity.node.api.AsOf;
import dev.verity.node.api.Http;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import dev.verity.node.projection.Owed;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.node.vault.CapitalReportVault;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The talks over the API (docs/formats/api.md, "Talks"): the core's {@link TalksView} of every
 * delegation's entries (rounds, rosters over time, texts with their state and divergences, the
 * glossary, the action items) with the action items as obligations as of a time; one text with
 * its versions, redlines and marks; and the reports to capitals. A report's content stays in
 * this node's {@link CapitalReportVault}: the log gets {@code talks-capital-report{round, hash}}
 * and nothing else, and only this node's operator can open a report again.
 */
final class TalksRoutes {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CAPITAL = "/api/v1/talks/capital-reports";

  private final NodeQueries node;

  TalksRoutes(NodeQueries node) {
    this.node = node;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/talks", this::view),
        Route.get("/api/v1/talks/texts/{id}", this::text),
        Route.get(CAPITAL, this::reports),
        Route.post(CAPITAL, Route.Role.OPERATOR, this::report),
        Route.post(CAPITAL + "/open", Route.Role.OPERATOR, this::open),
        Route.post(CAPITAL + "/check", Route.Role.ANY, this::check));
  }

  private Talks talks() {
    return node.provisions().state(TalksRegime.ID, Talks.class).orElseThrow(() ->
        new Http.ApiError(404, "agreement", node.agreement().id() + " holds no talks"));
  }

  private void view(Context ctx) {
    Talks t = talks();
    Instant asOf = AsOf.instant(ctx, node.clock());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agreement", node.agreement().id());
    m.put("asOf", asOf);
    m.put("talks", TalksRegime.of(node.agreement()).view(t));
    m.put("obligations", actionItems(asOf));
    Http.json(ctx, 200, m);
  }

  private List<Owed> actionItems(Instant asOf) {
    return node.provisions().obligations(asOf).stream()
        .filter(o -> TalksRegime.ID.equals(o.regime())).toList();
  }

  private void text(Context ctx) {
    String id = ctx.pathParam("id");
    TalksView v = (TalksView) TalksRegime.of(node.agreement()).view(talks());
    TalksView.Text x = v.texts().stream().filter(t -> t.text().id().equals(id)).findFirst()
        .orElseThrow(() -> new Http.ApiError(404, "id", "no text " + id + " in the talks"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signatories", v.signatories());
    m.put("text", x);
    Http.json(ctx, 200, m);
  }

  /** This node's own reports: anchor, round, time, size; whether the log holds the anchor. */
  private void reports(Context ctx) throws Exception {
    Talks t = talks();
    List<Map<String, Object>> out = vault().list().stream().map(s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("anchor", s.anchor());
      m.put("party", s.party());
      m.put("round", s.round());
      m.put("writtenAt", s.writtenAt());
      m.put("bytes", s.bytes());
      m.put("anchored", anchoredAt(t, s.round(), s.anchor()));
      return m;
    }).toList();
    Http.json(ctx, 200, Map.of("party", node.provisions().party(), "reports", out));
  }

  private static Instant anchoredAt(Talks t, int round, String anchor) {
    return t.round(round).flatMap(r -> r.capitalReports().stream()
        .filter(a -> a.hash().equals(anchor)).findFirst()).map(a -> a.at()).orElse(null);
  }

  /**
   * {@code {"round", "content", "clientId"?}}: keeps the report here, then appends its anchor
   * through the submit pipeline (the receipt, or the talks' refusal).
   */
  private void report(Context ctx) throws Exception {
    talks();
    JsonNode body = Http.jsonObject(ctx, "round", "content", "clientId");
    int round = body.path("round").asInt(0);
    if (!body.path("round").isInt() || round < 1) {
      throw new Http.ApiError(400, "round", "a round number from 1");
    }
    String content = Http.text(body, "content");
    if (content == null || content.isBlank()) {
      throw new Http.ApiError(400, "content", "the report's text");
    }
    if (content.getBytes(StandardCharsets.UTF_8).length > CapitalReportVault.MAX_BYTES) {
      throw new Http.ApiError(413, "content", "at most " + CapitalReportVault.MAX_BYTES
          + " bytes of UTF-8");
    }
    CapitalReport r = CapitalReport.of(node.provisions().party(), round, content, RANDOM);
    vault().write(r, node.clock().instant());
    ObjectNode message = CanonicalJson.mapper().createObjectNode();
    message.put("round", round);
    message.put("hash", r.anchor());
    String clientId = body.hasNonNull("clientId") ? Http.text(body, "clientId")
        : "capital-report-" + r.anchor().substring(0, 16);
    node.submit(ctx, new SubmitRequest(clientId, "talks-capital-report", message));
  }

  /** {@code {"anchor"}}: the report this node holds, with its salt: what shows it later. */
  private void open(Context ctx) throws Exception {
    JsonNode body = Http.jsonObject(ctx, "anchor");
    String anchor = Http.text(body, "anchor");
    CapitalReport r = vault().open(anchor).orElseThrow(() ->
        new Http.ApiError(404, "anchor", "this node holds no report with anchor " + anchor));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("anchor", anchor);
    m.put("party", r.party());
    m.put("round", r.round());
    m.put("content", r.content());
    m.put("salt", HexFormat.of().formatHex(r.salt()));
    m.put("opens", r.opens(anchor));
    Http.json(ctx, 200, m);
  }

  /**
   * {@code {"party", "round", "content", "salt", "anchor"}}: whether a content shown later is
   * the one anchored (read-only; anyone may check).
   */
  private void check(Context ctx) {
    JsonNode body = Http.jsonObject(ctx, "party", "round", "content", "salt", "anchor");
    String salt = Http.text(body, "salt");
    if (salt == null || !salt.matches("[0-9a-f]{" + 2 * CapitalReport.SALT_BYTES + "}")) {
      throw new Http.ApiError(400, "salt", CapitalReport.SALT_BYTES + " bytes in hex");
    }
    String content = Http.text(body, "content");
    CapitalReport r = CapitalReport.opened(Http.text(body, "party"),
        body.path("round").asInt(), content == null ? "" : content, HexFormat.of().parseHex(salt));
    String anchor = Http.text(body, "anchor");
    Instant at = anchoredAt(talks(), r.round(), anchor);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("opens", anchor != null && r.opens(anchor));
    m.put("anchoredAt", at);
    Http.json(ctx, 200, m);
  }

  private CapitalReportVault vault() {
    return CapitalReportVault.of(node.provisions().nodeDir());
  }
}
