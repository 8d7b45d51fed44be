package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.lifecycle.Event.What;
import dev.verity.core.lifecycle.LifecycleRegime;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agreement's life (issue 13), judged offline: Russia's suspension of New START on 21
 * February 2023, a resumption, a withdrawal with its notice, and the rules on who may record
 * what. While an agreement is suspended or not in force its obligations are not counted as
 * missed, and its messages are accepted and marked (docs/dev/decisions.md).
 */
class LifecycleTest {
  static final String SUSPENSION = "{'statedReason': 'the United States has not met its"
      + " obligations under the Treaty'}";

  final List<Replay.Input> steps = new ArrayList<>();

  LifecycleTest step(String at, String party, String type, String fields) throws Exception {
    ReplayTest.in(steps, at, party, type, fields);
    return this;
  }

  Replay.Result run(String agreement, String asOf) throws Exception {
    return Replay.run(AgreementCatalog.get(agreement), steps, Instant.parse(asOf));
  }

  /** The United States' data exchange as of 1 September 2020, received on time. */
  LifecycleTest usDeclaration() {
    steps.add(new Replay.Input(steps.size(), Instant.parse("2020-09-20T09:00:00Z"), "US",
        "declaration", DataExchangeJson.mapper().valueToTree(ReplayTest.usDeclaration())));
    return this;
  }

  static Status exchange(Replay.Result r, String party, String asOf) {
    return r.obligations().stream().filter(o -> o.type().equals("data-exchange")
        && o.party().equals(party) && o.subject().equals(asOf)).findFirst().orElseThrow()
        .status();
  }

  /** Every bundled agreement includes its life (provisions/lifecycle.yaml): all its steps. */
  @Test
  void everyBundledAgreementIncludesItsLife() throws Exception {
    for (Agreement a : AgreementCatalog.bundled()) {
      assertThat(new LifecycleRegime(a).types()).as(a.id())
          .containsExactlyInAnyOrderElementsOf(LifecycleRegime.TYPES);
    }
  }

  @Test
  void whileRussiaSuspendsNewStartItsObligationsAreNotCountedAsMissed() throws Exception {
    usDeclaration().step("2023-02-21T12:00:00Z", "RU", "agreement-suspension", SUSPENSION)
        .step("2023-03-10T09:00:00Z", "US", "launch",
            "{'item': 'M-1', 'eventTime': '2023-03-12T09:00:00Z'}");
    Replay.Result r = run("new-start", "2023-06-01T00:00:00Z");
    assertThat(r.accepted()).containsExactly(0, 1, 2);
    assertThat(r.marked()).containsExactly(new Replay.Marked(2, Standing.SUSPENDED));
    // before the suspension, a missed exchange is missing; the one due during it is not
    assertThat(exchange(r, "RU", "2022-09-01")).isEqualTo(Status.MISSING);
    assertThat(exchange(r, "RU", "2023-03-01")).isEqualTo(Status.SUSPENDED);
    assertThat(exchange(r, "US", "2023-03-01")).isEqualTo(Status.SUSPENDED);
    assertThat(exchange(r, "US", "2020-09-01")).isEqualTo(Status.MET);
    // the launch notification given during the suspension still counts, and was on time
    assertThat(r.obligations()).filteredOn(o -> o.type().equals("launch"))
        .extracting(Replay.Owed::status, Replay.Owed::metBy).containsExactly(tuple(Status.MET, 2));
    var view = (LifecycleRegime.View) r.state().get("lifecycle");
    assertThat(view.suspendedBy()).containsExactly("RU");
    assertThat(view.timeline()).extracting(e -> e.what(), e -> e.party()).containsExactly(
        tuple(What.ENTRY_INTO_FORCE, null), tuple(What.SUSPENSION, "RU"),
        tuple(What.EXPIRY, null));
    assertThat(view.timeline().get(1).text()).startsWith("the United States has not met");
  }

