package dev.verity.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.commission.Amendment;
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
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.obligation.Obligation;
import dev.verity.core.obligation.ObligationStatus;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scripted treaty year (2019-02-05..2020-02-04) of US inspections on Russian territory. */
class InspectionLedgerTest {
  static final Instant T0 = Instant.parse("2019-02-10T08:00:00Z");

  /** RU's database: 5 Type One bases, 5 Type Two sites, a missile with 4 warheads, two bombers. */
  static Declaration ruDeclaration() {
    List<Facility> fs = new ArrayList<>();
    String[] kinds = {"icbm-base", "submarine-base", "air-base", "icbm-base", "icbm-base"};
    // (BASE-6, an air base, is added below)
    for (int i = 1; i <= 5; i++) {
      fs.add(new Facility("BASE-" + i, null, kinds[i - 1], null, null));
      fs.add(new Facility("SITE-" + i, null, i == 5 ? "conversion-elimination-facility" : "storage-facility", null, null));
    }
    List<Item> items = List.of(
        Item.of("SILO-1", "icbm-launcher-silo", "BASE-1"),
        new Item("M-1", "icbm", "BASE-1", "SILO-1", null, 4, null, null, null, null),
        Item.of("HB-1", "heavy-bomber", "BASE-3"),
        Item.of("HB-2", "heavy-bomber", "BASE-3").withArmament("non-nuclear"),
        Item.of("M-9", "icbm", "SITE-1"),
        Item.of("SILO-2", "icbm-launcher-silo", "BASE-1"),
        new Item("M-2", "icbm", "BASE-1", "SILO-2", null, 3, null, null, null, null),
        Item.of("SILO-3", "icbm-launcher-silo", "BASE-1"),
        new Item("M-3", "icbm", "BASE-1", "SILO-3", null, 2, null, null, null, null));
    fs.add(new Facility("BASE-6", null, "air-base", null, null));
    return new Declaration("new-start", "RU", LocalDate.of(2019, 2, 5), null, fs, items);
  }

  /** Writes steps with increasing log indices per Party. */
  static final class Script {
    final List<Step> steps = new ArrayList<>();
    final InspectionLedger ledger;
    long us;
    long ru;

    Script(AgreementVersions v) {
      ledger = new InspectionLedger(v, DeclaredData.of(List.of(ruDeclaration())));
    }

    StepResult send(String party, Instant at, InspectionMessage m) {
      Step s = new Step(party, party.equals("US") ? us++ : ru++, at, m);
      steps.add(s);
      return ledger.apply(s);
    }

    /** A whole inspection from notice to joint report; returns the site designation's result. */
    StepResult inspect(String id, Instant notice, String facility, int type, Duration restrictionsAfter) {
      Instant arrive = notice.plus(Duration.ofHours(32));
      assertThat(send("US", notice, new Notice(id, "RU", "MOSCOW", arrive)).refusal()).isNull();
      assertThat(send("US", arrive, new Arrival(id, "MOSCOW")).accepted()).isTrue();
      Instant site = arrive.plus(Duration.ofHours(1));
      StepResult designated = send("US", site, new SiteDesignated(id, facility, type));
      if (!designated.accepted()) {
        return designated;
      }
      finish(id, site, restrictionsAfter);
      return designated;
    }

    void finish(String id, Instant site, Duration restrictionsAfter) {
      assertThat(send("RU", site.plus(restrictionsAfter), new RestrictionsInForce(id)).accepted()).isTrue();
      Instant t = site.plus(Duration.ofHours(3));
      assertThat(send("US", t, new ItemsDesignated(id, null, List.of())).accepted()).isTrue();
      assertThat(send("US", t.plus(Duration.ofHours(5)), new Findings(id, List.of(), null, Map.of())).accepted()).isTrue();
      assertThat(send("US", t.plus(Duration.ofHours(8)), new JointReport(id, "sha256:" + id)).accepted()).isTrue();
      assertThat(send("RU", t.plus(Duration.ofHours(9)), new JointReport(id, "sha256:" + id)).accepted()).isTrue();
    }
  }

