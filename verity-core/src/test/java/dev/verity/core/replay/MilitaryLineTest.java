package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.protocol.Availability;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The US-Russia military line (us-ru-military-line.yaml, a Verity model, data only), judged
 * offline: acknowledgement deadlines by priority, the escalation ladder through the receiving
 * Party's duty roster and the alarm on both sides, declined and no-answer as signed states, the
 * officer named in every acknowledgement, tests on a schedule, translations, incidents with
 * contradicting statements, and requests for a call.
 */
class MilitaryLineTest {
  static final String ID = "us-ru-military-line";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-03-14T07:03:00Z");
  static final String OFFICER = "'officer': 'Lt Col I. Orlov (operator iorlov)'";

  final List<Replay.Input> steps = new ArrayList<>();

  MilitaryLineTest at(long minutes, String party, String type, String fields) throws Exception {
    steps.add(new Replay.Input(steps.size(), min(minutes), party, type,
        JSON.readTree(fields.replace('\'', '"'))));
    return this;
  }

  static Instant min(long m) {
    return T.plus(Duration.ofMinutes(m));
  }

  MilitaryLineTest flash(String id) throws Exception {
    return at(0, "US", "line-message", "{'message': '" + id + "', 'to': 'RU', 'priority':"
        + " 'flash', 'text': 'Su-27 dumping fuel on an MQ-9 over the Black Sea; break off.',"
        + " 'language': 'en', 'officer': 'Maj. J. Reyes (operator jreyes)'}");
  }

  Replay.Result asOf(long minutes) throws Exception {
    return Replay.run(AgreementCatalog.get(ID), steps, min(minutes));
  }

  static List<Replay.Owed> of(Replay.Result r, String protocol) {
    return r.obligations().stream().filter(o -> o.regime().equals(protocol)).toList();
  }

  @Test
  void anUnacknowledgedFlashEscalatesAtTheDeclaredStepsThenAlarmsBothSides() throws Exception {
    Replay.Result r = flash("F-1").asOf(70);
    assertThat(of(r, "line")).extracting(Replay.Owed::kind, Replay.Owed::type,
        Replay.Owed::party, Replay.Owed::due, Replay.Owed::status).containsExactly(
            tuple(Kind.DEADLINE, "ack-flash", "RU", min(5), Status.MISSING),
            tuple(Kind.ESCALATION, "duty-officer", "RU", min(5), Status.DUE),
            tuple(Kind.ESCALATION, "watch-commander", "RU", min(10), Status.DUE),
            tuple(Kind.ESCALATION, "senior-leadership", "RU", min(15), Status.DUE),
            tuple(Kind.ESCALATION, "duty-officer", "RU", min(25), Status.DUE),
            tuple(Kind.ESCALATION, "watch-commander", "RU", min(30), Status.DUE),
            tuple(Kind.ESCALATION, "senior-leadership", "RU", min(35), Status.DUE),
            tuple(Kind.ESCALATION, "duty-officer", "RU", min(45), Status.DUE),
            tuple(Kind.ESCALATION, "watch-commander", "RU", min(50), Status.DUE),
            tuple(Kind.ESCALATION, "senior-leadership", "RU", min(55), Status.DUE),
            tuple(Kind.DEADLINE, "reply-flash", "RU", min(60), Status.MISSING),
            tuple(Kind.ALARM, "ack-flash", "RU", min(65), Status.DUE),
            tuple(Kind.ALARM, "ack-flash", "US", min(65), Status.DUE));
    // each rung reaches a wider circle of the receiving Party's duty roster
    Protocol.Ladder l = AgreementCatalog.get(ID).protocols().get(0).deadlines().get(0)
        .onMissed().escalate();
    assertThat(l.steps()).extracting(Protocol.Rung::notifies).containsExactly(
        List.of("duty-officer"), List.of("duty-officer", "watch-commander"),
        List.of("duty-officer", "watch-commander", "senior-leadership"));
    // before the alarm, it is still ahead
    assertThat(flash("F-1b").asOf(64).obligations()).filteredOn(o -> o.kind() == Kind.ALARM)
        .extracting(Replay.Owed::status).containsOnly(Status.PENDING);
  }

