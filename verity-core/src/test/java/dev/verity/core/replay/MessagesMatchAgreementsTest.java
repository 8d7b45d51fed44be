package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.ceasefire.Action;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Action.InvokeRelease;
import dev.verity.core.ceasefire.Action.OpenSite;
import dev.verity.core.ceasefire.Answer.Dispute;
import dev.verity.core.ceasefire.Answer.Ground;
import dev.verity.core.ceasefire.Bearing;
import dev.verity.core.ceasefire.CeasefireMessages;
import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.ceasefire.Commitment;
import dev.verity.core.ceasefire.Count;
import dev.verity.core.ceasefire.Means;
import dev.verity.core.ceasefire.Observation;
import dev.verity.core.ceasefire.Period;
import dev.verity.core.ceasefire.Position;
import dev.verity.core.ceasefire.ProtectedSite;
import dev.verity.core.ceasefire.Restriction;
import dev.verity.core.ceasefire.SealedSiteList;
import dev.verity.core.ceasefire.SiteOpening;
import dev.verity.core.exchange.BodiesRegime;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeRegime;
import dev.verity.core.exchange.TallyRegime;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.DistanceUnit;
import dev.verity.core.schema.GeoCircle;
import dev.verity.core.schema.GeoPoint;
import dev.verity.core.schema.GeoPolygon;
import dev.verity.core.talks.Action.AnchorCapitalReport;
import dev.verity.core.talks.TalksMessages;
import dev.verity.core.talks.TalksRegime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The typed records of the regimes whose rules are code and the bundled agreements' declarations
 * say the same thing: every type a regime folds is declared, with {@code regime:} naming it, and a
 * record written as its message passes the agreement's schema (the ones the replay tests do not
 * already send: a dispute, a restriction with a polygon, a site opening, a release, a capital
 * report, the reports on bodies).
 */
class MessagesMatchAgreementsTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  static final String HASH = "ab".repeat(32);
  static final ObjectMapper JSON = new ObjectMapper();

  static Set<String> declared(Agreement a, String regime) {
    return a.messages().stream().filter(m -> regime.equals(m.regime())).map(MessageType::id)
        .collect(Collectors.toSet());
  }

  @Test
  void everyTypeARegimeFoldsIsDeclaredForIt() throws Exception {
    Map<String, Regime<?>> regimes = Map.of(
        "ceasefire-monitoring", CeasefireRegime.of(AgreementCatalog.get("ceasefire-monitoring")),
        "trilateral-talks-2026", TalksRegime.of(AgreementCatalog.get("trilateral-talks-2026")),
        "exchange-ru-ua", ExchangeRegime.of(AgreementCatalog.get("exchange-ru-ua")));
    for (var e : regimes.entrySet()) {
      assertThat(declared(AgreementCatalog.get(e.getKey()), e.getValue().id())).as(e.getKey())
          .isEqualTo(e.getValue().types());
    }
    Agreement x = AgreementCatalog.get("exchange-ru-ua");
    assertThat(declared(x, TallyRegime.ID)).isEqualTo(TallyRegime.of(x).types());
    assertThat(declared(x, BodiesRegime.ID)).isEqualTo(BodiesRegime.of(x).types());
    assertThat(Evaluator.DECLARED.keySet()).containsExactlyInAnyOrderElementsOf(
        MessageType.REGIMES);
  }

  @Test
  void theRegistersRecordsPassTheSchema() throws Exception {
    Evaluator e = Evaluator.of(AgreementCatalog.get("ceasefire-monitoring"));
    Position polygon = new Position("donetsk", new GeoPolygon(List.of(new GeoPoint(48, 37.8),
        new GeoPoint(48.1, 37.9), new GeoPoint(48.05, 38))), "DPR-LPR", "checkpoint");
    Position circle = new Position("luhansk", new GeoCircle(new GeoPoint(48.6, 39.5), 3,
        DistanceUnit.KM), null, null);
    List<Action> actions = List.of(
        new Commitment("c", "energy", List.of("donetsk"), List.of("oil-refinery"), T,
            T.plus(Duration.ofDays(30)), true, Map.of("UA", new SealedSiteList(HASH, 3))),
        new FileClaim("k", Observation.builder().commitment("c").period(Period.at(T))
            .position(circle).means(Means.UAV).category("explosion", "impact")
            .count(new Count(3, Count.Qualifier.AT_LEAST))
            .direction(Bearing.SE,
                new Observation.DistanceBand(3, 6))
            .flight(new Observation.Flight(Bearing.W,
                Bearing.E)).weapon("MLRS").attributedTo("RU")
            .protectedObject("oil-refinery").context(List.of("live-fire-inside-security-zone"))
            .evidence(List.of(HASH)).build()),
        new Dispute("k", Ground.ATTRIBUTION, "not our unit", "DPR-LPR"),
        new Restriction("fom-1", T, polygon, Restriction.Kind.DELAY, "armed men",
            "lack of prior notice", Duration.ofMinutes(128), "let through", "PC.DEC/1117"),
        new OpenSite("k", new SiteOpening(new ProtectedSite("ps-1", "oil-refinery",
            new GeoPoint(50.45, 30.52), "refinery A"), HASH, 2, List.of(HASH, HASH))),
        new InvokeRelease("c", "k"));
    for (Action a : actions) {
      Step s = CeasefireMessages.step(new EntryRef("UA", 0), T, a, false);
      assertThat(e.check(s.entry(), T, s.type(), s.fields().json()).refusal()).as(s.type())
          .isNull();
    }
  }

  @Test
  void theTalksAndBodiesRecordsPassTheSchema() throws Exception {
    Evaluator talks = Evaluator.of(AgreementCatalog.get("trilateral-talks-2026"));
    Step anchor = TalksMessages.step(new EntryRef("UA", 0), T, new AnchorCapitalReport(2, HASH));
    assertThat(talks.check(anchor.entry(), T, anchor.type(), anchor.fields().json()).refusal())
        .isNull();
    Evaluator x = Evaluator.of(AgreementCatalog.get("exchange-ru-ua"));
    Map<String, String> bodies = Map.of(
        "bodies-declared", "{'to': 'UA', 'transfer': 'istanbul', 'date': '2025-06-16',"
            + " 'bodies': 6060}",
        "bodies-received", "{'transfer': 'istanbul', 'date': '2025-06-11', 'bodies': 1212}",
        "bodies-identified", "{'asOf': '2025-08-31', 'identified': 2000, 'otherSide': 3}");
    for (var b : bodies.entrySet()) {
      assertThat(x.check(new EntryRef("RU", 0), T, b.getKey(), JSON.readTree(b.getValue()
          .replace('\'', '"'))).refusal()).as(b.getKey()).isNull();
    }
    assertThat(ExchangeJson.TYPES).allMatch(t -> x.routes(t).size() == 1);
  }
}
