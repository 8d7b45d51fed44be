package dev.verity.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.commission.AgreementVersions;
import dev.verity.core.inspection.InspectionLedgerTest.Script;
import dev.verity.core.inspection.InspectionMessage.Arrival;
import dev.verity.core.inspection.InspectionMessage.Exemption;
import dev.verity.core.inspection.InspectionMessage.Findings;
import dev.verity.core.inspection.InspectionMessage.ItemsDesignated;
import dev.verity.core.inspection.InspectionMessage.JointReport;
import dev.verity.core.inspection.InspectionMessage.Notice;
import dev.verity.core.inspection.InspectionMessage.RestrictionsInForce;
import dev.verity.core.inspection.InspectionMessage.SiteDesignated;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.obligation.ObligationStatus;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inspection regime behind the SPI folds exactly as {@link InspectionLedger} does: the same
 * steps, sent as JSON through the offline evaluator (schema first, then the regime), are accepted
 * and refused alike, with the ledger's refusal as the typed refusal's rule, and owe the same.
 */
class InspectionRegimeTest {
  static final String HEX = "ab".repeat(32);

  /** A whole inspection, as the ledger test's script does, with a real report digest. */
  static StepResult inspect(Script s, String id, Instant notice, String facility, int type,
      Duration restrictionsAfter) {
    Instant arrive = notice.plus(Duration.ofHours(32));
    s.send("US", notice, new Notice(id, "RU", "MOSCOW", arrive));
    s.send("US", arrive, new Arrival(id, "MOSCOW"));
    Instant site = arrive.plus(Duration.ofHours(1));
    StepResult designated = s.send("US", site, new SiteDesignated(id, facility, type));
    if (!designated.accepted()) { // the team designates a Type Two site instead
      site = site.plus(Duration.ofHours(1));
      String other = "SITE-" + (1 + (int) (notice.getEpochSecond() % 3));
      s.send("US", site, new SiteDesignated(id, other, 2));
    }
    {
      s.send("RU", site.plus(restrictionsAfter), new RestrictionsInForce(id));
      Instant t = site.plus(Duration.ofHours(3));
      s.send("US", t, new ItemsDesignated(id, null, List.of()));
      s.send("US", t.plus(Duration.ofHours(5)), new Findings(id, List.of(), null, Map.of()));
      s.send("US", t.plus(Duration.ofHours(8)), new JointReport(id, HEX));
      s.send("RU", t.plus(Duration.ofHours(30)), new JointReport(id, HEX)); // 24 h: RU is late
    }
    return designated;
  }

  @Test
  void theLedgerAndTheRegimeAgreeStepByStepAndOnWhatIsOwed() throws Exception {
    Script s = new Script(AgreementVersions.of(AgreementCatalog.get("new-start")));
    s.send("RU", InspectionLedgerTest.week(0), new Exemption("SITE-4",
        InspectionLedgerTest.week(0), InspectionLedgerTest.week(30), "flood"));
    for (int i = 0; i < 11; i++) {
      inspect(s, "T1-" + i, InspectionLedgerTest.week(i), "BASE-" + (1 + i % 5), 1,
          Duration.ofMinutes(i == 3 ? 90 : 30));
    }
    inspect(s, "X", InspectionLedgerTest.week(12), "SITE-4", 2, Duration.ofMinutes(30));
    s.send("RU", InspectionLedgerTest.week(13), new RestrictionsInForce("NOPE"));

    List<Replay.Input> in = new ArrayList<>();
    ObjectNode decl = DataExchangeJson.mapper().valueToTree(InspectionLedgerTest.ruDeclaration());
    in.add(new Replay.Input(0, Instant.parse("2019-02-05T00:00:00Z"), "RU", "declaration", decl));
    for (Step st : s.steps) {
      ObjectNode f = DataExchangeJson.mapper().valueToTree(st.message());
      f.remove("type");
      in.add(new Replay.Input(in.size(), st.at(), st.party(), st.message().typeId(), f));
    }
    Instant asOf = InspectionLedgerTest.week(14);
    Replay.Result r = Replay.run(AgreementCatalog.get("new-start"), in, asOf);

    Map<Integer, Replay.Refused> refused = new TreeMap<>();
    r.refused().forEach(x -> refused.put(x.index(), x));
    assertThat(r.accepted()).contains(0);
    for (int i = 0; i < s.ledger.results().size(); i++) {
      StepResult want = s.ledger.results().get(i);
      Replay.Refused got = refused.get(i + 1);
      if (want.accepted()) {
        assertThat(got).as("step %d", i).isNull();
      } else {
        assertThat(got.rule()).as("step %d", i)
            .isEqualTo(want.refusal().getClass().getSimpleName());
        assertThat(got.reason()).isEqualTo(want.refusal().reason());
      }
    }
    assertThat(refused.values()).extracting(Replay.Refused::rule)
        .containsExactly("QuotaExceeded", "FacilityExempted", "UnknownOrDuplicate");
    assertThat(refused.values()).extracting(Replay.Refused::refusal)
        .containsExactly(Kind.QUOTA, Kind.NOT_ALLOWED, Kind.SUBJECT);

    var old = s.ledger.obligations(asOf);
    var typed = r.obligations().stream().filter(o -> o.regime().equals("inspections")).toList();
    assertThat(typed).hasSameSizeAs(old).hasSize(12 * 4);
    Map<ObligationStatus, Obligation.Status> same = Map.of(ObligationStatus.ON_TIME,
        Obligation.Status.MET, ObligationStatus.LATE, Obligation.Status.LATE);
    for (int i = 0; i < old.size(); i++) {
      assertThat(typed.get(i).due()).isEqualTo(old.get(i).due());
      assertThat(typed.get(i).party()).isEqualTo(old.get(i).party());
      assertThat(typed.get(i).status()).isEqualTo(same.get(old.get(i).status()));
      assertThat(old.get(i).what()).contains(typed.get(i).subject());
    }
    assertThat(typed).filteredOn(o -> o.status() == Obligation.Status.LATE)
        .extracting(Replay.Owed::type, Replay.Owed::subject, Replay.Owed::party)
        .contains(org.assertj.core.groups.Tuple.tuple("inspection-restrictions", "T1-3", "RU"),
            org.assertj.core.groups.Tuple.tuple("inspection-report", "T1-0", "RU"));
    assertThat(typed).filteredOn(o -> o.status() == Obligation.Status.MET)
        .allSatisfy(o -> assertThat(o.metBy()).isNotNull());
  }
}
