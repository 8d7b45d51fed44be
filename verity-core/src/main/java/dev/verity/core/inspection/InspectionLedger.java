package dev.verity.core.inspection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.InspectionQuota;
import dev.verity.core.agreement.ItemKind;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.inspection.InspectionMessage.AmbiguityRaised;
import dev.verity.core.inspection.InspectionMessage.Arrival;
import dev.verity.core.inspection.InspectionMessage.Exemption;
import dev.verity.core.inspection.InspectionMessage.ExhibitionHeld;
import dev.verity.core.inspection.InspectionMessage.ExhibitionInvitation;
import dev.verity.core.inspection.InspectionMessage.Findings;
import dev.verity.core.inspection.InspectionMessage.ItemsDesignated;
import dev.verity.core.inspection.InspectionMessage.JointReport;
import dev.verity.core.inspection.InspectionMessage.Notice;
import dev.verity.core.inspection.InspectionMessage.RestrictionsInForce;
import dev.verity.core.inspection.InspectionMessage.SiteDesignated;
import dev.verity.core.inspection.InspectionRecord.Phase;
import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.obligation.Obligation;
import dev.verity.core.obligation.ObligationTracker;
import dev.verity.core.selection.Canonical;
import dev.verity.core.selection.SecretCommitment;
import dev.verity.core.selection.SelectionException;
import dev.verity.core.selection.SelectionInputs;
import dev.verity.core.selection.SelectionProcedure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The inspection projection: a deterministic fold over the inspection and exhibition steps of
 * both Parties' logs. Each step is checked against the agreement version in force at its time
 * (quota per type and treaty year, one inspection at a time, a facility at most so often a year,
 * temporary exemptions, Type One only at the kinds of facility the agreement names, the order of
 * the steps and who may send each); a refused step is recorded with its {@link Refusal} and
 * changes nothing. Findings that disagree with the declaration raise {@link Ambiguity}s, and
 * every deadline becomes an {@link Obligation}.
 */
public final class InspectionLedger {
  private final AgreementVersions versions;
  private final DeclaredData declared;
  private final Map<String, InspectionRecord> inspections = new LinkedHashMap<>();
  private final List<FacilityExemption> exemptions = new ArrayList<>();
  private final Map<String, Exhibition> exhibitions = new LinkedHashMap<>();
  private final List<Ambiguity> ambiguities = new ArrayList<>();
  private final List<StepResult> results = new ArrayList<>();

  public InspectionLedger(AgreementVersions versions, DeclaredData declared) {
    this.versions = versions;
    this.declared = declared;
  }

  /** The canonical order in which steps from several logs are folded: by time, then Party, then log index. */
  public static final Comparator<Step> ORDER =
      Comparator.comparing(Step::at).thenComparing(Step::party).thenComparingLong(Step::logIndex);

  /** Folds {@code steps} in the canonical {@link #ORDER}. */
  public static InspectionLedger fold(AgreementVersions versions, DeclaredData declared, List<Step> steps) {
    InspectionLedger l = new InspectionLedger(versions, declared);
    steps.stream().sorted(ORDER).forEach(l::apply);
    return l;
  }

  /** Checks and applies one step; steps must come in non-decreasing time. */
  public StepResult apply(Step s) {
    StepResult r;
    Refusal pre = precheck(s);
    if (pre != null) {
      r = StepResult.refused(s, pre);
    } else {
      InspectionMessage msg = s.message();
      if (msg instanceof Notice m) {
        r = notice(s, m);
      } else if (msg instanceof Arrival m) {
        r = arrival(s, m);
      } else if (msg instanceof SiteDesignated m) {
        r = site(s, m);
      } else if (msg instanceof RestrictionsInForce m) {
        r = restrictions(s, m);
      } else if (msg instanceof InspectionMessage.SelectionCommit m) {
        r = selectionCommit(s, m);
      } else if (msg instanceof InspectionMessage.SelectionAnswer m) {
        r = selectionAnswer(s, m);
      } else if (msg instanceof InspectionMessage.SelectionReveal m) {
        r = selectionReveal(s, m);
      } else if (msg instanceof ItemsDesignated m) {
        r = items(s, m);
      } else if (msg instanceof Findings m) {
        r = findings(s, m);
      } else if (msg instanceof JointReport m) {
        r = report(s, m);
      } else if (msg instanceof AmbiguityRaised m) {
        r = ambiguity(s, m);
      } else if (msg instanceof Exemption m) {
        r = exemption(s, m);
      } else if (msg instanceof ExhibitionInvitation m) {
        r = invitation(s, m);
      } else {
        r = held(s, (ExhibitionHeld) msg);
      }
    }
    results.add(r);
    return r;
  }

