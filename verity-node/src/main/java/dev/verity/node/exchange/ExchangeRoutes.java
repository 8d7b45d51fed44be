package dev.verity.node.exchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.Arrangement;
import dev.verity.core.exchange.BodiesRegime;
import dev.verity.core.exchange.Blinded;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.exchange.ExchangeRegime;
import dev.verity.core.exchange.ExchangeState;
import dev.verity.core.exchange.Exchanges;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.StageRecord;
import dev.verity.core.exchange.TallyRegime;
import dev.verity.node.api.Http;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exchanges over the API, read-only: what every node folds alike from the Parties', the
 * mediators' and the intermediary's entries. Writes are messages ({@code POST
 * /api/v1/messages}): the regime refuses a step that breaks a rule with 422 and its rule
 * ({@code exchange/consent-missing}), and nothing is appended. Nothing here carries a name:
 * the log holds commitments only.
 */
final class ExchangeRoutes {
  private final NodeQueries node;

  ExchangeRoutes(NodeQueries node) {
    this.node = node;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/exchanges", this::view),
        Route.get("/api/v1/exchanges/{exchange}/lists", this::lists),
        Route.get("/api/v1/exchanges/{exchange}/stages", this::stages));
  }

  /** Every exchange's view, the mediators' tallies and the bodies ledger. */
  private void view(Context ctx) {
    Map<String, Object> views = node.provisions().views();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agreement", node.agreement().id());
    m.put("exchanges", views.getOrDefault(ExchangeRegime.ID, List.of()));
    m.put("tallies", views.getOrDefault(TallyRegime.ID, List.of()));
    m.put("bodies", views.get(BodiesRegime.ID));
    Http.json(ctx, 200, m);
  }

  /**
   * Each committed list of one exchange as its {@code exchange-list} entry gave it (commitments
   * and blinded values, public in the Party's log) and, once the other Party blinded it on top,
   * those values: what a Party needs to blind the other's list and what the ICRC needs to check
   * an opening.
   */
  private void lists(Context ctx) {
    String id = ctx.pathParam("exchange");
    ExchangeState s = arranged(id);
    List<ObjectNode> out = new ArrayList<>();
    for (ListCommitment c : s.lists()) {
      ObjectNode f = ExchangeJson.fields(new CommitList(c));
      s.reblinded(c.id()).ifPresent(v -> hex(f.putArray("blindedByOther"), v));
      out.add(f);
    }
    Http.json(ctx, 200, Map.of("exchange", id, "lists", out));
  }

  /**
   * Each stage of one exchange with the figures behind its discrepancies: each Party's counts
   * (handed, received) and each mediator's attestation (crossed from each Party), beside who
   * signed and the discrepancies named, so that a reader sees the three columns side by side.
   */
  private void stages(Context ctx) {
    String id = ctx.pathParam("exchange");
    ExchangeState s = arranged(id);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Arrangement.Stage st : s.arrangement().stages()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stage", st.number());
      m.put("date", st.date());
      Map<String, Object> reports = new TreeMap<>();
      s.reports(st.number()).forEach((p, r) -> reports.put(p, counts(r)));
      m.put("reports", reports);
      Map<String, Object> attested = new TreeMap<>();
      s.stageAttestations(st.number()).forEach((p, a) -> attested.put(p, a.crossedFrom()));
      m.put("attestations", attested);
      StageRecord r = s.stage(st.number());
      m.put("signedBy", r.signedBy());
      m.put("discrepancies", r.discrepancies());
      out.add(m);
    }
    Http.json(ctx, 200, Map.of("exchange", id, "stages", out));
  }

  private static Map<String, Object> counts(ReportCounts r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("handed", r.handed());
    m.put("received", r.received());
    return m;
  }

  private ExchangeState arranged(String id) {
    return node.provisions().state(ExchangeRegime.ID, Exchanges.class)
        .flatMap(e -> e.exchange(id))
        .orElseThrow(() -> new Http.ApiError(404, "exchange", "no exchange " + id
            + " is arranged under " + node.agreement().id()));
  }

  private static void hex(ArrayNode into, List<Blinded> values) {
    values.forEach(b -> into.add(b.hex()));
  }
}