  @Test
  void anAcknowledgedFlashEscalatesNothingAndTheAckNamesTheOfficer() throws Exception {
    flash("F-2").at(4, "RU", "line-ack", "{'message': 'F-2', " + OFFICER + "}")
        .at(4, "RU", "line-ack", "{'message': 'F-2'}");
    Replay.Result r = asOf(120);
    assertThat(of(r, "line")).extracting(Replay.Owed::kind, Replay.Owed::type,
        Replay.Owed::status, Replay.Owed::metBy).containsExactly(
            tuple(Kind.DEADLINE, "ack-flash", Status.MET, 1),
            tuple(Kind.DEADLINE, "reply-flash", Status.MISSING, null));
    // an acknowledgement whose entry does not name the officer is not one
    assertThat(r.refused()).singleElement().satisfies(x -> assertThat(x.reason())
        .isEqualTo("fields.officer: required: a single line of text of at most 1000"
            + " characters"));
    // the officer's name is the node's to write, from the operator signed in
    Agreement a = AgreementCatalog.get(ID);
    for (String type : List.of("line-ack", "line-decline", "line-reply", "line-translation",
        "call-accept", "call-decline")) {
      assertThat(a.messageType(type).orElseThrow().schema().nodeFilled()).as(type)
          .singleElement().satisfies(f -> assertThat(f.filledBy()).isEqualTo("operator"));
    }
  }

  @Test
  void aReplyIsLinkedToTheMessageAndAcknowledgesIt() throws Exception {
    flash("F-3").at(2, "RU", "line-reply", "{'message': 'F-3', 'reply': 'Aircraft recalled.',"
        + " 'language': 'ru', " + OFFICER + "}");
    Replay.Result r = asOf(120);
    assertThat(of(r, "line")).extracting(Replay.Owed::type, Replay.Owed::status,
        Replay.Owed::metBy).containsExactly(tuple("ack-flash", Status.MET, 1),
            tuple("reply-flash", Status.MET, 1));
    assertThat(subject(r, "F-3").state()).isEqualTo("replied");
  }

  static ProtocolRegime.SubjectView subject(Replay.Result r, String id) {
    return r.state().values().stream().filter(v -> v instanceof ProtocolRegime.View)
        .flatMap(v -> ((ProtocolRegime.View) v).subjects().stream())
        .filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void declinedAndNoAnswerAreTheirOwnSignedStates() throws Exception {
    flash("F-4").at(3, "RU", "line-decline", "{'message': 'F-4', 'reason': 'not a matter for"
        + " this line', " + OFFICER + "}");
    at(0, "US", "line-message", "{'message': 'F-5', 'to': 'RU', 'priority': 'flash',"
        + " 'text': 'Request immediate contact.', 'language': 'en', " + OFFICER + "}")
        .at(4, "US", "line-no-answer", "{'message': 'F-5', " + OFFICER + "}")
        .at(6, "US", "line-no-answer", "{'message': 'F-5', " + OFFICER + "}")
        .at(12, "RU", "line-ack", "{'message': 'F-5', " + OFFICER + "}");
    Replay.Result r = asOf(30);
    assertThat(subject(r, "F-4").state()).isEqualTo("declined");
    // a declined message owes no reply; the decline met the acknowledgement
    assertThat(of(r, "line")).filteredOn(o -> o.subject().equals("F-4"))
        .extracting(Replay.Owed::type, Replay.Owed::status)
        .containsExactly(tuple("ack-flash", Status.MET));
    // "no answer" only once the acknowledgement is overdue, then a late acknowledgement
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::rule)
        .containsExactly(tuple(3, "line/overdue"));
    assertThat(subject(r, "F-5").steps()).extracting(s -> s.step(), s -> s.party())
        .containsExactly(tuple("line-message", "US"), tuple("line-no-answer", "US"),
            tuple("line-ack", "RU"));
    assertThat(subject(r, "F-5").state()).isEqualTo("acknowledged");
    assertThat(of(r, "line")).filteredOn(o -> o.subject().equals("F-5"))
        .extracting(Replay.Owed::kind, Replay.Owed::type, Replay.Owed::due)
        .startsWith(tuple(Kind.DEADLINE, "ack-flash", min(5)),
            tuple(Kind.ESCALATION, "duty-officer", min(5)),
            tuple(Kind.ESCALATION, "watch-commander", min(10)))
        .doesNotContain(tuple(Kind.ESCALATION, "senior-leadership", min(15)));
    assertThat(of(r, "line")).filteredOn(o -> o.subject().equals("F-5")
        && o.type().equals("ack-flash")).extracting(Replay.Owed::status)
        .containsExactly(Status.LATE);
  }