  static Instant week(int n) {
    return T0.plus(Duration.ofDays(7L * n));
  }

  @Test
  void aScriptedTreatyYear() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    int w = 0;
    // RU exempts SITE-4 for weeks 0..29
    assertThat(s.send("RU", week(0), new Exemption("SITE-4", week(0), week(30), "exceptional: flood")).accepted()).isTrue();
    // 10 Type One at five bases, twice each
    for (int i = 0; i < 10; i++) {
      assertThat(s.inspect("T1-" + i, week(w++), "BASE-" + (1 + i % 5), 1, Duration.ofMinutes(30)).accepted()).isTrue();
    }
    // the 11th Type One is refused; the team designates a Type Two site instead
    StepResult eleventh = s.inspect("X-11", week(w++), "BASE-1", 1, Duration.ofMinutes(30));
    assertThat(eleventh.refusal()).isInstanceOf(Refusal.QuotaExceeded.class);
    assertThat(eleventh.refusal().reason()).isEqualTo("Type One quota of 10 used in treaty year 2019-02-05..2020-02-04");
    // an overlapping notice while X-11 is under way
    StepResult overlap = s.send("US", week(w - 1).plus(Duration.ofHours(40)), new Notice("X-OVER", "RU", "MOSCOW", week(w)));
    assertThat(overlap.refusal()).isInstanceOf(Refusal.OneAtATime.class);
    assertThat(overlap.refusal().reason()).contains("X-11 is under way on RU's territory");
    Instant site = week(w - 1).plus(Duration.ofHours(41));
    assertThat(s.send("US", site, new SiteDesignated("X-11", "SITE-1", 2)).accepted()).isTrue();
    s.finish("X-11", site, Duration.ofMinutes(20));
    // an inspection at the exempted SITE-4 is refused; the team designates SITE-5 instead
    StepResult exempted = s.inspect("X-EXEMPT", week(w++), "SITE-4", 2, Duration.ofMinutes(30));
    assertThat(exempted.refusal()).isInstanceOf(Refusal.FacilityExempted.class);
    site = week(w - 1).plus(Duration.ofHours(34));
    assertThat(s.send("US", site, new SiteDesignated("X-EXEMPT", "SITE-5", 2)).accepted()).isTrue();
    s.finish("X-EXEMPT", site, Duration.ofMinutes(30));
    String[] t2 = {"SITE-2", "SITE-2", "SITE-3", "SITE-3", "SITE-5"};
    for (int i = 0; i < t2.length; i++) {
      // the second Type Two late: restrictions 2 h after designation (the agreement says 1 h)
      Duration r = i == 1 ? Duration.ofHours(2) : Duration.ofMinutes(30);
      assertThat(s.inspect("T2-" + i, week(w++), t2[i], 2, r).accepted()).as("T2-" + i).isTrue();
    }
    // SITE-1 a third time: refused (at most twice a treaty year)
    StepResult third = s.inspect("X-THIRD", week(w++), "SITE-2", 2, Duration.ofMinutes(30));
    assertThat(third.refusal()).isInstanceOf(Refusal.FacilityLimit.class);
    site = week(w - 1).plus(Duration.ofHours(34));
    assertThat(s.send("US", site, new SiteDesignated("X-THIRD", "SITE-1", 2)).accepted()).isTrue();
    s.finish("X-THIRD", site, Duration.ofMinutes(30));
    assertThat(s.ledger.gauge("RU", 2, week(w)).used()).isEqualTo(8);
    assertThat(s.ledger.gauge("RU", 1, week(w))).isEqualTo(new QuotaGauge("RU", 1, "2019-02-05..2020-02-04", 10, 10));
    // Type Two quota now used up too: a further notice is refused outright
    StepResult none = s.send("US", week(w++), new Notice("X-NONE", "RU", "MOSCOW", week(w)));
    assertThat(none.refusal()).isInstanceOf(Refusal.QuotaExceeded.class);

