package dev.verity.node.inspection;

import dev.verity.core.commission.Amendment;
import dev.verity.core.commission.Commission;
import dev.verity.core.commission.CommissionMessage.DecisionProposed;
import dev.verity.core.inspection.Ambiguity;
import dev.verity.core.inspection.InspectionMessage;
import dev.verity.core.inspection.InspectionRecord;
import dev.verity.core.message.Item;
import dev.verity.core.selection.Selection;
import dev.verity.node.module.InspectionQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of docs/formats/api.md for inspections and the commission (the API contract of issue 6). */
final class InspectionViews {
  private InspectionViews() {}

  static Map<String, Object> selection(InspectionRecord r) {
    InspectionMessage.SelectionCommit c = r.selectionCommit();
    if (c == null) {
      return null;
    }
    Selection s = r.selection();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("commitment", c.commitment());
    m.put("checkpoints", c.checkpoints().stream().map(cp -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("party", cp.party());
      v.put("origin", cp.origin());
      v.put("size", cp.size());
      v.put("hash", cp.rootHash());
      return v;
    }).toList());
    m.put("answer", answer(r));
    m.put("revealed", s != null);
    m.put("facility", s == null ? null : s.site());
    m.put("missile", s == null ? null : s.missile());
    m.put("bombers", s == null ? null : s.bombers());
    m.put("recompute", s == null ? null : "verity inspection recompute-selection --inputs FILE (docs/formats/selection.md)");
    return m;
  }

  private static String answer(InspectionRecord r) {
    return r.timeline().stream().map(st -> st.message())
        .filter(x -> x instanceof InspectionMessage.SelectionAnswer)
        .map(x -> ((InspectionMessage.SelectionAnswer) x).secret()).findFirst().orElse(null);
  }

  static Map<String, Object> findings(InspectionRecord r, InspectionQueries p) {
    InspectionMessage.Findings f = r.findings();
    if (f == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uniqueIdentifiers", f.uniqueIdentifiers());
    m.put("reentryVehicles", f.reentryVehicles());
    Integer declared = null;
    if (r.missile() != null) {
      declared = p.declaredItem(r.inspectedParty(), r.missile(), r.findingsAt()).map(Item::warheadCount).orElse(null);
    }
    m.put("declaredReentryVehicles", declared);
    m.put("bomberArmaments", f.bomberArmaments());
    return m;
  }

  static Map<String, Object> signatures(InspectionRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    r.signatures().forEach((party, s) -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("digest", s.digest());
      v.put("at", s.at());
      v.put("entry", s.entry());
      out.put(party, v);
    });
    return out;
  }

  static Map<String, Object> session(Commission.Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("date", s.date());
    m.put("place", s.place());
    m.put("entry", s.entry());
    return m;
  }

  static Map<String, Object> agendaItem(Commission.AgendaItem i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("session", i.session());
    m.put("title", i.title());
    m.put("concerning", i.concerning());
    m.put("open", i.open());
    m.put("closedBy", i.closedBy());
    m.put("source", "party");
    m.put("entry", i.entry());
    return m;
  }

  /** An ambiguity no agenda item links to yet: an open item of the commission's agenda all the same. */
  static Map<String, Object> autoItem(String id, Ambiguity a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("session", null);
    m.put("title", "ambiguity in inspection " + a.inspection() + " (raised by " + a.raisedBy() + "): " + a.text());
    m.put("concerning", a.concerning());
    m.put("open", true);
    m.put("closedBy", null);
    m.put("source", "auto");
    m.put("entry", null);
    return m;
  }

  static Map<String, Object> decision(Commission.Decision d) {
    DecisionProposed p = d.proposal();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.decision());
    m.put("session", p.session());
    m.put("item", p.item());
    m.put("text", p.text());
    m.put("effectiveFrom", p.effectiveFrom());
    m.put("signedBy", List.copyOf(d.signedBy()));
    m.put("adopted", d.adoptedAt() != null);
    m.put("adoptedAt", d.adoptedAt());
    m.put("amendments", p.amendments().stream().map(InspectionViews::amendment).toList());
    m.put("entry", d.entry());
    return m;
  }

  private static Map<String, Object> amendment(Amendment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", a.path());
    m.put("value", a.value());
    return m;
  }
}