  private Refusal precheck(Step s) {
    if (s.message() == null || s.at() == null || s.party() == null) {
      return new Refusal.Malformed("step without message, time or Party");
    }
    Agreement a = versions.at(s.at());
    String type = s.message().typeId();
    if (a.messageType(type).isEmpty()) {
      return new Refusal.NotAllowed(a.id() + " has no message type '" + type + "'");
    }
    if (a.party(s.party()).isEmpty()) {
      return new Refusal.WrongSender(s.party() + " is not a Party to " + a.id());
    }
    if (results.size() > 0 && s.at().isBefore(results.get(results.size() - 1).step().at())) {
      return new Refusal.OutOfSequence("step at " + s.at() + " comes before the previous step at "
          + results.get(results.size() - 1).step().at());
    }
    return null;
  }

  private StepResult notice(Step s, Notice m) {
    Agreement a = versions.at(s.at());
    if (blank(m.inspection()) || blank(m.inspectedParty()) || m.arrivalTime() == null || blank(m.pointOfEntry())) {
      return StepResult.refused(s, new Refusal.Malformed("notice of intent needs inspection, inspectedParty, pointOfEntry and arrivalTime"));
    }
    if (inspections.containsKey(m.inspection())) {
      return StepResult.refused(s, new Refusal.UnknownOrDuplicate("inspection " + m.inspection() + " already noticed"));
    }
    if (a.party(m.inspectedParty()).filter(p -> p.bound()).isEmpty() || m.inspectedParty().equals(s.party())) {
      return StepResult.refused(s, new Refusal.WrongSender(s.party() + " may not inspect " + m.inspectedParty()));
    }
    InspectionQuota q = a.inspections();
    if (q == null) {
      return StepResult.refused(s, new Refusal.NotAllowed(a.id() + " provides for no inspections"));
    }
    LocalDate day = m.arrivalTime().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate first = a.entryIntoForce().plusDays(q.firstAllowedDaysAfterEntryIntoForce());
    if (day.isBefore(first) || !a.inForce(day)) {
      return StepResult.refused(s, new Refusal.NotAllowed("arrival " + day + " is outside the period when inspections may take place under "
          + a.id() + " (from " + first + (a.endsOn() == null ? "" : " until " + a.endsOn()) + ")"));
    }
    List<InspectionRecord> open = inspections.values().stream()
        .filter(i -> i.open() && i.inspectedParty().equals(m.inspectedParty())).toList();
    if (open.size() >= q.concurrent()) {
      return StepResult.refused(s, new Refusal.OneAtATime("inspection " + open.get(0).id() + " is under way on "
          + m.inspectedParty() + "'s territory (at most " + q.concurrent() + " at a time)"));
    }
    InspectionQuotas quotas = new InspectionQuotas(a);
    LocalDate year = quotas.treatyYear(day);
    List<Inspection> done = designated();
    if (quotas.used(done, m.inspectedParty(), 1, year) >= q.typeOne() && quotas.used(done, m.inspectedParty(), 2, year) >= q.typeTwo()) {
      return StepResult.refused(s, new Refusal.QuotaExceeded("Type One quota of " + q.typeOne() + " and Type Two quota of "
          + q.typeTwo() + " used in treaty year " + InspectionQuotas.treatyYearLabel(year)));
    }
    InspectionRecord r = new InspectionRecord(m.inspection(), s.party(), m.inspectedParty(), m.pointOfEntry(), m.arrivalTime(), s.at());
    r.timeline.add(s);
    inspections.put(r.id, r);
    return StepResult.ok(s);
  }

