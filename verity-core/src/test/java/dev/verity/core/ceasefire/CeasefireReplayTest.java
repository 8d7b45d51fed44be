package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Answer.Acknowledgement;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.Answer.VerificationRequest;
import dev.verity.core.ceasefire.SmmFebruary2022.Report;
import dev.verity.core.message.EntryRef;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Replay;
import dev.verity.core.schema.Fields;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ceasefire register through the offline evaluator ({@code verity agreement replay}) under the
 * bundled agreement {@code ceasefire-monitoring}: the daily reports in the evaluator's state are
 * the ones the register computes ({@link DailyReports}), the SMM's February 2022 figures come out
 * of replay as they come out of the register, and a claim is folded both by the register and by
 * the protocol that times its answers, all or nothing.
 */
class CeasefireReplayTest {
  static final Agreement AGREEMENT = agreement();
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z"); // a Monday

  /** Steps written as a steps file's lines: each typed action as its message's fields. */
  static final class Lines {
    final List<Replay.Input> inputs = new ArrayList<>();

    Lines add(String who, Instant at, Action a) {
      Step s = CeasefireMessages.step(new EntryRef(who, 0), at, a, who.equals("SMM"));
      inputs.add(new Replay.Input(inputs.size(), at, who, s.type(), s.fields().json()));
      return this;
    }

    Lines add(String who, Instant at, String type, String json) throws Exception {
      inputs.add(new Replay.Input(inputs.size(), at, who, type, JSON.readTree(json)));
      return this;
    }

    /** The mediator proposes {@code c} at {@code at}, the others countersign a second later. */
    Lines inForce(Commitment c, Instant at) {
      add("US", at, c);
      for (String p : List.of("UA", "RU", "SMM")) {
        add(p, at.plusSeconds(1), new Countersign(c.id(), c.termsHash()));
      }
      return this;
    }

    /** The same lines folded by the register alone, as a node's register would fold them. */
    Register register() {
      CeasefireRegime regime = CeasefireRegime.of(AGREEMENT);
      Map<String, Integer> next = new HashMap<>();
      List<Step> steps = new ArrayList<>();
      for (Replay.Input in : inputs) {
        if (CeasefireMessages.TYPES.contains(in.type())) {
          steps.add(new Step(new EntryRef(in.party(), next.merge(in.party(), 1,
              Integer::sum) - 1), in.at(), in.type(), Fields.of((ObjectNode) in.fields())));
        } else {
          next.merge(in.party(), 1, Integer::sum);
        }
      }
      return regime.fold(steps.stream().sorted(Step.ORDER).toList());
    }
  }

