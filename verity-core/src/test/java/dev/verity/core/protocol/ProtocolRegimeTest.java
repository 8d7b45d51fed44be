package dev.verity.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal;
import dev.verity.core.replay.Replay;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic engine over three declared protocols (protocols-test.yaml). */
class ProtocolRegimeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static Agreement agreement() throws Exception {
    try (var r = new InputStreamReader(ProtocolRegimeTest.class.getResourceAsStream(
        "protocols-test.yaml"), StandardCharsets.UTF_8)) {
      return AgreementCatalog.loader().load("protocols-test.yaml", r);
    }
  }

  /** Steps written one by one, each at minutes after {@link #T}. */
  static final class Steps {
    final List<Replay.Input> in = new ArrayList<>();

    Steps at(long minutes, String party, String type, String fields) throws Exception {
      in.add(new Replay.Input(in.size(), T.plus(Duration.ofMinutes(minutes)), party, type,
          JSON.readTree(fields.replace('\'', '"'))));
      return this;
    }

    Replay.Result asOf(long minutes) throws Exception {
      return Replay.run(agreement(), in, T.plus(Duration.ofMinutes(minutes)));
    }
  }

  static Steps flash(String id) throws Exception {
    return new Steps().at(0, "US", "line-message", "{'message': '" + id + "', 'to': 'RU',"
        + " 'priority': 'flash', 'text': 'unsafe intercept over the Black Sea'}");
  }

  static Instant min(long m) {
    return T.plus(Duration.ofMinutes(m));
  }

  @Test
  void anUnacknowledgedFlashEscalatesAtExactlyTheDeclaredStepsThenAlarms() throws Exception {
    Replay.Result r = flash("F-1").asOf(40);
    assertThat(r.obligations()).extracting(Replay.Owed::kind, Replay.Owed::type,
        Replay.Owed::party, Replay.Owed::due, Replay.Owed::status).containsExactly(
            tuple(Kind.DEADLINE, "flash-ack", "RU", min(5), Status.MISSING),
            tuple(Kind.ESCALATION, "duty-officer", "RU", min(5), Status.DUE),
            tuple(Kind.ESCALATION, "watch-commander", "RU", min(10), Status.DUE),
            tuple(Kind.ESCALATION, "senior-leadership", "RU", min(20), Status.DUE),
            tuple(Kind.ESCALATION, "duty-officer", "RU", min(35), Status.DUE),
            tuple(Kind.ESCALATION, "watch-commander", "RU", min(40), Status.DUE),
            tuple(Kind.ESCALATION, "senior-leadership", "RU", min(50), Status.PENDING),
            tuple(Kind.ALARM, "flash-ack", "RU", min(65), Status.PENDING),
            tuple(Kind.DEADLINE, "reply", "RU", min(48 * 60), Status.DUE));
    assertThat(r.obligations().get(4).escalation().round()).isEqualTo(2);
    assertThat(flash("F-1").asOf(65).obligations()).filteredOn(o -> o.kind() == Kind.ALARM)
        .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Status.DUE));
  }

  @Test
  void anAcknowledgementStopsTheLadder() throws Exception {
    Replay.Result inTime = flash("F-2").at(3, "RU", "line-ack", "{'message': 'F-2'}").asOf(120);
    assertThat(inTime.obligations()).extracting(Replay.Owed::type, Replay.Owed::status,
        Replay.Owed::metBy).containsExactly(tuple("flash-ack", Status.MET, 1),
            tuple("reply", Status.DUE, null));
    Replay.Result late = flash("F-3").at(12, "RU", "line-ack", "{'message': 'F-3'}").asOf(120);
    assertThat(late.obligations()).extracting(Replay.Owed::type, Replay.Owed::status)
        .containsExactly(tuple("flash-ack", Status.LATE), tuple("duty-officer", Status.DUE),
            tuple("watch-commander", Status.DUE), tuple("reply", Status.DUE));
    // a routine message owes no acknowledgement; a declined one owes no reply
    Replay.Result routine = new Steps().at(0, "US", "line-message", "{'message': 'R-1',"
        + " 'to': 'RU', 'priority': 'routine', 'text': 'monthly test'}")
        .at(30, "RU", "line-decline", "{'message': 'R-1'}").asOf(60 * 72);
    assertThat(routine.accepted()).containsExactly(0, 1);
    assertThat(routine.obligations()).isEmpty();
  }

  @Test
  void stepsNeedTheRightStateRoleAndSubject() throws Exception {
    Replay.Result r = flash("F-4")
        .at(1, "US", "line-ack", "{'message': 'F-4'}")
        .at(2, "RU", "line-reply", "{'message': 'F-4', 'text': 'no'}")
        .at(3, "RU", "line-ack", "{'message': 'F-9'}")
        .at(4, "RU", "line-message", "{'message': 'F-4', 'to': 'US', 'priority': 'routine',"
            + " 'text': 'x'}")
        .at(5, "UA", "line-ack", "{'message': 'F-4'}")
        .at(6, "RU", "line-ack", "{'message': 'F-4'}")
        .at(7, "RU", "line-ack", "{'message': 'F-4'}")
        .asOf(10);
    assertThat(r.accepted()).containsExactly(0, 6);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            tuple(1, Refusal.Kind.WRONG_ROLE, "line/line-ack"),
            tuple(2, Refusal.Kind.WRONG_STATE, "line/line-reply"),
            tuple(3, Refusal.Kind.SUBJECT, "line/line-ack"),
            tuple(4, Refusal.Kind.SUBJECT, "line/line-message"),
            tuple(5, Refusal.Kind.WRONG_ROLE, "line/line-ack"),
            tuple(7, Refusal.Kind.WRONG_STATE, "line/line-ack"));
    assertThat(r.refused().get(0).reason()).isEqualTo("US is not counterpart of 'F-4'");
    assertThat(r.refused().get(1).reason()).isEqualTo(
        "line-reply needs 'F-4' to be acknowledged; it is sent");
  }

  @Test
  void aRequestUnansweredFor48HoursMakesAMeetingRequestDueAndAllowed() throws Exception {
    Steps s = new Steps().at(0, "UA", "vd-request", "{'request': 'VD-1', 'host': 'RU',"
        + " 'concern': 'unusual activity near the border'}")
        .at(60 * 24, "UA", "vd-meeting-request", "{'request': 'VD-1'}")
        .at(60 * 30, "US", "vd-reply", "{'request': 'VD-1', 'text': 'not ours to answer'}")
        .at(60 * 49, "UA", "vd-meeting-request", "{'request': 'VD-1'}");
    Replay.Result r = s.asOf(60 * 50);
    assertThat(r.accepted()).containsExactly(0, 3);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(tuple(1, Refusal.Kind.GATE, "vd/no-reply-yet"),
            tuple(2, Refusal.Kind.WRONG_ROLE, "vd/vd-reply"));
    assertThat(r.obligations()).filteredOn(o -> o.regime().equals("vd"))
        .extracting(Replay.Owed::kind, Replay.Owed::type, Replay.Owed::party, Replay.Owed::due,
            Replay.Owed::status, Replay.Owed::metBy).containsExactly(
            tuple(Kind.DEADLINE, "reply", "RU", min(60 * 48), Status.MISSING, null),
            tuple(Kind.ESCALATION, "meeting-request", "UA", min(60 * 48), Status.MET, 3));
    // before the 48 hours are up the reply is due and nothing has been set off
    assertThat(s.asOf(60 * 47).obligations()).filteredOn(o -> o.regime().equals("vd"))
        .extracting(Replay.Owed::status).containsExactly(Status.DUE);
  }

  @Test
  void aTreatyYearQuotaCountsByTheFieldsDate() throws Exception {
    Replay.Result r = new Steps()
        .at(0, "US", "exercise-notice", "{'exerciseStart': '2026-04-01'}")
        .at(1, "US", "exercise-notice", "{'exerciseStart': '2027-02-04'}")
        .at(2, "US", "exercise-notice", "{'exerciseStart': '2026-05-01'}")
        .at(3, "US", "exercise-notice", "{'exerciseStart': '2027-02-05'}")
        .at(4, "RU", "exercise-notice", "{'exerciseStart': '2026-05-01'}")
        .asOf(10);
    assertThat(r.accepted()).containsExactly(0, 1, 3, 4);
    assertThat(r.refused()).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo("exercises/two-a-year");
      assertThat(x.refusal()).isEqualTo(Refusal.Kind.QUOTA);
      assertThat(x.reason()).isEqualTo("quota two-a-year allows 2 per treaty-year, used by US in"
          + " 2026-02-05..2027-02-04");
    });
  }

  @Test
  void aMissedAdvanceNoticeRaisesAnAlarmAtTheDeadline() throws Exception {
    Replay.Result r = new Steps().at(0, "US", "exercise-notice", "{'exerciseStart': '2026-03-10'}")
        .asOf(60);
    assertThat(r.obligations()).extracting(Replay.Owed::kind, Replay.Owed::due,
        Replay.Owed::status).containsExactly(
            tuple(Kind.DEADLINE, Instant.parse("2026-02-25T00:00:00Z"), Status.LATE),
            tuple(Kind.ALARM, Instant.parse("2026-02-25T00:00:00Z"), Status.DUE));
  }

  @Test
  void nothingHappensBeforeTheAgreementIsInForce() throws Exception {
    Replay.Result r = Replay.run(agreement(), List.of(new Replay.Input(0,
        Instant.parse("2025-12-31T23:00:00Z"), "US", "exercise-notice",
        JSON.readTree("{\"exerciseStart\": \"2026-04-01\"}"))), null);
    assertThat(r.refused()).singleElement().satisfies(x -> {
      assertThat(x.refusal()).isEqualTo(Refusal.Kind.NOT_ALLOWED);
      assertThat(x.rule()).isEqualTo("exercises/in-force");
    });
  }
}