  private StepResult arrival(Step s, Arrival m) {
    return step(s, m.inspection(), true, Phase.NOTIFIED, r -> {
      r.arrivedAt = s.at();
      r.phase = Phase.ARRIVED;
      return null;
    });
  }

  private StepResult site(Step s, SiteDesignated m) {
    return step(s, m.inspection(), true, Phase.ARRIVED, r -> {
      Agreement a = versions.at(s.at());
      Optional<Facility> f = blank(m.facility()) ? Optional.empty() : declared.facility(r.inspectedParty, m.facility(), s.at());
      if (f.isEmpty()) {
        return new Refusal.NotDeclared("facility " + m.facility() + " is not in " + r.inspectedParty + "'s declaration");
      }
      List<String> typeOne = a.inspections().typeOneFacilityKinds();
      boolean typeOneSite = typeOne.contains(f.get().kind());
      if (m.inspectionType() == 1 && !typeOneSite) {
        return new Refusal.WrongInspectionType("Type One inspections only at " + String.join(", ", typeOne)
            + "; " + m.facility() + " is a " + f.get().kind());
      }
      if (m.inspectionType() == 2 && typeOneSite) {
        return new Refusal.WrongInspectionType("Type Two inspections not at " + String.join(", ", typeOne)
            + "; " + m.facility() + " is a " + f.get().kind());
      }
      for (FacilityExemption e : exemptions) {
        if (e.party().equals(r.inspectedParty) && e.facility().equals(m.facility()) && e.covers(s.at())) {
          return new Refusal.FacilityExempted("facility " + m.facility() + " exempted by " + e.party() + " from "
              + e.from() + " until " + e.until() + (blank(e.reason()) ? "" : " (" + e.reason() + ")"));
        }
      }
      Refusal q = new InspectionQuotas(a).admit(designated(), r.inspectedParty, m.inspectionType(), m.facility(), s.at());
      if (q != null) {
        return q;
      }
      r.facility = m.facility();
      r.type = m.inspectionType();
      r.designatedAt = s.at();
      r.phase = Phase.SITE_DESIGNATED;
      return null;
    });
  }

  private StepResult restrictions(Step s, RestrictionsInForce m) {
    InspectionRecord r = inspections.get(m.inspection());
    if (r == null) {
      return StepResult.refused(s, unknown(m.inspection()));
    }
    if (!s.party().equals(r.inspectedParty)) {
      return StepResult.refused(s, new Refusal.WrongSender("only " + r.inspectedParty + " (inspected) puts restrictions in force"));
    }
    if (r.designatedAt == null || r.restrictionsAt != null || !r.open()) {
      return StepResult.refused(s, new Refusal.OutOfSequence("restrictions in force only once, after the site is designated"
          + " (inspection " + r.id + " is " + r.phase + ")"));
    }
    r.restrictionsAt = s.at();
    r.timeline.add(s);
    return StepResult.ok(s);
  }

  private StepResult selectionCommit(Step s, InspectionMessage.SelectionCommit m) {
    return step(s, m.inspection(), true, Phase.SITE_DESIGNATED, r -> {
      if (r.selectionCommit != null) {
        return new Refusal.UnknownOrDuplicate(r.inspectingParty + " already committed to a selection secret for " + r.id);
      }
      byte[] c = Canonical.unhex(m.commitment());
      if (c == null || c.length != 32) {
        return new Refusal.Malformed("selection commitment is not a 32-byte hex hash");
      }
      Set<String> parties = new HashSet<>();
      m.checkpoints().forEach(cp -> parties.add(cp.party()));
      if (!parties.contains(r.inspectingParty) || !parties.contains(r.inspectedParty) || m.bomberCount() < 0) {
        return new Refusal.Malformed("selection commitment needs the latest cosigned checkpoints of both "
            + r.inspectingParty + " and " + r.inspectedParty + " and a bomber count");
      }
      r.selectionCommit = m;
      r.selectionCommitAt = s.at();
      return null;
    });
  }