    List<InspectionRecord> done = s.ledger.inspections();
    assertThat(done).hasSize(18);
    assertThat(done).allSatisfy(r -> {
      assertThat(r.jointReportSigned()).isTrue();
      assertThat(r.phase()).isEqualTo(InspectionRecord.Phase.COMPLETE);
    });
    assertThat(done.stream().filter(r -> r.type() == 1)).hasSize(10);
    assertThat(done.stream().filter(r -> r.type() == 2)).hasSize(8);
    List<Obligation> late = s.ledger.obligations(week(w)).stream().filter(o -> o.status() == ObligationStatus.LATE).toList();
    assertThat(late).singleElement().satisfies(o -> {
      assertThat(o.party()).isEqualTo("RU");
      assertThat(o.what()).isEqualTo("pre-inspection restrictions for inspection T2-1 at SITE-2");
    });
    assertThat(s.ledger.obligations(week(w))).filteredOn(o -> o.status() == ObligationStatus.ON_TIME).hasSize(18 * 4 - 1);

    // the same steps folded again, in any order, give the same facts (a deterministic projection)
    List<Step> shuffled = new ArrayList<>(s.steps);
    java.util.Collections.reverse(shuffled);
    InspectionLedger again = InspectionLedger.fold(AgreementVersions.of(AgreementCatalog.get("new-start")),
        DeclaredData.of(List.of(ruDeclaration())), shuffled);
    assertThat(again.results()).isEqualTo(s.ledger.results());
  }

  @Test
  void anExemptedFacilityIsRefusedAndTheExemptionRecorded() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    s.send("RU", week(0), new Exemption("BASE-2", week(0), week(2), "exceptional circumstances"));
    StepResult r = s.inspect("I-1", week(1), "BASE-2", 1, Duration.ofMinutes(10));
    assertThat(r.refusal()).isInstanceOf(Refusal.FacilityExempted.class);
    assertThat(r.refusal().reason()).startsWith("facility BASE-2 exempted by RU from 2019-02-10T08:00:00Z until 2019-02-24");
    assertThat(s.ledger.exemptions()).singleElement().satisfies(e -> assertThat(e.entry().toString()).isEqualTo("RU#0"));
    // once the exemption ends the same facility may be designated
    Instant site = week(2).plus(Duration.ofHours(1));
    assertThat(s.send("US", site, new SiteDesignated("I-1", "BASE-2", 1)).accepted()).isTrue();
  }

  @Test
  void typeOneOnlyAtBasesTypeTwoOnlyElsewhere() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    assertThat(s.inspect("I-1", week(0), "SITE-1", 1, Duration.ZERO).refusal())
        .isInstanceOf(Refusal.WrongInspectionType.class)
        .extracting(Refusal::reason).asString().contains("SITE-1 is a storage-facility");
    Instant t = week(0).plus(Duration.ofHours(34));
    assertThat(s.send("US", t, new SiteDesignated("I-1", "BASE-1", 2)).refusal()).isInstanceOf(Refusal.WrongInspectionType.class);
    assertThat(s.send("US", t, new SiteDesignated("I-1", "NOWHERE", 2)).refusal()).isInstanceOf(Refusal.NotDeclared.class);
    assertThat(s.send("RU", t, new SiteDesignated("I-1", "BASE-1", 1)).refusal()).isInstanceOf(Refusal.WrongSender.class);
  }

  @Test
  void findingsThatDisagreeWithTheDeclarationRaiseAmbiguities() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    Instant arrive = week(0).plus(Duration.ofHours(32));
    s.send("US", week(0), new Notice("I-1", "RU", "MOSCOW", arrive));
    s.send("US", arrive, new Arrival("I-1", "MOSCOW"));
    s.send("US", arrive.plusSeconds(60), new SiteDesignated("I-1", "BASE-1", 1));
    s.send("RU", arrive.plusSeconds(120), new RestrictionsInForce("I-1"));
    assertThat(s.send("US", arrive.plusSeconds(180), new ItemsDesignated("I-1", "M-9", List.of())).refusal())
        .isInstanceOf(Refusal.NotDeclared.class); // declared at SITE-1, not at the site
    assertThat(s.send("US", arrive.plusSeconds(200), new ItemsDesignated("I-1", "M-1", List.of())).accepted()).isTrue();
    StepResult f = s.send("US", arrive.plusSeconds(300), new Findings("I-1", List.of("M-1", "SILO-1", "M-404"), 5, Map.of()));
    assertThat(f.accepted()).isTrue();
    assertThat(f.raised()).extracting(Ambiguity::text).containsExactly(
        "unique identifier M-404 seen at BASE-1 is not in RU's declaration",
        "reentry vehicles counted on missile M-1: 5, declared: 4");
    assertThat(f.raised()).allSatisfy(a -> {
      assertThat(a.raisedBy()).isEqualTo(Ambiguity.AUTO);
      assertThat(a.concerning()).extracting(Object::toString).containsExactly("US#5");
    });
    assertThat(s.ledger.ambiguities()).hasSize(2);
    assertThat(s.send("US", arrive.plusSeconds(400), new JointReport("I-1", "a")).accepted()).isTrue();
    assertThat(s.send("RU", arrive.plusSeconds(500), new JointReport("I-1", "b")).refusal()).isInstanceOf(Refusal.ReportMismatch.class);
    assertThat(s.ledger.inspection("I-1").orElseThrow().jointReportSigned()).isFalse();
  }

  @Test
  void bomberArmamentsAreCheckedAgainstTheDeclaration() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    Instant arrive = week(0).plus(Duration.ofHours(32));
    s.send("US", week(0), new Notice("I-1", "RU", "MOSCOW", arrive));
    s.send("US", arrive, new Arrival("I-1", "MOSCOW"));
    s.send("US", arrive.plusSeconds(60), new SiteDesignated("I-1", "BASE-3", 1));
    assertThat(s.send("US", arrive.plusSeconds(90), new ItemsDesignated("I-1", null, List.of("HB-1", "HB-2"))).accepted()).isTrue();
    StepResult f = s.send("US", arrive.plusSeconds(120), new Findings("I-1", List.of("HB-1", "HB-2"), null, Map.of("HB-1", 0, "HB-2", 2)));
    assertThat(f.raised()).extracting(Ambiguity::text)
        .containsExactly("bomber HB-2 is declared non-nuclear but carried 2 nuclear armaments");
  }

  @Test
  void exhibitionsUseNoQuota() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    assertThat(s.send("RU", week(0), new ExhibitionInvitation("EX-1", "icbm", "SITE-5", LocalDate.of(2019, 3, 1))).accepted()).isTrue();
    assertThat(s.send("US", week(1), new ExhibitionHeld("EX-1", List.of("M-NEW-1"))).accepted()).isTrue();
    assertThat(s.send("US", week(2), new ExhibitionHeld("EX-1", List.of())).refusal()).isInstanceOf(Refusal.UnknownOrDuplicate.class);
    assertThat(s.send("RU", week(2), new ExhibitionInvitation("EX-2", "spaceship", "SITE-5", null)).refusal()).isInstanceOf(Refusal.Malformed.class);
    assertThat(s.ledger.exhibitions()).singleElement().satisfies(e -> assertThat(e.heldAt()).isEqualTo(week(1)));
    assertThat(s.ledger.gauge("RU", 1, week(2)).used()).isZero();
    assertThat(s.ledger.gauge("RU", 2, week(2)).used()).isZero();
  }

  @Test
  void aQuotaRaisedByTheCommissionAppliesFromItsEffectiveDate() throws Exception {
    Agreement ns = AgreementCatalog.get("new-start");
    Instant raised = week(12);
    AgreementVersions v = AgreementVersions.of(ns)
        .amend("BCC-2019-1", raised, List.of(new Amendment("inspections.typeOne", IntNode.valueOf(12))));
    Script s = new Script(v);
    for (int i = 0; i < 10; i++) {
      assertThat(s.inspect("T1-" + i, week(i), "BASE-" + (1 + i % 5), 1, Duration.ZERO).accepted()).isTrue();
    }
    // week 10: still under the old quota of 10
    StepResult before = s.inspect("T1-10", week(10), "BASE-1", 1, Duration.ZERO);
    assertThat(before.refusal().reason()).isEqualTo("Type One quota of 10 used in treaty year 2019-02-05..2020-02-04");
    Instant t = week(10).plus(Duration.ofHours(34));
    s.send("US", t, new SiteDesignated("T1-10", "SITE-1", 2));
    s.finish("T1-10", t, Duration.ZERO);
    assertThat(s.ledger.gauge("RU", 1, week(11))).isEqualTo(new QuotaGauge("RU", 1, "2019-02-05..2020-02-04", 10, 10));
    // from week 12: quota 12 — two more Type One, the third refused against 12
    assertThat(s.inspect("T1-11", week(12), "BASE-6", 1, Duration.ZERO).accepted()).isTrue();
    assertThat(s.inspect("T1-12", week(13), "BASE-6", 1, Duration.ZERO).accepted()).isTrue();
    assertThat(s.ledger.gauge("RU", 1, week(14))).isEqualTo(new QuotaGauge("RU", 1, "2019-02-05..2020-02-04", 12, 12));
    assertThat(s.inspect("T1-13", week(14), "BASE-6", 1, Duration.ZERO).refusal().reason())
        .isEqualTo("Type One quota of 12 used in treaty year 2019-02-05..2020-02-04");
  }

  @Test
  void aShortNoticeIsALateObligationOfTheInspectingParty() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    Instant arrive = week(0).plus(Duration.ofHours(20)); // 32 h are owed
    assertThat(s.send("US", week(0), new Notice("I-1", "RU", "MOSCOW", arrive)).accepted()).isTrue();
    assertThat(s.ledger.obligations(week(1))).singleElement().satisfies(o -> {
      assertThat(o.party()).isEqualTo("US");
      assertThat(o.status()).isEqualTo(ObligationStatus.LATE);
      assertThat(o.due()).isEqualTo(arrive.minus(Duration.ofHours(32)));
    });
    s.send("US", arrive, new Arrival("I-1", "MOSCOW"));
    s.send("US", arrive.plusSeconds(600), new SiteDesignated("I-1", "BASE-1", 1));
    // restrictions not yet in force: pending within the hour, missing after it
    assertThat(s.ledger.obligations(arrive.plusSeconds(1200))).filteredOn(o -> o.party().equals("RU"))
        .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(ObligationStatus.PENDING));
    assertThat(s.ledger.obligations(arrive.plusSeconds(7200))).filteredOn(o -> o.party().equals("RU"))
        .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(ObligationStatus.MISSING));
  }

  @Test
  void theItemsAreThoseOfTheVerifiableSelection() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    Instant arrive = week(0).plus(Duration.ofHours(32));
    s.send("US", week(0), new Notice("I-1", "RU", "MOSCOW", arrive));
    s.send("US", arrive, new Arrival("I-1", "MOSCOW"));
    s.send("US", arrive.plusSeconds(60), new SiteDesignated("I-1", "BASE-1", 1));
    byte[] a = new byte[32];
    a[0] = 42;
    byte[] b = new byte[32];
    b[0] = 7;
    String hexA = dev.verity.core.selection.Canonical.hex(a);
    String hexB = dev.verity.core.selection.Canonical.hex(b);
    String commitment = dev.verity.core.selection.Canonical.hex(dev.verity.core.selection.SecretCommitment.commit("US", "I-1", a));
    var cps = List.of(
        new dev.verity.core.selection.SelectionInputs.CheckpointRef("US", "verity.example/us", 10, java.util.Base64.getEncoder().encodeToString(new byte[32])),
        new dev.verity.core.selection.SelectionInputs.CheckpointRef("RU", "verity.example/ru", 20, java.util.Base64.getEncoder().encodeToString(new byte[32])));
    assertThat(s.send("US", arrive.plusSeconds(70), new ItemsDesignated("I-1", "M-1", List.of())).accepted()).isTrue(); // without a selection
    Script t = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    t.send("US", week(0), new Notice("I-1", "RU", "MOSCOW", arrive));
    t.send("US", arrive, new Arrival("I-1", "MOSCOW"));
    t.send("US", arrive.plusSeconds(60), new SiteDesignated("I-1", "BASE-1", 1));
    assertThat(t.send("US", arrive.plusSeconds(70), new InspectionMessage.SelectionCommit("I-1", commitment, cps, 0)).accepted()).isTrue();
    assertThat(t.send("US", arrive.plusSeconds(75), new ItemsDesignated("I-1", "M-1", List.of())).refusal())
        .isInstanceOf(Refusal.OutOfSequence.class);
    assertThat(t.send("RU", arrive.plusSeconds(80), new InspectionMessage.SelectionAnswer("I-1", hexB)).accepted()).isTrue();
    StepResult cheat = t.send("US", arrive.plusSeconds(90), new InspectionMessage.SelectionReveal("I-1", hexB));
    assertThat(cheat.refusal()).isInstanceOf(Refusal.RevealMismatch.class);
    assertThat(cheat.refusal().reason()).startsWith("US revealed a secret that does not match its commitment");
    assertThat(t.send("US", arrive.plusSeconds(100), new InspectionMessage.SelectionReveal("I-1", hexA)).accepted()).isTrue();
    var selection = t.ledger.inspection("I-1").orElseThrow().selection();
    // anyone recomputes it from the entries and the declaration
    var expected = dev.verity.core.selection.SelectionProcedure.derive(new dev.verity.core.selection.SelectionInputs("I-1",
        new dev.verity.core.selection.SelectionInputs.Contribution("US", commitment, hexA),
        new dev.verity.core.selection.SelectionInputs.Contribution("RU", null, hexB), cps, List.of("BASE-1"),
        List.of(new dev.verity.core.selection.SelectionInputs.Candidate("M-1", "BASE-1"),
            new dev.verity.core.selection.SelectionInputs.Candidate("M-2", "BASE-1"),
            new dev.verity.core.selection.SelectionInputs.Candidate("M-3", "BASE-1")), List.of(), 0));
    assertThat(selection).isEqualTo(expected);
    String other = List.of("M-1", "M-2", "M-3").stream().filter(x -> !x.equals(selection.missile())).findFirst().orElseThrow();
    assertThat(t.send("US", arrive.plusSeconds(110), new ItemsDesignated("I-1", other, List.of())).refusal())
        .isInstanceOf(Refusal.NotSelected.class);
    assertThat(t.send("US", arrive.plusSeconds(120), new ItemsDesignated("I-1", selection.missile(), List.of())).accepted()).isTrue();
    assertThat(t.ledger.obligations(arrive.plusSeconds(200))).extracting(Obligation::what)
        .contains("selection answer for inspection I-1", "selection reveal for inspection I-1");
    assertThat(t.ledger.obligations(arrive.plusSeconds(200))).allSatisfy(o -> assertThat(o.status()).isNotEqualTo(ObligationStatus.LATE));
  }
}