  @Test
  void routineTrafficHasADayToBeAcknowledgedAndNoLadder() throws Exception {
    at(0, "US", "line-message", "{'message': 'R-1', 'to': 'RU', 'priority': 'routine',"
        + " 'text': 'Proposed agenda.', 'language': 'en', " + OFFICER + "}");
    Replay.Result r = asOf(25 * 60);
    assertThat(of(r, "line")).extracting(Replay.Owed::kind, Replay.Owed::type,
        Replay.Owed::status).containsExactly(tuple(Kind.DEADLINE, "ack-routine", Status.MISSING),
            tuple(Kind.DEADLINE, "reply-routine", Status.DUE));
  }

  @Test
  void aTranslationIsItsOwnEntryAndTheOriginalStaysAuthoritative() throws Exception {
    flash("F-6").at(2, "RU", "line-ack", "{'message': 'F-6', " + OFFICER + "}")
        .at(3, "RU", "line-translation", "{'message': 'F-6', 'into': 'ru', 'translation':"
            + " 'Су-27 сбрасывает топливо на MQ-9 над Чёрным морем; прекратите.', 'method':"
            + " 'machine-checked', 'translator': 'Capt. N. Volkova (operator nvolkova)'}");
    Replay.Result r = asOf(10);
    assertThat(r.accepted()).containsExactly(0, 1, 2);
    assertThat(subject(r, "F-6").state()).isEqualTo("acknowledged");
    assertThat(subject(r, "F-6").steps()).extracting(s -> s.step(), s -> s.party())
        .containsExactly(tuple("line-message", "US"), tuple("line-ack", "RU"),
            tuple("line-translation", "RU"));
    assertThat(AgreementCatalog.get(ID).messageType("line-translation").orElseThrow().fields())
        .contains("into", "translation", "translator").doesNotContain("text");
  }

