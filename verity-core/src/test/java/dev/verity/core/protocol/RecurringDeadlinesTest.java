package dev.verity.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.Labels;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.protocol.Availability.Result;
import dev.verity.core.protocol.Availability.Schedule;
import dev.verity.core.protocol.Availability.TestMessage;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.replay.Replay;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's recurring deadlines (a line tested every hour), an alarm raised on both sides, the
 * roster levels a rung notifies, and the line's availability from its tests (line-test.yaml).
 */
class RecurringDeadlinesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static String yaml() throws Exception {
    try (var in = RecurringDeadlinesTest.class.getResourceAsStream("line-test.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Agreement agreement(String yaml) throws Exception {
    return AgreementCatalog.loader().load("line-test.yaml", new StringReader(yaml));
  }

  final List<Replay.Input> steps = new ArrayList<>();

  RecurringDeadlinesTest at(long minutes, String party, String type, String fields)
      throws Exception {
    steps.add(new Replay.Input(steps.size(), min(minutes), party, type,
        JSON.readTree(fields.replace('\'', '"'))));
    return this;
  }

  static Instant min(long m) {
    return T.plus(Duration.ofMinutes(m));
  }

  Replay.Result asOf(long minutes) throws Exception {
    return Replay.run(agreement(yaml()), steps, min(minutes));
  }

  @Test
  void eachPartyOwesATestEveryPeriodWithinItsLimit() throws Exception {
    at(-115, "US", "test-message", "{'text': 'Twain'}")
        .at(-45, "US", "test-message", "{'text': 'Chekhov'}")
        .at(-58, "RU", "test-message", "{'text': 'Tolstoy'}")
        .at(5, "US", "test-message", "{'text': 'Shakespeare'}");
    Replay.Result r = asOf(8);
    // the periods that started in the 3 hours kept before 10:08: 08:00, 09:00, 10:00
    assertThat(r.obligations()).filteredOn(o -> o.type().equals("hourly"))
        .extracting(Replay.Owed::subject, Replay.Owed::party, Replay.Owed::due,
            Replay.Owed::status, Replay.Owed::metBy)
        .containsExactly(
            tuple("2026-03-01T08:00:00Z", "RU", min(-110), Status.MISSING, null),
            tuple("2026-03-01T08:00:00Z", "US", min(-110), Status.MET, 0),
            tuple("2026-03-01T09:00:00Z", "RU", min(-50), Status.MET, 2),
            tuple("2026-03-01T09:00:00Z", "US", min(-50), Status.LATE, 1),
            tuple("2026-03-01T10:00:00Z", "RU", min(10), Status.DUE, null),
            tuple("2026-03-01T10:00:00Z", "US", min(10), Status.MET, 3));
    // the observer owes no test; a step after the instant judged has not happened yet
    assertThat(asOf(4).obligations()).filteredOn(o -> o.subject().startsWith("2026-03-01T10"))
        .extracting(Replay.Owed::status).containsOnly(Status.DUE);
  }

  @Test
  void anUnansweredCallRaisesTheAlarmOnBothSidesAfterItsRungs() throws Exception {
    at(0, "US", "call", "{'call': 'C-1', 'to': 'RU'}");
    Replay.Result r = asOf(20);
    assertThat(r.obligations()).filteredOn(o -> o.regime().equals("calls"))
        .extracting(Replay.Owed::kind, Replay.Owed::type, Replay.Owed::party, Replay.Owed::due,
            Replay.Owed::status).containsExactly(
                tuple(Kind.DEADLINE, "answer-in-time", "RU", min(5), Status.MISSING),
                tuple(Kind.ESCALATION, "first", "RU", min(5), Status.DUE),
                tuple(Kind.ESCALATION, "second", "RU", min(10), Status.DUE),
                tuple(Kind.ALARM, "answer-in-time", "RU", min(15), Status.DUE),
                tuple(Kind.ALARM, "answer-in-time", "US", min(15), Status.DUE));
    Protocol.Ladder l = agreement(yaml()).protocols().get(1).deadlines().get(0).onMissed()
        .escalate();
    assertThat(l.rung("second").orElseThrow().notifies())
        .containsExactly("duty-officer", "watch-commander");
    assertThat(Labels.keys(agreement(yaml()))).contains("roster.duty-officer",
        "roster.watch-commander", "protocol.tests.deadline.hourly");
  }

  @Test
  void theLinesAvailabilityOverADayAndAWeekFromItsTests() throws Exception {
    Schedule s = Schedule.of(agreement(yaml()), "tests", "hourly").orElseThrow();
    assertThat(s.receiptWithin()).isEqualTo(Duration.ofMinutes(2));
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    List<TestMessage> tests = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      Instant sent = day.plus(Duration.ofHours(h)).plusSeconds(30);
      if (h == 3) {
        continue; // not sent
      }
      tests.add(new TestMessage(sent, h == 5 ? null : sent.plusSeconds(h == 7 ? 180 : 2)));
    }
    Availability.Report d = Availability.day(s, tests, day.plus(Duration.ofDays(1)));
    assertThat(d.decided()).isEqualTo(24);
    assertThat(d.ok()).isEqualTo(21);
    assertThat(d.availability()).isEqualTo(21 / 24.0);
    assertThat(d.failures()).extracting(Availability.Slot::start, Availability.Slot::result)
        .containsExactly(tuple(day.plus(Duration.ofHours(3)), Result.NOT_SENT),
            tuple(day.plus(Duration.ofHours(5)), Result.NO_RECEIPT),
            tuple(day.plus(Duration.ofHours(7)), Result.LATE_RECEIPT));
    // over the week before, the six days without a test count as six days of failures
    Availability.Report w = Availability.week(s, tests, day.plus(Duration.ofDays(1)));
    assertThat(w.decided()).isEqualTo(7 * 24);
    assertThat(w.ok()).isEqualTo(21);
    // a test still inside its receipt limit, and a slot whose test is not due yet, wait
    Availability.Report now = Availability.of(s, tests, day, day.plus(Duration.ofMinutes(
        5 * 60 + 1)));
    assertThat(now.decided()).isEqualTo(5);
    assertThat(now.failures()).extracting(Availability.Slot::result)
        .containsExactly(Result.NOT_SENT);
  }

