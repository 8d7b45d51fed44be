package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.regime.Obligation.Kind;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Vienna Document 2011 mechanism for unusual military activities (paragraph 16), data only
 * (vienna-document-2011-risk-reduction.yaml), replayed on the 2022 sequence: Ukraine's request
 * of 11 February, no reply within 48 hours, a meeting request, a meeting Russia did not attend.
 */
class ViennaDocumentTest {
  static final String ID = "vienna-document-2011-risk-reduction";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REQUEST = "{'request': 'UA-2022-1', 'to': 'RU', 'concern': 'Forces"
      + " concentrated near the border of Ukraine and in Crimea.', 'activityType': 'ground"
      + " forces', 'area': {'circle': {'center': {'lat': 51.0, 'lon': 37.0}, 'radius': 300,"
      + " 'unit': 'km'}}}";

  final List<Replay.Input> steps = new ArrayList<>();

  ViennaDocumentTest step(String at, String party, String type, String fields) throws Exception {
    steps.add(new Replay.Input(steps.size(), Instant.parse(at), party, type,
        JSON.readTree(fields.replace('\'', '"'))));
    return this;
  }

  Replay.Result run(Agreement a, String asOf) {
    return Replay.run(a, steps, Instant.parse(asOf));
  }

  Replay.Result run(String asOf) throws Exception {
    return run(AgreementCatalog.get(ID), asOf);
  }

  @Test
  void aRequestUnansweredFor48HoursMakesAMeetingRequestDue() throws Exception {
    step("2022-02-11T10:00:00Z", "UA", "vd-explanation-request", REQUEST);
    assertThat(run("2022-02-13T10:00:00Z").obligations()).extracting(Replay.Owed::kind,
        Replay.Owed::type, Replay.Owed::party, Replay.Owed::status)
        .containsExactly(tuple(Kind.DEADLINE, "reply-within-48-hours", "RU", Status.DUE));
    Replay.Result r = run("2022-02-13T10:00:01Z");
    assertThat(r.obligations()).extracting(Replay.Owed::kind, Replay.Owed::type,
        Replay.Owed::party, Replay.Owed::due, Replay.Owed::status).containsExactly(
            tuple(Kind.DEADLINE, "reply-within-48-hours", "RU",
                Instant.parse("2022-02-13T10:00:00Z"), Status.MISSING),
            tuple(Kind.ESCALATION, "meeting-request", "UA",
                Instant.parse("2022-02-13T10:00:00Z"), Status.DUE));
  }

  @Test
  void theMeetingIsRequestedThenHeldWithin48HoursWithoutTheStateAsked() throws Exception {
    step("2022-02-11T10:00:00Z", "UA", "vd-explanation-request", REQUEST)
        .step("2022-02-12T10:00:00Z", "UA", "vd-meeting-request",
            "{'request': 'UA-2022-1', 'scope': 'all-participating-states'}")
        .step("2022-02-13T12:00:00Z", "UA", "vd-meeting-request",
            "{'request': 'UA-2022-1', 'scope': 'all-participating-states'}")
        .step("2022-02-15T10:00:00Z", "UA", "vd-meeting-held", "{'request': 'UA-2022-1',"
            + " 'heldAt': '2022-02-15T10:00:00Z', 'attended': ['UA', 'US', 'DE', 'FR', 'PL'],"
            + " 'absent': ['RU', 'BY']}");
    Replay.Result r = run("2022-02-16T00:00:00Z");
    // before the 48 hours had passed, without a reply, a meeting could not yet be requested
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(tuple(1, Refusal.Kind.GATE,
            "unusual-military-activities/no-satisfactory-reply"));
    assertThat(r.obligations()).extracting(Replay.Owed::type, Replay.Owed::party,
        Replay.Owed::status, Replay.Owed::metBy).containsExactly(
            tuple("reply-within-48-hours", "RU", Status.MISSING, null),
            tuple("meeting-request", "UA", Status.MET, 2),
            tuple("meeting-within-48-hours", "UA", Status.MET, 3));
  }

  @Test
  void afterAReplyTheRequestingStateMayStillAskForAMeeting() throws Exception {
    step("2022-02-11T10:00:00Z", "UA", "vd-explanation-request", REQUEST)
        .step("2022-02-12T09:00:00Z", "BY", "vd-explanation-reply",
            "{'request': 'UA-2022-1', 'reply': 'Not ours to answer.'}")
        .step("2022-02-12T10:00:00Z", "RU", "vd-explanation-reply", "{'request': 'UA-2022-1',"
            + " 'reply': 'No military activity to be notified under the Vienna Document.'}")
        .step("2022-02-12T11:00:00Z", "UA", "vd-meeting-request",
            "{'request': 'UA-2022-1', 'scope': 'bilateral'}");
    Replay.Result r = run("2022-02-14T12:00:00Z");
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal)
        .containsExactly(tuple(1, Refusal.Kind.WRONG_ROLE));
    assertThat(r.obligations()).extracting(Replay.Owed::type, Replay.Owed::status)
        .containsExactly(tuple("reply-within-48-hours", Status.MET),
            tuple("meeting-within-48-hours", Status.MISSING));
  }

  /**
   * The number of participating States is the agreement's parties list: a definition with 57
   * extends the bundled one, and the roles and deadlines are the same. Only the State asked owes
   * the reply, only the requesting State the meeting request.
   */
  @Test
  void theRolesAndDeadlinesAreTheSameForAnyNumberOfStates() throws Exception {
    String parties = IntStream.range(0, 57).mapToObj(i -> i == 0 ? "UA" : i == 1 ? "RU"
        : "S" + i).map(id -> "  - {id: " + id + ", role: party}").collect(Collectors.joining(
            "\n"));
    Agreement osce = AgreementCatalog.loader().load("osce-57.yaml", new StringReader(
        "extends: " + ID + "\nid: osce-57\nparties:\n" + parties + "\n"));
    assertThat(osce.boundParties()).hasSize(57);
    step("2022-02-11T10:00:00Z", "UA", "vd-explanation-request", REQUEST);
    for (Agreement a : List.of(AgreementCatalog.get(ID), osce)) {
      assertThat(run(a, "2022-02-14T00:00:00Z").obligations()).as(a.id())
          .extracting(Replay.Owed::type, Replay.Owed::party).containsExactly(
              tuple("reply-within-48-hours", "RU"), tuple("meeting-request", "UA"));
    }
  }

  @Test
  void itIsDataOnly() throws Exception {
    Agreement a = AgreementCatalog.get(ID);
    assertThat(Evaluator.of(a).regimes()).extracting(r -> r.getClass().getSimpleName())
        .containsExactly("LifecycleRegime", "ProtocolRegime");
    assertThat(a.boundParties()).extracting(p -> p.id())
        .containsExactly("US", "RU", "UA", "BY", "DE", "FR", "PL");
  }
}
