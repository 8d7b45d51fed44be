package dev.verity.node.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.EntryRef;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.entry.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node's inspection projection over both Parties' entries: own steps checked in their
 * canonical place before they are applied, peers' steps folded in time order whatever order they
 * arrive in, the declared data taken from the inventory projection, and the quotas of the
 * agreement version the commission's decisions put in force.
 */
class InspectionProjectionTest {
  static final Instant T = Instant.parse("2020-03-10T00:00:00Z");

  Projections p;
  List<String> ruBases;
  List<String> ruOthers;
  int counter;

  @BeforeEach
  void setUp() throws Exception {
    p = new Projections(AgreementCatalog.get("new-start"));
    for (String party : List.of("US", "RU")) {
      JsonNode m = DemoScenario.submissions(party, 0, 1).get(0).message();
      Declaration d = DataExchangeJson.mapper().treeToValue(m, Declaration.class);
      for (JsonNode part : DeclarationParts.split(d)) {
        p.apply(party, p.nextIndex(party), new Envelope(1, "new-start", party, "declaration", "d" + counter++, T, part));
      }
      if (party.equals("RU")) {
        List<String> kinds = p.agreement().inspections().typeOneFacilityKinds();
        ruBases = d.facilities().stream().filter(f -> kinds.contains(f.kind())).map(f -> f.id()).toList();
        ruOthers = d.facilities().stream().filter(f -> !kinds.contains(f.kind())).map(f -> f.id()).toList();
      }
    }
  }

  private Envelope env(String party, String type, Instant at, String json) throws Exception {
    return new Envelope(1, "new-start", party, type, "c" + counter++, at, DataExchangeJson.mapper().readTree(json));
  }

  private Optional<InspectionProjection.Refused> submit(String party, String type, Instant at, String json) throws Exception {
    return p.tryAcceptStep(p.nextIndex(party), env(party, type, at, json));
  }

  private void peer(String party, String type, Instant at, String json) throws Exception {
    p.apply(party, p.nextIndex(party), env(party, type, at, json));
  }

  private static String notice(String id, Instant at) {
    return "{\"inspection\":\"" + id + "\",\"inspectedParty\":\"RU\",\"pointOfEntry\":\"Moscow\",\"arrivalTime\":\""
        + at.plus(Duration.ofHours(33)) + "\"}";
  }

  private void arrive(String id, Instant at) throws Exception {
    assertThat(submit("US", "inspection-notice", at, notice(id, at))).isEmpty();
    assertThat(submit("US", "inspection-arrival", at.plus(Duration.ofHours(33)),
        "{\"inspection\":\"" + id + "\",\"pointOfEntry\":\"Moscow\"}")).isEmpty();
  }

  private static String site(String id, String facility, int type) {
    return "{\"inspection\":\"" + id + "\",\"facility\":\"" + facility + "\",\"inspectionType\":" + type + "}";
  }

  @Test
  void aRefusedStepChangesNothingAndSaysWhy() throws Exception {
    arrive("US-1", T);
    long next = p.nextIndex("US");
    Optional<InspectionProjection.Refused> no = submit("US", "inspection-notice", T.plus(Duration.ofHours(1)), notice("US-2", T));
    assertThat(no).isPresent();
    assertThat(no.get().refusal()).isEqualTo("OneAtATime");
    assertThat(no.get().reason()).contains("US-1");
    assertThat(p.nextIndex("US")).isEqualTo(next);
    assertThat(p.inspections().logged(new EntryRef("US", next))).isEmpty();
    assertThat(p.inspections().state().ledger().inspections()).hasSize(1);
    assertThat(p.inspections().state().ledger().refusals()).isEmpty();
  }

  @Test
  void siteKindsComeFromTheInventoryProjection() throws Exception {
    arrive("US-1", T);
    Instant at = T.plus(Duration.ofHours(34));
    assertThat(submit("US", "inspection-site", at, site("US-1", ruOthers.get(0), 1)).map(r -> r.refusal()))
        .contains("WrongInspectionType");
    assertThat(submit("US", "inspection-site", at, site("US-1", "RU-NOWHERE", 1)).map(r -> r.refusal()))
        .contains("NotDeclared");
    assertThat(submit("US", "inspection-site", at, site("US-1", ruBases.get(0), 1))).isEmpty();
    assertThat(p.inspections().state().ledger().inspection("US-1").orElseThrow().facility()).isEqualTo(ruBases.get(0));
  }