  private StepResult selectionAnswer(Step s, InspectionMessage.SelectionAnswer m) {
    return step(s, m.inspection(), false, Phase.SITE_DESIGNATED, r -> {
      if (r.selectionCommit == null || r.selectionAnswer != null) {
        return new Refusal.OutOfSequence("a selection answer comes once, after the inspecting Party's commitment");
      }
      byte[] b = Canonical.unhex(m.secret());
      if (b == null || b.length != SecretCommitment.SECRET_BYTES) {
        return new Refusal.Malformed("selection secret is not 32 bytes of hex");
      }
      r.selectionAnswer = m.secret();
      r.selectionAnswerAt = s.at();
      return null;
    });
  }

  private StepResult selectionReveal(Step s, InspectionMessage.SelectionReveal m) {
    return step(s, m.inspection(), true, Phase.SITE_DESIGNATED, r -> {
      if (r.selectionAnswer == null || r.selection != null) {
        return new Refusal.OutOfSequence("the reveal comes once, after the inspected Party's answer");
      }
      var sel = new SelectionInputs(r.id,
          new SelectionInputs.Contribution(r.inspectingParty, r.selectionCommit.commitment(),
              m.secret()),
          new SelectionInputs.Contribution(r.inspectedParty, null, r.selectionAnswer),
          r.selectionCommit.checkpoints(), List.of(r.facility), candidates(r, ItemKindCategory.MISSILE, r.selectionCommitAt),
          candidates(r, ItemKindCategory.BOMBER, r.selectionCommitAt), r.selectionCommit.bomberCount());
      try {
        r.selection = SelectionProcedure.derive(sel);
      } catch (SelectionException e) {
        return e.party() != null ? new Refusal.RevealMismatch(e.getMessage()) : new Refusal.Malformed(e.getMessage());
      }
      r.selectionAt = s.at();
      return null;
    });
  }

  private enum ItemKindCategory { MISSILE, BOMBER }

  /**
   * The selection's candidates at the designated site, from the declared data when the commitment
   * was made: missiles in a launcher (deployed candidates for the reentry-vehicle count), bombers.
   */
  private List<SelectionInputs.Candidate> candidates(InspectionRecord r, ItemKindCategory c,
      Instant at) {
    Agreement a = versions.at(at);
    List<SelectionInputs.Candidate> out = new ArrayList<>();
    for (Item i : declared.itemsAt(r.inspectedParty, r.facility, at)) {
      var kind = a.itemKind(i.kind()).map(k -> k.category()).orElse(null);
      boolean take = c == ItemKindCategory.MISSILE
          ? kind == ItemKind.Category.MISSILE && i.launcher() != null
          : kind == ItemKind.Category.BOMBER;
      if (take) {
        out.add(new SelectionInputs.Candidate(i.id(), r.facility));
      }
    }
    return out;
  }

