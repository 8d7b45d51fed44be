package dev.verity.node.escrow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.escrow.EscrowFindings;
import dev.verity.core.inspection.InspectionMessage.Findings;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Item;
import dev.verity.core.message.JsonProblems;
import dev.verity.node.api.Http;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.submit.SubmitRequest;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Escrowed declarations over the API (docs/formats/escrow.md, "The node"): every Party's
 * commitments and reveals with the verdict on each, the operator's reveal of its own items, and
 * a check of an inspection's findings against what a Party revealed. Commitments themselves are
 * made by {@code POST /api/v1/messages} with a declaration, under an agreement in escrow mode.
 */
final class EscrowRoutes {
  private final NodeQueries node;

  EscrowRoutes(NodeQueries node) {
    this.node = node;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/escrow", this::view),
        Route.post("/api/v1/escrow/reveals", Route.Role.OPERATOR, this::reveal),
        Route.post("/api/v1/escrow/findings-check", Route.Role.ANY, this::findings));
  }

  private void view(Context ctx) {
    EscrowLedger ledger = node.escrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agreement", node.agreement().id());
    m.put("declarationMode", node.agreement().declarationMode().label());
    m.put("parties", ledger.view());
    m.put("problems", ledger.problems());
    Http.json(ctx, 200, m);
  }

  /** {@code {"clientId"?, "items": [...] | "all", "root"?}}: appends reveal entries through the submit pipeline. */
  private void reveal(Context ctx) throws Exception {
    JsonNode body = Http.jsonObject(ctx, "clientId", "items", "root");
    ObjectNode message = CanonicalJson.mapper().createObjectNode();
    message.set("items", body.get("items"));
    if (body.hasNonNull("root")) {
      message.set("root", body.get("root"));
    }
    String clientId = body.hasNonNull("clientId") ? Http.text(body, "clientId")
        : "reveal-" + UUID.randomUUID();
    node.submit(ctx, new SubmitRequest(clientId, EscrowEntries.REVEAL, message));
  }

  /**
   * {@code {"party", "facility", "designatedMissile"?, "findings": {"uniqueIdentifiers", "reentryVehicles", "bomberArmaments"}}}:
   * what the inspectors saw against the items {@code party} revealed (read-only).
   */
  private void findings(Context ctx) throws Exception {
    JsonNode body = Http.jsonObject(ctx, "party", "facility", "designatedMissile", "findings");
    String party = Http.text(body, "party");
    if (party == null || !node.parties().contains(party)) {
      throw new Http.ApiError(400, "party", "a Party of " + node.agreement().id());
    }
    Findings f;
    try {
      f = DataExchangeJson.mapper().treeToValue(body.path("findings"), FindingsBody.class).findings();
    } catch (JsonProcessingException e) {
      JsonProblems.Problem p = JsonProblems.of(e);
      throw new Http.ApiError(400, p.field("findings"), p.message());
    }
    Map<String, Item> revealed = new LinkedHashMap<>();
    node.escrow().asOf(party, null)
        .ifPresent(x -> x.revealed().forEach(i -> revealed.put(i.id(), i)));
    var problems = EscrowFindings.check(revealed, Http.text(body, "facility"),
        Http.text(body, "designatedMissile"), f);
    Http.json(ctx, 200,
        Http.object("party", party, "revealed", revealed.size(), "problems", problems));
  }

  /** The findings fields of an {@code inspection-findings} message, without its inspection id. */
  private record FindingsBody(List<String> uniqueIdentifiers, Integer reentryVehicles, Map<String, Integer> bomberArmaments) {
    Findings findings() {
      return new Findings(null, uniqueIdentifiers, reentryVehicles, bomberArmaments);
    }
  }
}
