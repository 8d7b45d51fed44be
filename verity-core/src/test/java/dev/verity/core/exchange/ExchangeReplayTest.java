package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.exchange.FebruaryFifth.Sent;
import dev.verity.core.exchange.TallyFinding.Gap;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Steps;
import dev.verity.core.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exchange of 5 February 2026 through the offline evaluator ({@code verity agreement
 * replay}) under the bundled agreement {@code exchange-ru-ua}: the lists matched without names,
 * the ICRC's consent, the stage signed by Russia, Ukraine and the UAE with the discrepancies
 * named per category; a wounded prisoner handed over without consent refused with nothing
 * appended; and the UAE's numbered mediations checked by total(n) = total(n-1) + count(n).
 */
class ExchangeReplayTest {
  static final Instant LISTS = Instant.parse("2026-02-01T10:00:00Z");
  static final Instant CONSENTS = Instant.parse("2026-02-03T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static FebruaryFifth f;

  @BeforeAll
  static void lists() {
    f = new FebruaryFifth(11);
  }

  static Agreement agreement() throws Exception {
    return AgreementCatalog.get("exchange-ru-ua");
  }

  /** Each message a line of a steps file, one second after the one before from {@code at}. */
  static void add(List<Replay.Input> in, Instant at, List<Sent> sent) {
    for (Sent s : sent) {
      in.add(new Replay.Input(in.size(), at.plusSeconds(in.size()), s.party(),
          s.message().type(), ExchangeJson.fields(s.message())));
    }
  }

  static List<Replay.Input> listed() {
    List<Replay.Input> in = new ArrayList<>();
    add(in, LISTS.minus(Duration.ofDays(1)), List.of(FebruaryFifth.arrangement()));
    add(in, LISTS, f.listSteps());
    return in;
  }

  static ExchangeView view(Replay.Result r) {
    List<?> all = (List<?>) r.state().get(ExchangeRegime.ID);
    return (ExchangeView) all.get(0);
  }

  @Test
  void theFifthOfFebruaryWithItsDiscrepanciesNamedPerCategory() throws Exception {
    List<Replay.Input> in = listed();
    add(in, CONSENTS, f.consents());
    add(in, FebruaryFifth.T, f.handovers());
    add(in, FebruaryFifth.T.plus(Duration.ofHours(2)), f.reports());

    Replay.Result r = Replay.run(agreement(), in, null);
    assertThat(r.refused()).isEmpty();
    ExchangeView x = view(r);
    assertThat(x.exchange()).isEqualTo(FebruaryFifth.X);
    assertThat(x.matches()).filteredOn(m -> m.requested().party().equals("UA"))
        .extracting(m -> m.requested().category(), ExchangeView.MatchView::matchedRequested)
        .containsExactlyInAnyOrder(tuple("military", 150), tuple("civilian", 0),
            tuple("wounded-sick", 12));
    assertThat(x.handovers()).extracting(ExchangeView.HandoverView::party,
        ExchangeView.HandoverView::persons).containsExactly(tuple("RU", 157), tuple("UA", 160));
    StageRecord stage = x.stages().get(0);
    assertThat(stage.signedBy()).containsExactlyInAnyOrder("RU", "UA", "UAE");
    assertThat(stage.discrepancies()).extracting(Discrepancy::words).containsExactly(
        "civilian from RU to UA: RU handed no figure, UA received 7",
        "military from RU to UA: RU handed 157, UA received 150",
        "total from UA to RU: RU received 160, UAE attests 157");
    // the blindings and the consents were owed before the stage's day, and given
    assertThat(r.obligations()).extracting(Replay.Owed::type).containsOnly("blind-list",
        "attest-consent").contains("blind-list", "attest-consent");
    assertThat(r.obligations()).extracting(Replay.Owed::status).containsOnly(Status.MET);
    assertThat(r.obligations()).filteredOn(o -> o.type().equals("attest-consent"))
        .extracting(Replay.Owed::party, Replay.Owed::subject).containsExactlyInAnyOrder(
            tuple("ICRC", FebruaryFifth.X + "/RU/held/wounded-sick"),
            tuple("ICRC", FebruaryFifth.X + "/UA/held/wounded-sick"));
  }

  @Test
  void aWoundedPrisonerWithoutConsentIsRefusedAndNothingIsAppended() throws Exception {
    List<Replay.Input> in = listed();
    add(in, FebruaryFifth.T, f.handovers().subList(0, 1));
    int handover = in.size() - 1;

    Replay.Result r = Replay.run(agreement(), in, FebruaryFifth.T);
    assertThat(r.refused()).singleElement().satisfies(x -> {
      assertThat(x.index()).isEqualTo(handover);
      assertThat(x.refusal()).isEqualTo(Kind.GATE);
      assertThat(x.rule()).isEqualTo("exchange/consent-missing");
      assertThat(x.reason()).contains("GC III Art. 109").contains("ICRC");
    });
    assertThat(view(r).handovers()).isEmpty();
    assertThat(view(r).stages().get(0).signedBy()).isEmpty();
    // the ICRC owed its findings by the stage's day: missing, for both wounded lists
    assertThat(r.obligations()).filteredOn(o -> o.type().equals("attest-consent"))
        .extracting(Replay.Owed::party, Replay.Owed::status)
        .containsExactly(tuple("ICRC", Status.MISSING), tuple("ICRC", Status.MISSING));
  }

  @Test
  void theMediatorsTallyThroughReplay() throws Exception {
    List<Replay.Input> in = new ArrayList<>();
    Instant t = Instant.parse("2024-10-19T00:00:00Z");
    for (Mediation m : PublishedTallies.uae().mediations()) {
      in.add(new Replay.Input(in.size(), t.plus(Duration.ofDays(in.size())), "UAE",
          TallyRegime.MEDIATION, Steps.mapper().valueToTree(m)));
    }
    Mediation stale = PublishedTallies.uae().mediations().get(3);
    in.add(new Replay.Input(in.size(), t.plus(Duration.ofDays(in.size())), "UAE",
        TallyRegime.MEDIATION, Steps.mapper().valueToTree(stale)));
    in.add(new Replay.Input(in.size(), t.plus(Duration.ofDays(in.size())), "RU",
        TallyRegime.MEDIATION, Steps.mapper().valueToTree(stale)));

    Replay.Result r = Replay.run(agreement(), in, null);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::rule)
        .containsExactly(tuple(in.size() - 2, "exchange-tally/out-of-sequence"),
            tuple(in.size() - 1, "exchange-tally/wrong-sender"));
    var tallies = (List<?>) r.state().get(TallyRegime.ID);
    TallyRegime.View uae = (TallyRegime.View) tallies.get(0);
    assertThat(uae.mediations()).hasSize(PublishedTallies.uae().mediations().size());
    assertThat(uae.mediations().get(uae.mediations().size() - 1).cumulative()).isEqualTo(4_955);
    assertThat(uae.findings()).singleElement().isInstanceOfSatisfying(Gap.class,
        g -> assertThat(g.implied()).isEqualTo(99));
  }