  @Test
  void aPeersEarlierStepIsFoldedInTimeOrder() throws Exception {
    arrive("US-1", T);
    Instant designated = T.plus(Duration.ofHours(34));
    assertThat(submit("US", "inspection-site", designated, site("US-1", ruBases.get(0), 1))).isEmpty();
    // RU's exemption of that base, dated before the designation, arrives only now (a slow link)
    peer("RU", "inspection-exemption", T.plus(Duration.ofHours(2)), "{\"facility\":\"" + ruBases.get(0)
        + "\",\"from\":\"" + T + "\",\"until\":\"" + T.plus(Duration.ofDays(30)) + "\",\"reason\":\"repairs\"}");
    var ledger = p.inspections().state().ledger();
    assertThat(ledger.exemptions()).hasSize(1);
    assertThat(ledger.refusals()).hasSize(1);
    assertThat(ledger.refusals().get(0).refusal().getClass().getSimpleName()).isEqualTo("FacilityExempted");
    assertThat(ledger.inspection("US-1").orElseThrow().facility()).isNull();
  }

  @Test
  void aPeersUnreadableStepIsAProblemNotACrash() throws Exception {
    peer("RU", "inspection-notice", T, "{\"inspection\":\"x\",\"no-such-field\":1}");
    assertThat(p.problems()).anyMatch(s -> s.startsWith("RU/") && s.contains("inspection-notice"));
    assertThat(p.inspections().state().ledger().inspections()).isEmpty();
    assertThat(p.nextIndex("RU")).isGreaterThan(0);
  }

  @Test
  void aDecisionOfTheCommissionRaisesTheQuotaFromItsEffectiveDate() throws Exception {
    String decision = "{\"decision\":\"D-1\",\"session\":\"BCC-1\",\"text\":\"eleven Type One\",\"effectiveFrom\":\""
        + T.plus(Duration.ofDays(1)) + "\",\"amendments\":[{\"path\":\"inspections.typeOne\",\"value\":11}]}";
    assertThat(submit("US", "commission-session", T, "{\"session\":\"BCC-1\",\"date\":\"2020-03-10\",\"place\":\"Geneva\"}")).isEmpty();
    assertThat(submit("US", "commission-decision", T.plus(Duration.ofMinutes(1)), decision)).isEmpty();
    var ledger = p.inspections().state().ledger();
    assertThat(ledger.gauge("RU", 1, T.plus(Duration.ofDays(2))).quota()).isEqualTo(10); // signed by the US only
    peer("RU", "commission-decision-signed", T.plus(Duration.ofMinutes(2)), "{\"decision\":\"D-1\"}");
    ledger = p.inspections().state().ledger();
    assertThat(ledger.gauge("RU", 1, T).quota()).isEqualTo(10);
    assertThat(ledger.gauge("RU", 1, T.plus(Duration.ofDays(2))).quota()).isEqualTo(11);
    var again = submit("US", "commission-decision", T.plus(Duration.ofMinutes(3)), decision);
    assertThat(again.map(InspectionProjection.Refused::refusal)).contains("Commission");
  }

  @Test
  void theDeclaredDataIsTheInventoryAtTheStepsTime() throws Exception {
    String base = ruBases.get(0);
    assertThat(p.inspections().declaredItem("RU", "NO-SUCH-ITEM", T)).isEmpty();
    var items = p.inventoryAt("RU", T).orElseThrow().items().values().stream().filter(i -> base.equals(i.facility())).toList();
    assertThat(items).isNotEmpty();
    assertThat(p.inspections().declaredItem("RU", items.get(0).id(), T)).contains(items.get(0));
    // before the data exchange (as of 2020-03-01) nothing was declared
    assertThat(p.inspections().declaredItem("RU", items.get(0).id(), Instant.parse("2020-02-01T00:00:00Z"))).isEmpty();
  }
}