  @Test
  void afterTheResumptionObligationsCountAgainAndTheSuspendedOnesStayExcused() throws Exception {
    step("2023-02-21T12:00:00Z", "RU", "agreement-suspension", SUSPENSION)
        .step("2023-08-01T09:00:00Z", "RU", "agreement-resumption",
            "{'statement': 'resumed', 'effectiveAt': '2023-09-15T00:00:00Z'}");
    Replay.Result r = run("new-start", "2023-11-01T00:00:00Z");
    assertThat(exchange(r, "RU", "2023-03-01")).isEqualTo(Status.SUSPENDED);
    assertThat(exchange(r, "RU", "2023-09-01")).isEqualTo(Status.MISSING);
    // judged as of a time before the resumption was declared, the suspension is still open
    Replay.Result before = run("new-start", "2023-07-01T00:00:00Z");
    assertThat(exchange(before, "RU", "2023-03-01")).isEqualTo(Status.SUSPENDED);
    assertThat(((LifecycleRegime.View) r.state().get("lifecycle")).suspendedBy()).isEmpty();
  }

  @Test
  void theAgreementStaysSuspendedUntilEveryPartyThatSuspendedItResumes() throws Exception {
    step("2023-02-21T12:00:00Z", "RU", "agreement-suspension", SUSPENSION)
        .step("2023-03-01T12:00:00Z", "US", "agreement-suspension", "{'statedReason': 'answer'}")
        .step("2023-04-01T12:00:00Z", "RU", "agreement-resumption", "{}");
    Replay.Result r = run("new-start", "2023-11-01T00:00:00Z");
    assertThat(r.accepted()).containsExactly(0, 1, 2);
    assertThat(exchange(r, "RU", "2023-09-01")).isEqualTo(Status.SUSPENDED);
  }