  @Test
  void bodiesDeclaredAgainstReceived() throws Exception {
    List<Replay.Input> in = new ArrayList<>();
    Instant t = Instant.parse("2025-06-11T12:00:00Z");
    String[] received = {"2025-06-11", "2025-06-13", "2025-06-14", "2025-06-15", "2025-06-16"};
    int[] bodies = {1_212, 1_200, 1_200, 1_200, 1_245};
    for (int i = 0; i < received.length; i++) {
      in.add(new Replay.Input(in.size(), t.plus(Duration.ofDays(i)), "UA", "bodies-received",
          JSON.readTree("{\"transfer\": \"istanbul\", \"date\": \"" + received[i]
              + "\", \"bodies\": " + bodies[i] + "}")));
    }
    in.add(new Replay.Input(in.size(), t.plus(Duration.ofDays(6)), "RU", "bodies-declared",
        JSON.readTree("{\"to\": \"UA\", \"transfer\": \"istanbul\", \"date\":"
            + " \"2025-06-16\", \"bodies\": 6060}")));
    in.add(new Replay.Input(in.size(), t.plus(Duration.ofDays(7)), "ICRC", "bodies-declared",
        JSON.readTree("{\"to\": \"UA\", \"transfer\": \"istanbul\", \"date\":"
            + " \"2025-06-16\", \"bodies\": 1}")));

    Replay.Result r = Replay.run(agreement(), in, null);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::rule)
        .containsExactly(tuple(in.size() - 1, "exchange-bodies/wrong-sender"));
    var view = (BodiesRegime.View) r.state().get(BodiesRegime.ID);
    assertThat(view.transfers()).singleElement().satisfies(x -> {
      assertThat(x.declared()).isEqualTo(6_060);
      assertThat(x.received()).isEqualTo(6_057);
      assertThat(x.difference()).isEqualTo(3);
    });
  }
}