  private StepResult items(Step s, ItemsDesignated m) {
    return step(s, m.inspection(), true, Phase.SITE_DESIGNATED, r -> {
      if (r.selectionCommit != null && r.selection == null) {
        return new Refusal.OutOfSequence("the selection for " + r.id + " is not revealed yet");
      }
      if (r.selection != null && (!Objects.equals(r.selection.missile(), m.missile())
          || !new HashSet<>(r.selection.bombers()).equals(new HashSet<>(m.bombers())))) {
        return new Refusal.NotSelected("designated missile " + m.missile() + " and bombers " + m.bombers()
            + " are not those selected: missile " + r.selection.missile() + ", bombers " + r.selection.bombers());
      }
      List<String> all = new ArrayList<>(m.bombers());
      if (m.missile() != null) {
        all.add(0, m.missile());
      }
      for (String id : all) {
        Optional<Item> it = declared.item(r.inspectedParty, id, s.at());
        if (it.isEmpty()) {
          return new Refusal.NotDeclared("item " + id + " is not in " + r.inspectedParty + "'s declaration");
        }
        if (!r.facility.equals(it.get().facility())) {
          return new Refusal.NotDeclared("item " + id + " is declared at " + it.get().facility() + ", not at the site " + r.facility);
        }
      }
      r.missile = m.missile();
      r.bombers = List.copyOf(m.bombers());
      r.phase = Phase.ITEMS_DESIGNATED;
      return null;
    });
  }

  private StepResult findings(Step s, Findings m) {
    InspectionRecord r = inspections.get(m.inspection());
    if (r != null && r.phase == Phase.SITE_DESIGNATED) {
      r.phase = Phase.ITEMS_DESIGNATED; // no items designated (e.g. Type Two): findings may follow the site
    }
    List<Ambiguity> raised = new ArrayList<>();
    StepResult res = step(s, m.inspection(), true, Phase.ITEMS_DESIGNATED, rec -> {
      List<EntryRef> about = List.of(s.entry());
      for (String uid : m.uniqueIdentifiers()) {
        Optional<Item> it = declared.item(rec.inspectedParty, uid, s.at());
        if (it.isEmpty()) {
          raised.add(auto(rec, "unique identifier " + uid + " seen at " + rec.facility + " is not in "
              + rec.inspectedParty + "'s declaration", about, s.at()));
        } else if (!rec.facility.equals(it.get().facility())) {
          raised.add(auto(rec, "unique identifier " + uid + " seen at " + rec.facility + " is declared at "
              + it.get().facility(), about, s.at()));
        }
      }
      if (rec.missile != null && m.reentryVehicles() != null) {
        Item missile = declared.item(rec.inspectedParty, rec.missile, s.at()).orElse(null);
        int decl = missile == null ? 0 : missile.warheadCount();
        if (m.reentryVehicles() != decl) {
          raised.add(auto(rec, "reentry vehicles counted on missile " + rec.missile + ": " + m.reentryVehicles()
              + ", declared: " + decl, about, s.at()));
        }
      }
      for (Map.Entry<String, Integer> b : new TreeMap<>(m.bomberArmaments()).entrySet()) {
        Item bomber = declared.item(rec.inspectedParty, b.getKey(), s.at()).orElse(null);
        if (bomber == null) {
          raised.add(auto(rec, "bomber " + b.getKey() + " is not in " + rec.inspectedParty + "'s declaration", about, s.at()));
        } else if (!bomber.nuclearArmed() && b.getValue() != null && b.getValue() > 0) {
          raised.add(auto(rec, "bomber " + b.getKey() + " is declared " + bomber.armament() + " but carried "
              + b.getValue() + " nuclear armaments", about, s.at()));
        } else if (!rec.bombers.contains(b.getKey())) {
          raised.add(auto(rec, "armaments reported on bomber " + b.getKey() + ", which was not designated", about, s.at()));
        }
      }
      rec.findings = m;
      rec.findingsAt = s.at();
      rec.phase = Phase.FINDINGS;
      return null;
    });
    if (!res.accepted()) {
      if (r != null && r.phase == Phase.ITEMS_DESIGNATED && r.missile == null && r.bombers.isEmpty() && r.findings == null) {
        r.phase = Phase.SITE_DESIGNATED; // undo the tentative move above
      }
      return res;
    }
    ambiguities.addAll(raised);
    return new StepResult(s, null, List.copyOf(raised));
  }

  private static Ambiguity auto(InspectionRecord r, String text, List<EntryRef> about, Instant at) {
    return new Ambiguity(r.id, Ambiguity.AUTO, text, about, at);
  }