  @Test
  void onlyAPartyRecordsTheLifeAndOnlyForward() throws Exception {
    step("2026-03-01T12:00:00Z", "RU", "agreement-resumption", "{}")
        .step("2026-03-01T12:00:00Z", "RU", "agreement-suspension",
            "{'statedReason': 'r', 'effectiveAt': '2026-02-01T00:00:00Z'}")
        .step("2026-03-02T12:00:00Z", "RU", "agreement-suspension", "{'statedReason': 'r'}")
        .step("2026-03-03T12:00:00Z", "RU", "agreement-suspension", "{'statedReason': 'again'}")
        .step("2026-03-04T12:00:00Z", "US", "agreement-resumption", "{}")
        .step("2026-03-05T12:00:00Z", "AE", "agreement-suspension", "{'statedReason': 'r'}")
        .step("2026-03-06T12:00:00Z", "US", "agreement-entry-into-force",
            "{'inForceOn': '2027-01-02'}")
        .step("2026-03-07T12:00:00Z", "US", "agreement-entry-into-force",
            "{'inForceOn': '2027-01-01', 'instrument': 'signature'}")
        .step("2026-03-08T12:00:00Z", "US", "agreement-suspension", "{}");
    Replay.Result r = run("trilateral-hypothetical", "2026-04-01T00:00:00Z");
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            tuple(0, Kind.WRONG_STATE, "lifecycle/resumption"),
            tuple(1, Kind.NOT_ALLOWED, "lifecycle/no-retroactive"),
            tuple(2, Kind.NOT_ALLOWED, "lifecycle/in-force"),
            tuple(3, Kind.NOT_ALLOWED, "lifecycle/in-force"),
            tuple(4, Kind.WRONG_STATE, "lifecycle/resumption"),
            tuple(5, Kind.WRONG_ROLE, "lifecycle/party"),
            tuple(6, Kind.MISMATCH, "lifecycle/entry-into-force"),
            tuple(8, Kind.MALFORMED, "schema"));
    assertThat(r.refused().get(2).reason())
        .isEqualTo("trilateral-hypothetical is not yet in force at 2026-03-02T12:00:00Z");
    assertThat(r.refused().get(7).reason()).isEqualTo("fields.statedReason: required: a text"
        + " of at most 16000 characters");
  }

  @Test
  void aPartySuspendsOnceAndResumesOnlyItsOwnSuspension() throws Exception {
    step("2023-02-21T12:00:00Z", "RU", "agreement-suspension", SUSPENSION)
        .step("2023-02-22T12:00:00Z", "RU", "agreement-suspension", SUSPENSION)
        .step("2023-02-23T12:00:00Z", "US", "agreement-resumption", "{}");
    Replay.Result r = run("new-start", "2023-03-01T00:00:00Z");
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::rule)
        .containsExactly(tuple(1, "lifecycle/suspension"), tuple(2, "lifecycle/resumption"));
    assertThat(r.refused().get(1).reason()).isEqualTo("US has no suspension of new-start to end"
        + " (a Party resumes only its own)");
  }

  @Test
  void aWithdrawalTakesEffectAfterItsNoticeAndEndsABilateralAgreement() throws Exception {
    usDeclaration().step("2020-10-01T00:00:00Z", "US", "agreement-withdrawal",
        "{'statedReason': 'r', 'effectiveAt': '2020-12-01T00:00:00Z'}")
        .step("2020-10-01T00:00:00Z", "US", "agreement-withdrawal", "{'statedReason': 'r'}")
        .step("2020-12-15T09:00:00Z", "US", "launch",
            "{'item': 'M-1', 'eventTime': '2020-12-20T09:00:00Z'}")
        .step("2021-01-01T00:00:00Z", "US", "launch",
            "{'item': 'M-1', 'eventTime': '2021-01-05T09:00:00Z'}")
        .step("2021-01-02T00:00:00Z", "RU", "agreement-suspension", "{'statedReason': 'r'}")
        .step("2021-01-02T00:00:00Z", "RU", "commission-session",
            "{'session': 'S-9', 'date': '2021-01-02'}");
    Replay.Result r = run("new-start", "2021-06-01T00:00:00Z");
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            tuple(1, Kind.NOT_ALLOWED, "lifecycle/withdrawal-notice"),
            tuple(4, Kind.NOT_ALLOWED, "lifecycle/withdrawn"),
            tuple(5, Kind.NOT_ALLOWED, "lifecycle/in-force"),
            tuple(6, Kind.NOT_ALLOWED, "lifecycle/ended"));
    // Art. XIV.3: three months after the notification
    assertThat(r.refused().get(0).reason()).isEqualTo("new-start requires notice: a withdrawal"
        + " notified at 2020-10-01T00:00:00Z takes effect no earlier than 2021-01-01T00:00:00Z");
    assertThat(r.accepted()).contains(2, 3);
    assertThat(exchange(r, "RU", "2020-09-01")).isEqualTo(Status.MISSING);
    assertThat(exchange(r, "RU", "2021-03-01")).isEqualTo(Status.NOT_IN_FORCE);
    assertThat(exchange(r, "US", "2021-03-01")).isEqualTo(Status.NOT_IN_FORCE);
    var view = (LifecycleRegime.View) r.state().get("lifecycle");
    assertThat(view.timeline()).extracting(e -> e.what(), e -> e.at()).contains(
        tuple(What.WITHDRAWAL_NOTICE, Instant.parse("2020-10-01T00:00:00Z")),
        tuple(What.WITHDRAWAL, Instant.parse("2021-01-01T00:00:00Z")),
        tuple(What.ENDED, Instant.parse("2021-01-01T00:00:00Z")));
  }

  /** Among three Parties, one Party's suspension suspends its own part; the others go on. */
  @Test
  void amongMoreThanTwoPartiesASuspensionSuspendsOnlyThatPartysPart() throws Exception {
    step("2027-06-01T12:00:00Z", "RU", "agreement-suspension", "{'statedReason': 'r'}")
        .step("2027-07-01T12:00:00Z", "RU", "commission-session",
            "{'session': 'S-1', 'date': '2027-07-01'}")
        .step("2027-07-01T13:00:00Z", "US", "commission-session",
            "{'session': 'S-2', 'date': '2027-07-01'}");
    Replay.Result r = run("trilateral-hypothetical", "2027-11-01T00:00:00Z");
    assertThat(exchange(r, "RU", "2027-09-01")).isEqualTo(Status.SUSPENDED);
    assertThat(exchange(r, "US", "2027-09-01")).isEqualTo(Status.MISSING);
    assertThat(exchange(r, "CN", "2027-09-01")).isEqualTo(Status.MISSING);
    assertThat(r.marked()).containsExactly(new Replay.Marked(1, Standing.SUSPENDED));
  }
}
