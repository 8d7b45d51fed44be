package dev.verity.node.inspection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.commission.Commission;
import dev.verity.core.inspection.Ambiguity;
import dev.verity.core.inspection.Exhibition;
import dev.verity.core.inspection.FacilityExemption;
import dev.verity.core.inspection.InspectionLedger;
import dev.verity.core.inspection.InspectionQuotas;
import dev.verity.core.inspection.InspectionRecord;
import dev.verity.core.inspection.QuotaGauge;
import dev.verity.core.inspection.Step;
import dev.verity.core.inspection.StepResult;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.node.projection.InspectionProjection;
import dev.verity.node.projection.Owed;
import dev.verity.node.projection.InspectionProjection.State;
import dev.verity.node.api.AsOf;
import dev.verity.node.api.Http;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read-only routes of inspections, exhibitions and the commission (issue 6;
 * docs/formats/api.md): {@code GET /api/v1/inspections}, {@code GET /api/v1/inspections/{id}} and
 * {@code GET /api/v1/commission}, all from the node's {@link InspectionProjection} (through
 * {@link dev.verity.node.module.InspectionQueries}), so both nodes answer the same from the same
 * entries.
 */
final class InspectionRoutes {
  private final NodeQueries node;

  InspectionRoutes(NodeQueries node) {
    this.node = node;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/inspections", ctx -> Http.json(ctx, 200, list(asOf(ctx, node)))),
        Route.get("/api/v1/inspections/{id}",
            ctx -> Http.json(ctx, 200, one(ctx.pathParam("id"), asOf(ctx, node)))),
        Route.get("/api/v1/commission",
            ctx -> Http.json(ctx, 200, commission(asOf(ctx, node)))));
  }

  /** {@code asOf} as {@link AsOf} reads it: by default the node's clock. */
  static Instant asOf(Context ctx, NodeQueries node) {
    return AsOf.instant(ctx, node.clock());
  }

  private State state(Instant asOf) {
    return node.inspections().stateAsOf(asOf);
  }

  Map<String, Object> list(Instant asOf) {
    State s = state(asOf);
    InspectionLedger l = s.ledger();
    Agreement a = s.commission().versions().at(asOf);
    List<Obligation> owed = l.owed(asOf);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asOf", asOf);
    m.put("treatyYear", treatyYear(a, asOf));
    m.put("quotas", quotas(l, a, asOf));
    m.put("inspections", l.inspections().stream().map(r -> summary(r, owed)).toList());
    m.put("exhibitions", l.exhibitions().stream().map(InspectionRoutes::exhibition).toList());
    m.put("exemptions", l.exemptions().stream().map(InspectionRoutes::exemption).toList());
    m.put("refusals", l.refusals().stream().map(this::refusal).toList());
    return m;
  }

  private static Map<String, Object> treatyYear(Agreement a, Instant at) {
    if (a.inspections() == null) {
      return null;
    }
    LocalDate from = new InspectionQuotas(a).treatyYear(at.atOffset(ZoneOffset.UTC).toLocalDate());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", String.valueOf(from.getYear()));
    m.put("from", from.atStartOfDay().toInstant(ZoneOffset.UTC));
    m.put("until", from.plusYears(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    return m;
  }

  private static List<Map<String, Object>> quotas(InspectionLedger l, Agreement a, Instant at) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (a.inspections() == null) {
      return out;
    }
    for (Party p : a.boundParties()) {
      for (int type = 1; type <= 2; type++) {
        QuotaGauge g = l.gauge(p.id(), type, at);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inspectedParty", g.inspectedParty());
        m.put("type", g.type());
        m.put("treatyYear", g.treatyYear().substring(0, 4)); // "2019-02-05..2020-02-04" -> "2019"
        m.put("used", g.used());
        m.put("quota", g.quota());
        m.put("left", g.left());
        out.add(m);
      }
    }
    return out;
  }

  private static Map<String, Object> summary(InspectionRecord r, List<Obligation> owed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("inspectingParty", r.inspectingParty());
    m.put("inspectedParty", r.inspectedParty());
    m.put("pointOfEntry", r.pointOfEntry());
    m.put("facility", r.facility());
    m.put("type", r.type() == 0 ? null : r.type());
    m.put("phase", r.phase().name());
    m.put("noticeAt", r.noticeAt());
    m.put("arrivalTime", r.arrivalTime());
    m.put("completedAt", r.completedAt());
    m.put("jointReportSigned", r.jointReportSigned());
    m.put("open", r.open());
    Map<String, Long> counts = new LinkedHashMap<>();
    List<Obligation> mine = of(owed, r.id());
    for (Status st : List.of(Status.PENDING, Status.DUE, Status.LATE, Status.MISSING)) {
      counts.put(st.label(), mine.stream().filter(o -> o.status() == st).count());
    }
    m.put("obligations", counts);
    return m;
  }

  /** The obligations about inspection {@code id}: their subject. */
  private static List<Obligation> of(List<Obligation> owed, String id) {
    return owed.stream().filter(o -> o.subject().equals(id)).toList();
  }

  private static Map<String, Object> exhibition(Exhibition e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("party", e.exhibitingParty());
    m.put("itemKind", e.itemKind());
    m.put("facility", e.facility());
    m.put("date", e.date());
    m.put("held", e.heldAt() != null);
    m.put("uniqueIdentifiers", e.uniqueIdentifiers());
    return m;
  }

  private static Map<String, Object> exemption(FacilityExemption e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("party", e.party());
    m.put("facility", e.facility());
    m.put("from", e.from());
    m.put("until", e.until());
    m.put("reason", e.reason());
    m.put("entry", e.entry());
    return m;
  }

  private Map<String, Object> refusal(StepResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entry", r.step().entry());
    m.put("type", r.step().message() == null ? null : r.step().message().typeId());
    m.put("inspection", inspectionOf(r.step()));
    m.put("refusal", r.refusal().getClass().getSimpleName());
    m.put("reason", r.refusal().reason());
    m.put("at", r.step().at());
    return m;
  }

  private String inspectionOf(Step s) {
    return node.inspections().logged(s.entry())
        .map(l -> l.body().path("inspection").asText(null)).orElse(null);
  }

  Map<String, Object> one(String id, Instant asOf) {
    State s = state(asOf);
    InspectionRecord r = s.ledger().inspection(id).orElseThrow(() -> new Http.ApiError(404, null, "no inspection '" + id + "'"));
    List<Obligation> owed = s.ledger().owed(asOf);
    Map<String, Object> insp = summary(r, owed);
    insp.put("restrictionsAt", r.restrictionsAt());
    insp.put("designatedAt", r.designatedAt());
    insp.put("missile", r.missile());
    insp.put("bombers", r.bombers());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inspection", insp);
    m.put("timeline", r.timeline().stream().map(this::timelineEntry).toList());
    m.put("obligations", of(owed, id).stream().map(Owed::of).toList());
    m.put("selection", InspectionViews.selection(r));
    m.put("findings", InspectionViews.findings(r, node.inspections()));
    m.put("signatures", InspectionViews.signatures(r));
    m.put("ambiguities", ambiguities(s, id));
    return m;
  }

  private Map<String, Object> timelineEntry(Step st) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entry", st.entry());
    m.put("type", st.message().typeId());
    m.put("at", st.at());
    m.put("message", node.inspections().logged(st.entry())
        .map(InspectionProjection.Logged::body).orElse(null));
    return m;
  }

  private static List<Map<String, Object>> ambiguities(State s, String id) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (AutoItem a : autoItems(s)) {
      if (a.ambiguity().inspection().equals(id)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raisedBy", a.ambiguity().raisedBy());
        m.put("text", a.ambiguity().text());
        m.put("concerning", a.ambiguity().concerning());
        m.put("at", a.ambiguity().at());
        m.put("agendaItem", a.linkedTo() != null ? a.linkedTo() : a.id());
        out.add(m);
      }
    }
    return out;
  }

  /** An ambiguity and its agenda item: the commission's item that links to it, or its automatic item. */
  record AutoItem(String id, Ambiguity ambiguity, String linkedTo) {}

  /**
   * Every ledger ambiguity with its agenda item: linked when a commission agenda item concerns
   * one of the entries the ambiguity concerns; otherwise an automatic item
   * {@code auto-<inspection>-<n>} (n counts the inspection's ambiguities from 1).
   */
  static List<AutoItem> autoItems(State s) {
    List<AutoItem> out = new ArrayList<>();
    Map<String, Integer> n = new LinkedHashMap<>();
    for (Ambiguity a : s.ledger().ambiguities()) {
      int k = n.merge(a.inspection(), 1, Integer::sum);
      String linked = null;
      Set<EntryRef> about = new HashSet<>(a.concerning());
      for (Commission.AgendaItem i : s.commission().agenda()) {
        if (i.concerning().stream().anyMatch(about::contains)) {
          linked = i.id();
          break;
        }
      }
      out.add(new AutoItem("auto-" + a.inspection() + "-" + k, a, linked));
    }
    return out;
  }

  Map<String, Object> commission(Instant asOf) {
    State s = state(asOf);
    Commission c = s.commission();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessions", c.sessions().stream().map(x -> InspectionViews.session(x)).toList());
    List<Map<String, Object>> agenda = new ArrayList<>(c.agenda().stream().map(InspectionViews::agendaItem).toList());
    for (AutoItem a : autoItems(s)) {
      if (a.linkedTo() == null) {
        agenda.add(InspectionViews.autoItem(a.id(), a.ambiguity()));
      }
    }
    m.put("agenda", agenda);
    m.put("decisions", c.decisions().stream().map(InspectionViews::decision).toList());
    m.put("versions", c.versions().versions().stream().map(v -> version(c.versions(), v)).toList());
    return m;
  }

  private static Map<String, Object> version(AgreementVersions all, AgreementVersions.Version v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", v.from() != null ? v.from() : all.original().entryIntoForce().atStartOfDay().toInstant(ZoneOffset.UTC));
    m.put("decision", v.decision());
    return m;
  }
}