  private StepResult report(Step s, JointReport m) {
    InspectionRecord r = inspections.get(m.inspection());
    if (r == null) {
      return StepResult.refused(s, unknown(m.inspection()));
    }
    if (!s.party().equals(r.inspectingParty) && !s.party().equals(r.inspectedParty)) {
      return StepResult.refused(s, new Refusal.WrongSender(s.party() + " is not a Party to inspection " + r.id));
    }
    if (r.phase.compareTo(Phase.FINDINGS) < 0) {
      return StepResult.refused(s, new Refusal.OutOfSequence("joint report before the findings (inspection " + r.id + " is " + r.phase + ")"));
    }
    if (blank(m.digest())) {
      return StepResult.refused(s, new Refusal.Malformed("joint report without digest"));
    }
    if (r.signatures.containsKey(s.party())) {
      return StepResult.refused(s, new Refusal.UnknownOrDuplicate(s.party() + " already signed the joint report of " + r.id));
    }
    for (var e : r.signatures.entrySet()) {
      if (!e.getValue().digest().equals(m.digest())) {
        return StepResult.refused(s, new Refusal.ReportMismatch(s.party() + " signed report " + m.digest() + " but "
            + e.getKey() + " signed " + e.getValue().digest()));
      }
    }
    r.signatures.put(s.party(), new InspectionRecord.Signature(m.digest(), s.at(), s.entry()));
    r.timeline.add(s);
    if (r.jointReportSigned()) {
      r.completedAt = s.at();
      r.phase = Phase.COMPLETE;
    }
    return StepResult.ok(s);
  }

  private StepResult ambiguity(Step s, AmbiguityRaised m) {
    InspectionRecord r = inspections.get(m.inspection());
    if (r == null) {
      return StepResult.refused(s, unknown(m.inspection()));
    }
    if (!s.party().equals(r.inspectingParty) && !s.party().equals(r.inspectedParty)) {
      return StepResult.refused(s, new Refusal.WrongSender(s.party() + " is not a Party to inspection " + r.id));
    }
    if (blank(m.text())) {
      return StepResult.refused(s, new Refusal.Malformed("ambiguity without text"));
    }
    List<EntryRef> about = new ArrayList<>(m.concerning());
    about.add(0, s.entry());
    Ambiguity a = new Ambiguity(r.id, s.party(), m.text(), List.copyOf(about), s.at());
    ambiguities.add(a);
    r.timeline.add(s);
    return new StepResult(s, null, List.of(a));
  }

  private StepResult exemption(Step s, Exemption m) {
    if (blank(m.facility()) || m.from() == null || m.until() == null || !m.until().isAfter(m.from())) {
      return StepResult.refused(s, new Refusal.Malformed("exemption needs a facility and from before until"));
    }
    if (declared.facility(s.party(), m.facility(), s.at()).isEmpty()) {
      return StepResult.refused(s, new Refusal.NotDeclared("facility " + m.facility() + " is not in " + s.party() + "'s declaration"));
    }
    exemptions.add(new FacilityExemption(s.party(), m.facility(), m.from(), m.until(), m.reason(), s.entry()));
    return StepResult.ok(s);
  }

  private StepResult invitation(Step s, ExhibitionInvitation m) {
    Agreement a = versions.at(s.at());
    if (blank(m.exhibition()) || exhibitions.containsKey(m.exhibition())) {
      return StepResult.refused(s, new Refusal.UnknownOrDuplicate("exhibition id missing or already used: " + m.exhibition()));
    }
    if (blank(m.itemKind()) || a.itemKind(m.itemKind()).isEmpty()) {
      return StepResult.refused(s, new Refusal.Malformed("unknown item kind '" + m.itemKind() + "' in " + a.id()));
    }
    exhibitions.put(m.exhibition(), new Exhibition(m.exhibition(), s.party(), m.itemKind(), m.facility(), m.date(), s.at(), null, List.of()));
    return StepResult.ok(s);
  }