  @Test
  void lineTestsAreOwedEveryHourAndGiveTheLinesAvailability() throws Exception {
    at(-55, "US", "line-test", "{'text': 'The quick brown fox.'}")
        .at(5, "US", "line-test", "{'text': 'Twain'}")
        .at(-57, "RU", "line-test", "{'text': 'Chekhov'}");
    Replay.Result r = asOf(12);
    assertThat(of(r, "line-tests")).filteredOn(o -> !o.due().isBefore(min(-60)))
        .extracting(Replay.Owed::subject, Replay.Owed::party, Replay.Owed::status)
        .containsExactly(tuple("2026-03-14T06:00:00Z", "RU", Status.MET),
            tuple("2026-03-14T06:00:00Z", "US", Status.MET),
            tuple("2026-03-14T07:00:00Z", "RU", Status.MISSING),
            tuple("2026-03-14T07:00:00Z", "US", Status.MET));
    Availability.Schedule s = Availability.Schedule.of(AgreementCatalog.get(ID), "line-tests",
        "hourly-test").orElseThrow();
    assertThat(s.receiptWithin()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.rule().every().duration()).isEqualTo(Duration.ofHours(1));
    Instant day = Instant.parse("2026-03-14T00:00:00Z");
    List<Availability.TestMessage> tests = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      Instant sent = day.plus(Duration.ofHours(h)).plusSeconds(60);
      tests.add(new Availability.TestMessage(sent, h == 13 ? null : sent.plusSeconds(3)));
    }
    Availability.Report d = Availability.day(s, tests, day.plus(Duration.ofDays(1)));
    assertThat(d.availability()).isEqualTo(23 / 24.0);
    assertThat(d.failures()).extracting(Availability.Slot::result)
        .containsExactly(Availability.Result.NO_RECEIPT);
  }

  @Test
  void anIncidentKeepsContradictingStatementsSideBySide() throws Exception {
    String hash = "9f2c" + "0".repeat(60);
    at(0, "US", "incident-report", "{'incident': 'BLACK-SEA-1', 'occurredAt':"
        + " '2026-03-14T07:03:00Z', 'position': {'circle': {'center': {'lat': 43.5, 'lon': 34.0},"
        + " 'radius': 20, 'unit': 'nmi'}}, 'category': 'incsea-aerobatics-or-dropped-objects',"
        + " 'unitsInvolved': ['MQ-9 Reaper', 'two Su-27'], 'account': 'Fuel dumped on the MQ-9;"
        + " a Su-27 struck its propeller.', 'evidence': [{'sha256': '" + hash + "', 'name':"
        + " 'video.mp4', 'mediaType': 'video/mp4'}]}")
        .at(60, "US", "incident-statement", "{'incident': 'BLACK-SEA-1', 'statement': 'A Su-27"
            + " struck the MQ-9 in an unsafe and unprofessional intercept.', " + OFFICER + "}")
        .at(90, "RU", "incident-statement", "{'incident': 'BLACK-SEA-1', 'statement': 'The"
            + " Russian aircraft did not use weapons and did not come into contact.', "
            + OFFICER + "}")
        .at(95, "US", "call-request", "{'call': 'CALL-1', 'to': 'RU', 'incident': 'BLACK-SEA-1',"
            + " 'format': 'telephone', 'level': 'senior', 'purpose': 'Discuss the incident.', "
            + OFFICER + "}")
        .at(24 * 60, "RU", "call-accept", "{'call': 'CALL-1', " + OFFICER + "}")
        .at(26 * 60, "US", "call-record", "{'call': 'CALL-1', 'heldAt': '2026-03-15T09:00:00Z',"
            + " 'participants': ['Secretary of Defense', 'Minister of Defence'], 'summary':"
            + " 'Each side stated its position.', " + OFFICER + "}")
        .at(100, "RU", "incident-report", "{'incident': 'BLACK-SEA-2', 'occurredAt':"
            + " '2026-03-14T07:03:00Z', 'position': {'lat': 43.5, 'lon': 34.0}, 'category':"
            + " 'other', 'unitsInvolved': ['Su-27'], 'account': 'x', 'evidence': [{'sha256':"
            + " 'not-a-hash'}]}");
    Replay.Result r = asOf(27 * 60);
    assertThat(r.accepted()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(subject(r, "BLACK-SEA-1").steps()).extracting(s -> s.step(), s -> s.party(),
        s -> s.entry().toString()).containsExactly(tuple("incident-report", "US", "US#0"),
            tuple("incident-statement", "US", "US#1"), tuple("incident-statement", "RU", "RU#0"));
    assertThat(subject(r, "CALL-1").state()).isEqualTo("held");
    assertThat(r.refused()).singleElement().satisfies(x -> assertThat(x.reason())
        .isEqualTo("fields.evidence[0].sha256: expected a single line of text of at most 1000"
            + " characters matching [0-9a-f]{64}"));
  }

  @Test
  void aCallRequestUnansweredFor48HoursIsRecordedAsNoAnswer() throws Exception {
    at(0, "US", "call-request", "{'call': 'CALL-2', 'to': 'RU', 'format': 'video', 'level':"
        + " 'senior', 'purpose': 'Deconfliction.', " + OFFICER + "}")
        .at(47 * 60, "US", "call-no-answer", "{'call': 'CALL-2', " + OFFICER + "}")
        .at(49 * 60, "US", "call-no-answer", "{'call': 'CALL-2', " + OFFICER + "}");
    Replay.Result r = asOf(50 * 60);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::rule)
        .containsExactly(tuple(1, "call/unanswered"));
    assertThat(subject(r, "CALL-2").state()).isEqualTo("no-answer");
    assertThat(of(r, "call")).extracting(Replay.Owed::type, Replay.Owed::party,
        Replay.Owed::status).containsExactly(tuple("answer-within-48-hours", "RU",
            Status.MISSING));
  }

  @Test
  void whileTheLineIsSuspendedNothingEscalates() throws Exception {
    at(-10, "RU", "agreement-suspension", "{'statedReason': 'consultations'}");
    flash("F-7");
    Replay.Result r = asOf(70);
    assertThat(r.marked()).containsExactly(new Replay.Marked(1, Standing.SUSPENDED));
    assertThat(of(r, "line")).extracting(Replay.Owed::status).containsOnly(Status.SUSPENDED);
  }
}
