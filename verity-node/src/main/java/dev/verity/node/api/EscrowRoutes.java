package dev.verity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.escrow.EscrowFindings;
import dev.verity.core.inspection.InspectionMessage.Findings;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Item;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.submit.SubmitRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Escrowed declarations over the API (docs/formats/escrow.md, "The node"): every Party's
 * commitments and reveals with the verdict on each, the operator's reveal of its own items, and
 * a check of an inspection's findings against what a Party revealed. Commitments themselves are
 * made by {@code POST /api/v1/messages} with a declaration, under an agreement in escrow mode.
 */
final class EscrowRoutes {
  static final List<String> ROUTES = List.of("GET /api/v1/escrow", "POST /api/v1/escrow/reveals",
      "POST /api/v1/escrow/findings-check");

  private EscrowRoutes() {}

  static void register(JavalinConfig cfg, Node node) {
    cfg.routes.get("/api/v1/escrow", ctx -> view(ctx, node));
    cfg.routes.post("/api/v1/escrow/reveals", ctx -> reveal(ctx, node));
    cfg.routes.post("/api/v1/escrow/findings-check", ctx -> findings(ctx, node));
  }

  private static void view(Context ctx, Node node) {
    EscrowLedger ledger = node.projections().escrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agreement", node.agreement().id());
    m.put("declarationMode", node.agreement().declarationMode().label());
    m.put("parties", ledger.view());
    m.put("problems", ledger.problems());
    Http.json(ctx, 200, m);
  }

  /** {@code {"clientId"?, "items": [...] | "all", "root"?}}: appends reveal entries through the submit pipeline. */
  private static void reveal(Context ctx, Node node) throws Exception {
    ApiServer.requireRole(ctx, Tokens.OPERATOR);
    JsonNode body = ApiServer.jsonObject(ctx, "clientId", "items", "root");
    ObjectNode message = CanonicalJson.mapper().createObjectNode();
    message.set("items", body.get("items"));
    if (body.hasNonNull("root")) {
      message.set("root", body.get("root"));
    }
    String clientId = body.hasNonNull("clientId") ? ApiServer.text(body, "clientId")
        : "reveal-" + java.util.UUID.randomUUID();
    ApiServer.submitted(ctx, node, new SubmitRequest(clientId, EscrowEntries.REVEAL, message));
  }

  /**
   * {@code {"party", "facility", "designatedMissile"?, "findings": {"uniqueIdentifiers", "reentryVehicles", "bomberArmaments"}}}:
   * what the inspectors saw against the items {@code party} revealed (read-only).
   */
  private static void findings(Context ctx, Node node) throws Exception {
    JsonNode body = ApiServer.jsonObject(ctx, "party", "facility", "designatedMissile", "findings");
    String party = ApiServer.text(body, "party");
    if (party == null || !node.projections().parties().contains(party)) {
      throw new Http.ApiError(400, "party", "a Party of " + node.agreement().id());
    }
    Findings f;
    try {
      f = DataExchangeJson.mapper().treeToValue(body.path("findings"), FindingsBody.class).findings();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      dev.verity.core.message.JsonProblems.Problem p = dev.verity.core.message.JsonProblems.of(e);
      throw new Http.ApiError(400, p.field("findings"), p.message());
    }
    Map<String, Item> revealed = new LinkedHashMap<>();
    node.projections().escrow().asOf(party, null).ifPresent(x -> x.revealed().forEach(i -> revealed.put(i.id(), i)));
    var problems = EscrowFindings.check(revealed, ApiServer.text(body, "facility"), ApiServer.text(body, "designatedMissile"), f);
    Http.json(ctx, 200, Map.of("party", party, "revealed", revealed.size(), "problems", problems));
  }

  /** The findings fields of an {@code inspection-findings} message, without its inspection id. */
  private record FindingsBody(List<String> uniqueIdentifiers, Integer reentryVehicles, Map<String, Integer> bomberArmaments) {
    Findings findings() {
      return new Findings(null, uniqueIdentifiers, reentryVehicles, bomberArmaments);
    }
  }
}