  private StepResult held(Step s, ExhibitionHeld m) {
    Exhibition e = exhibitions.get(m.exhibition());
    if (e == null) {
      return StepResult.refused(s, new Refusal.UnknownOrDuplicate("no exhibition " + m.exhibition()));
    }
    if (e.heldAt() != null) {
      return StepResult.refused(s, new Refusal.UnknownOrDuplicate("exhibition " + m.exhibition() + " already held"));
    }
    exhibitions.put(e.id(), new Exhibition(e.id(), e.exhibitingParty(), e.itemKind(), e.facility(), e.date(), e.invitedAt(),
        s.at(), List.copyOf(m.uniqueIdentifiers())));
    return StepResult.ok(s);
  }

  private interface Change {
    Refusal apply(InspectionRecord r);
  }

  /** A step by the inspecting Party (when {@code byInspecting}) that needs phase {@code need}. */
  private StepResult step(Step s, String id, boolean byInspecting, Phase need, Change change) {
    InspectionRecord r = id == null ? null : inspections.get(id);
    if (r == null) {
      return StepResult.refused(s, unknown(id));
    }
    String sender = byInspecting ? r.inspectingParty : r.inspectedParty;
    if (!s.party().equals(sender)) {
      return StepResult.refused(s, new Refusal.WrongSender("only " + sender + " sends " + s.message().typeId() + " for inspection " + r.id));
    }
    if (r.phase != need) {
      return StepResult.refused(s, new Refusal.OutOfSequence(s.message().typeId() + " needs inspection " + r.id
          + " to be " + need + ", it is " + r.phase));
    }
    Refusal no = change.apply(r);
    if (no != null) {
      return StepResult.refused(s, no);
    }
    r.timeline.add(s);
    return StepResult.ok(s);
  }