  @Test
  void aRecurringDeadlineIsCheckedWhenTheAgreementLoads() throws Exception {
    String y = yaml();
    assertThatThrownBy(() -> agreement(y.replace("by: [party], every", "by: [initiator], every")))
        .hasMessage("line-test.yaml: protocols[0].recurring[0].by: at least one participant role"
            + " (a recurring deadline has no subject)");
    assertThatThrownBy(() -> agreement(y.replace("within: {minutes: 10}", "within: {hours: 2}")))
        .hasMessage("line-test.yaml: protocols[0].recurring[0].within: one unit, no longer than"
            + " every");
    assertThatThrownBy(() -> agreement(y.replace("keep: {hours: 3}", "keep: {days: 500}")))
        .hasMessage("line-test.yaml: protocols[0].recurring[0].keep: one of minutes, hours or"
            + " days, and at most 10080 periods");
    assertThatThrownBy(() -> agreement(y.replace("alarmTo: [initiator", "alarmTo: [chair")))
        .hasMessageStartingWith("line-test.yaml: protocols[1].deadlines[0].onMissed.escalate"
            + ".alarmTo: unknown role 'chair'");
    assertThatThrownBy(() -> agreement(y.replace("notifies: [duty-officer]",
        "notifies: [Duty Officer]"))).hasMessage("line-test.yaml: protocols[1].deadlines[0]"
            + ".onMissed.escalate.steps[0].notifies: levels of the duty roster, [a-z0-9-]+");
  }
}