  static Agreement agreement() {
    try {
      return AgreementCatalog.get("ceasefire-monitoring");
    } catch (AgreementException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant kyiv(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ReportSchedule.SMM.zone()).toInstant();
  }

  static RegisterView view(Replay.Result r) {
    return (RegisterView) r.state().get(CeasefireRegime.ID);
  }

  @Test
  void replayGivesTheDailyReportsTheRegisterComputes() throws Exception {
    Lines l = new Lines().inForce(Registers.commitment("c", START, null), START);
    // six days of claims, a weekend among them, some filed late, one before the start
    String[] filers = {"UA", "RU", "SMM"};
    String[] regions = {"donetsk", "luhansk", "kharkiv"};
    int n = 0;
    for (int day = 0; day < 6; day++) {
      for (int k = 0; k < 5; k++, n++) {
        Instant event = kyiv("2026-03-03T08:00").plus(Duration.ofDays(day))
            .plusSeconds(3600L * k);
        Instant filed = k == 4 ? event.plus(Duration.ofHours(30)) : event.plusSeconds(600);
        l.add(filers[n % 3], filed, new FileClaim("k" + n, seen("c", regions[n % 3],
            n % 2 == 0 ? "explosion" : "burst-and-shot", 1 + n % 7, event).build()));
      }
    }
    l.add("UA", kyiv("2026-03-04T09:00"), new FileClaim("early", seen("c", "donetsk",
        "explosion", 9, START.minusSeconds(3600)).build()));
    l.inputs.sort(Comparator.comparing(Replay.Input::at));
    List<Replay.Input> ordered = new ArrayList<>();
    for (Replay.Input in : l.inputs) {
      ordered.add(new Replay.Input(ordered.size(), in.at(), in.party(), in.type(), in.fields()));
    }
    l.inputs.clear();
    l.inputs.addAll(ordered);

    Replay.Result r = Replay.run(AGREEMENT, l.inputs, null);
    assertThat(r.refused()).isEmpty();
    RegisterView v = view(r);
    Register direct = l.register();
    assertThat(v.dailyReports()).hasSizeGreaterThanOrEqualTo(6);
    for (DailyReport report : v.dailyReports()) {
      assertThat(report).isEqualTo(direct.dailyReport("c", report.date()).orElseThrow());
    }
    // the weekend is one report of two days; the claim before the start is marked, not counted
    assertThat(v.dailyReports()).extracting(DailyReport::date).contains(LocalDate.of(2026, 3, 8))
        .doesNotContain(LocalDate.of(2026, 3, 7));
    assertThat(v.claims()).filteredOn(c -> c.id().equals("early"))
        .extracting(ClaimRecord::standing).containsExactly(Standing.BEFORE_START);
    // and the state prints as the CLI prints it
    assertThat(JSON.writeValueAsString(r.state())).contains("\"dailyReports\"");
  }

  @Test
  void theSmmsFebruary2022FiguresThroughReplay() throws Exception {
    SmmFebruary2022 fixture = SmmFebruary2022.load();
    Lines l = new Lines().inForce(fixture.commitment(), Instant.parse("2020-07-22T12:00:00Z"));
    int n = 0;
    for (SmmFebruary2022.Filing f : fixture.filings()) {
      l.add("SMM", f.at(), new FileClaim("smm-" + n++, f.observation()));
    }
    Replay.Result r = Replay.run(AGREEMENT, l.inputs, null);
    assertThat(r.refused()).isEmpty();
    Map<LocalDate, DailyReport> reports = new HashMap<>();
    view(r).dailyReports().forEach(d -> reports.put(d.date(), d));
    for (Report published : fixture.reports()) {
      DailyReport.Source smm = reports.get(published.date()).source("SMM").orElseThrow();
      published.regions().forEach((region, f) -> {
        String what = published.report() + " " + region;
        assertThat(smm.period().region(region).total()).as(what + " total").isEqualTo(f.total());
        assertThat(smm.period().region(region).category("explosion")).as(what + " explosions")
            .isEqualTo(f.explosions());
        assertThat(smm.previous().region(region).total()).as(what + " previous")
            .isEqualTo(f.previous());
      });
    }
    Register direct = l.register();
    reports.values().forEach(d -> assertThat(d).isEqualTo(direct.dailyReport(
        fixture.commitment().id(), d.date()).orElseThrow()));
    // observations open subjects of the answers' protocol, and owe no answer
    assertThat(r.obligations()).isEmpty();
  }

  @Test
  void aClaimIsFoldedByTheRegisterAndItsAnswersProtocolAllOrNothing() throws Exception {
    Instant t = START.plus(Duration.ofDays(1));
    Lines l = new Lines().inForce(Registers.commitment("c", START, null), START)
        .add("UA", t, new FileClaim("ua-1", seen("c", "donetsk", "explosion", 3,
            t.minusSeconds(600)).attributedTo("RU").build()))
        .add("UA", t.plusSeconds(60), new FileClaim("ua-2", seen("nope", "donetsk", "explosion",
            1, t.minusSeconds(600)).build()))
        .add("UA", t.plusSeconds(120), new Acknowledgement("ua-1", "our own"))
        .add("RU", t.plusSeconds(180), new Acknowledgement("ua-2", null))
        .add("US", t.plusSeconds(240), new VerificationRequest("ua-1", "please verify"))
        .add("RU", t.plus(Duration.ofHours(30)), new Acknowledgement("ua-1", "noted"))
        .add("SMM", t.plus(Duration.ofHours(40)), new Finding("ua-1", FindingStatus.CORROBORATED,
            "RU", null, null));

    Replay.Result r = Replay.run(AGREEMENT, l.inputs, t.plus(Duration.ofDays(3)));
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            tuple(5, Kind.SUBJECT, "ceasefire-register/unknown-commitment"),
            tuple(6, Kind.WRONG_ROLE, "ceasefire-register/wrong-sender"),
            tuple(7, Kind.SUBJECT, "ceasefire-register/unknown-claim"));
    // the register keeps one claim with its three answers; the protocol one subject with them
    assertThat(view(r).claims()).extracting(ClaimRecord::id).containsExactly("ua-1");
    assertThat(view(r).claims().get(0).answers()).extracting(AnswerRecord::from)
        .containsExactly("US", "RU", "SMM");
    var answers = (ProtocolRegime.View) r.state().get("claim-answers");
    assertThat(answers.subjects()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("ua-1");
      assertThat(s.state()).isEqualTo("found");
      assertThat(s.steps()).extracting(x -> x.step()).containsExactly("ceasefire-claim",
          "ceasefire-verification-request", "ceasefire-acknowledgement", "ceasefire-finding");
    });
    // Russia answered after 30 hours: late; the monitor found within 72 hours of the request
    assertThat(r.obligations()).extracting(Replay.Owed::type, Replay.Owed::party,
        Replay.Owed::status, Replay.Owed::metBy).containsExactly(
            tuple("answer", "RU", Status.LATE, 9), tuple("finding", "SMM", Status.MET, 10));
  }

  /**
   * The register's life reaches a step its two regimes share: a claim made while Russia has
   * suspended the register is taken by both and marked, and the answer it owes Russia is
   * suspended, not missing; once Russia has withdrawn, its claim reaches neither.
   */
  @Test
  void aSharedStepIsJudgedByTheAgreementsLife() throws Exception {
    Instant t = START.plus(Duration.ofDays(1));
    Lines l = new Lines().inForce(Registers.commitment("c", START, null), START)
        .add("RU", t, "agreement-suspension", "{\"statedReason\": \"shelling continues\"}")
        .add("UA", t.plusSeconds(3600), new FileClaim("ua-1", seen("c", "donetsk", "explosion",
            3, t.plusSeconds(3000)).attributedTo("RU").build()))
        .add("RU", t.plus(Duration.ofDays(2)), "agreement-withdrawal",
            "{\"statedReason\": \"the register is one-sided\"}")
        .add("RU", t.plus(Duration.ofDays(2)).plusSeconds(60), new FileClaim("ru-1", seen("c",
            "luhansk", "explosion", 1, t.plus(Duration.ofDays(2))).attributedTo("UA").build()));

    Replay.Result r = Replay.run(AGREEMENT, l.inputs, t.plus(Duration.ofDays(3)));
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::rule)
        .containsExactly(tuple(7, "lifecycle/withdrawn"));
    // (the life's standing, not the register's own Standing of a claim against its commitment)
    assertThat(r.marked()).extracting(Replay.Marked::index, m -> m.standing().name())
        .containsExactly(tuple(5, "SUSPENDED"));
    assertThat(view(r).claims()).extracting(ClaimRecord::id).containsExactly("ua-1");
    var answers = (ProtocolRegime.View) r.state().get("claim-answers");
    assertThat(answers.subjects()).extracting(s -> s.id()).containsExactly("ua-1");
    assertThat(r.obligations()).extracting(Replay.Owed::type, Replay.Owed::party,
        Replay.Owed::status).containsExactly(tuple("answer", "RU", Status.SUSPENDED));
  }

  @Test
  void returnFireOnlyAfterTheCoordinationFailed() throws Exception {
    Instant t = START.plus(Duration.ofDays(1));
    Lines l = new Lines().inForce(Registers.commitment("c", START, null), START)
        .add("UA", t, new FileClaim("ua-1", seen("c", "donetsk", "explosion", 3,
            t.minusSeconds(600)).attributedTo("RU").build()))
        .add("UA", t.plusSeconds(60), "coordination-request",
            "{\"request\": \"cr-1\", \"claim\": \"ua-1\", \"to\": \"RU\"}")
        .add("UA", t.plusSeconds(1800), "return-fire-order",
            "{\"request\": \"cr-1\", \"orderedBy\": \"General Staff\"}")
        .add("UA", t.plusSeconds(3720), "return-fire-order",
            "{\"request\": \"cr-1\", \"orderedBy\": \"General Staff\"}")
        .add("UA", t.plusSeconds(4000), "return-fire-notice", "{\"request\": \"cr-1\"}")
        .add("RU", t.plusSeconds(120), "coordination-request",
            "{\"request\": \"cr-2\", \"claim\": \"ua-1\", \"to\": \"UA\"}")
        .add("UA", t.plusSeconds(600), "coordination-response",
            "{\"request\": \"cr-2\", \"outcome\": \"resolved\"}")
        .add("RU", t.plusSeconds(7200), "return-fire-order",
            "{\"request\": \"cr-2\", \"orderedBy\": \"General Staff\"}");

    Replay.Result r = Replay.run(AGREEMENT, l.inputs, t.plus(Duration.ofHours(3)));
    // an order half an hour after the request: the response deadline has not passed
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            tuple(6, Kind.GATE, "coordination/after-failed-coordination"),
            tuple(11, Kind.GATE, "coordination/after-failed-coordination"));
    var coordination = (ProtocolRegime.View) r.state().get("coordination");
    assertThat(coordination.subjects()).extracting(s -> s.id(), s -> s.state())
        .containsExactly(tuple("cr-1", "return-fire-ordered"), tuple("cr-2", "answered"));
    assertThat(r.obligations()).filteredOn(o -> o.regime().equals("coordination"))
        .extracting(Replay.Owed::type, Replay.Owed::subject, Replay.Owed::party,
            Replay.Owed::status).containsExactly(
                tuple("respond", "cr-1", "RU", Status.MISSING),
                tuple("respond", "cr-2", "UA", Status.MET),
                tuple("notify", "cr-1", "UA", Status.MET));
  }
}