  private static Refusal unknown(String id) {
    return new Refusal.UnknownOrDuplicate("no inspection " + id);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private List<Inspection> designated() {
    return inspections.values().stream().filter(r -> r.designatedAt != null).map(InspectionRecord::asInspection).toList();
  }

  public List<InspectionRecord> inspections() {
    return List.copyOf(inspections.values());
  }

  public Optional<InspectionRecord> inspection(String id) {
    return Optional.ofNullable(inspections.get(id));
  }

  public List<Ambiguity> ambiguities() {
    return Collections.unmodifiableList(ambiguities);
  }

  public List<FacilityExemption> exemptions() {
    return Collections.unmodifiableList(exemptions);
  }

  public List<Exhibition> exhibitions() {
    return List.copyOf(exhibitions.values());
  }

  /** Every step applied, accepted or refused, in order. */
  public List<StepResult> results() {
    return Collections.unmodifiableList(results);
  }

  public List<StepResult> refusals() {
    return results.stream().filter(r -> !r.accepted()).toList();
  }

  /** Inspections of {@code type} used on {@code party}'s territory in the treaty year of {@code at}, of the quota in force then. */
  public QuotaGauge gauge(String party, int type, Instant at) {
    Agreement a = versions.at(at);
    InspectionQuotas q = new InspectionQuotas(a);
    LocalDate year = q.treatyYear(at.atOffset(ZoneOffset.UTC).toLocalDate());
    int quota = a.inspections() == null ? 0 : a.inspections().quota(type);
    return new QuotaGauge(party, type, InspectionQuotas.treatyYearLabel(year), q.used(designated(), party, type, year), quota);
  }

  /**
   * The deadlines of every inspection as obligations, judged at {@code now}: the notice of intent
   * ahead of the arrival (inspecting Party), the pre-inspection restrictions after the designation
   * (inspected Party), each Party's signature of the joint report after the findings. The hours
   * come from the message types of the agreement version in force at the step that starts each.
   */
  public List<Obligation> obligations(Instant now) {
    return deadlines().stream().map(d -> new Obligation(d.party(), d.what(), null, null, d.due(),
            d.metAt(), ObligationTracker.judge(d.due(), d.metAt(), now)))
        .sorted(Comparator.comparing(Obligation::due).thenComparing(Obligation::party)).toList();
  }

  /**
   * The same deadlines, typed (issue 12): the owed step's message type, the inspection, the Party,
   * the entry that met it; judged as seen at {@code asOf}.
   */
  public List<dev.verity.core.regime.Obligation> owed(Instant asOf) {
    return deadlines().stream().map(d -> new dev.verity.core.regime.Obligation(InspectionRegime.ID,
            dev.verity.core.regime.Obligation.Kind.DEADLINE, d.type(), d.inspection(), d.party(),
            d.due(), dev.verity.core.regime.Obligation.judge(d.start(), d.due(), d.metAt(), asOf),
            d.metBy(), null))
        .sorted(dev.verity.core.regime.Obligation.ORDER).toList();
  }

  /** One inspection deadline: what is owed, from when, by when, and the step that met it. */
  private record Deadline(String type, String inspection, String party, String what,
      Instant start, Instant due, Instant metAt, EntryRef metBy) {}

  private List<Deadline> deadlines() {
    List<Deadline> out = new ArrayList<>();
    for (InspectionRecord r : inspections.values()) {
      Agreement a = versions.at(r.noticeAt);
      Integer before = hours(a, "inspection-notice", true);
      if (before == null && a.inspections() != null) {
        before = a.inspections().noticeHours();
      }
      if (before != null) {
        out.add(new Deadline("inspection-notice", r.id, r.inspectingParty, "notice of intent for"
            + " inspection " + r.id + " (" + before + " h before arrival)", r.noticeAt,
            r.arrivalTime.minus(Duration.ofHours(before)), r.noticeAt, r.timeline.get(0).entry()));
      }
      after(out, r, r.designatedAt, "inspection-restrictions", r.inspectedParty,
          "pre-inspection restrictions for inspection " + r.id + " at " + r.facility, r.restrictionsAt);
      after(out, r, r.selectionCommitAt, "inspection-selection-answer", r.inspectedParty,
          "selection answer for inspection " + r.id, r.selectionAnswerAt);
      after(out, r, r.selectionAnswerAt, "inspection-selection-reveal", r.inspectingParty,
          "selection reveal for inspection " + r.id, r.selectionAt);
      for (String p : List.of(r.inspectingParty, r.inspectedParty)) {
        InspectionRecord.Signature sig = r.signatures.get(p);
        after(out, r, r.findingsAt, "inspection-report", p, "joint report of inspection " + r.id
            + " signed", sig == null ? null : sig.at());
      }
    }
    return out;
  }

  /**
   * The obligation a step starts: {@code type}'s message is due the agreed hours after
   * {@code start} (in the agreement version in force at {@code start}); nothing before the step.
   */
  private void after(List<Deadline> out, InspectionRecord r, Instant start, String type,
      String party, String description, Instant met) {
    if (start == null) {
      return;
    }
    Integer h = hours(versions.at(start), type, false);
    if (h != null) {
      out.add(new Deadline(type, r.id, party, description, start,
          start.plus(Duration.ofHours(h)), met, met == null ? null : metBy(r, type, party)));
    }
  }

  /** The entry of {@code party}'s accepted {@code type} step in the inspection's timeline. */
  private static EntryRef metBy(InspectionRecord r, String type,
      String party) {
    return r.timeline.stream().filter(x -> x.message().typeId().equals(type)
        && x.party().equals(party)).map(Step::entry).findFirst().orElse(null);
  }

  private static Integer hours(Agreement a, String type, boolean before) {
    MessageType.Deadline d = a.messageType(type).map(MessageType::deadline).orElse(null);
    if (d == null) {
      return null;
    }
    return before ? d.beforeEventHours() : d.afterEventHours();
  }
}
