package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 1989 Agreement on Reciprocal Advance Notification of Major Strategic Exercises, which is
 * data only (major-strategic-exercises-1989.yaml), checked offline through the evaluator: Art. I
 * and II.2, "no less than 14 days in advance" of the date (UTC) the exercise begins, and one
 * exercise a calendar year.
 */
class MajorStrategicExercisesTest {
  static final String ID = "major-strategic-exercises-1989";
  static final ObjectMapper JSON = new ObjectMapper();

  final List<Replay.Input> steps = new ArrayList<>();

  MajorStrategicExercisesTest notify(String at, String party, String start) throws Exception {
    steps.add(new Replay.Input(steps.size(), Instant.parse(at), party, "major-strategic-exercise",
        JSON.readTree(start == null ? "{}" : "{\"exerciseStart\": \"" + start + "\"}")));
    return this;
  }

  Replay.Result run() throws Exception {
    return Replay.run(AgreementCatalog.get(ID), steps, null);
  }

  @Test
  void aNotification13DaysBeforeTheStartIsLateAnd14DaysBeforeIsOnTime() throws Exception {
    Replay.Result r = notify("2020-10-01T23:59:59Z", "US", "2020-10-15")
        .notify("2020-10-02T00:00:01Z", "RU", "2020-10-15").run();
    assertThat(r.accepted()).containsExactly(0, 1);
    assertThat(r.obligations()).extracting(Replay.Owed::regime, Replay.Owed::type,
        Replay.Owed::party, Replay.Owed::due, Replay.Owed::status, Replay.Owed::metBy)
        .containsExactlyInAnyOrder(
            tuple("exercise-notification", "fourteen-days-ahead", "US",
                Instant.parse("2020-10-02T00:00:00Z"), Status.MET, 0),
            tuple("exercise-notification", "fourteen-days-ahead", "RU",
                Instant.parse("2020-10-02T00:00:00Z"), Status.LATE, 1));
  }

  @Test
  void oneExerciseACalendarYearIsNotified() throws Exception {
    Replay.Result r = notify("2020-03-01T09:00:00Z", "US", "2020-04-01")
        .notify("2020-08-01T09:00:00Z", "US", "2020-10-15")
        .notify("2020-08-01T09:00:00Z", "RU", "2020-10-15")
        .notify("2020-12-10T09:00:00Z", "US", "2021-01-05")
        .run();
    assertThat(r.accepted()).containsExactly(0, 2, 3);
    assertThat(r.refused()).singleElement().satisfies(x -> {
      assertThat(x.index()).isEqualTo(1);
      assertThat(x.refusal()).isEqualTo(Kind.QUOTA);
      assertThat(x.rule()).isEqualTo("exercise-notification/one-a-year");
      assertThat(x.reason()).isEqualTo("quota one-a-year allows 1 per calendar-year, used by US"
          + " in 2020");
    });
    // the refused notification owes nothing and met nothing
    assertThat(r.obligations()).extracting(Replay.Owed::metBy).containsExactlyInAnyOrder(0, 2, 3);
  }

  @Test
  void nothingIsNotifiedBeforeEntryIntoForceOrWithoutTheStartDate() throws Exception {
    Replay.Result r = notify("1989-12-01T09:00:00Z", "US", "1990-02-01")
        .notify("1990-01-02T09:00:00Z", "US", null)
        .notify("1990-01-02T09:00:00Z", "US", "2 February").run();
    assertThat(r.refused()).extracting(Replay.Refused::refusal, Replay.Refused::rule,
        Replay.Refused::reason).containsExactly(
            tuple(Kind.NOT_ALLOWED, "exercise-notification/in-force", ID
                + " is not in force on 1989-12-01 (from 1990-01-01)"),
            tuple(Kind.MALFORMED, "schema", "fields.exerciseStart: required: a date such as"
                + " 2020-10-15"),
            tuple(Kind.MALFORMED, "schema", "fields.exerciseStart: expected a date such as"
                + " 2020-10-15"));
  }

  @Test
  void itIsDataOnly() throws Exception {
    Agreement a = AgreementCatalog.get(ID);
    assertThat(Evaluator.of(a).regimes()).extracting(r -> r.getClass().getSimpleName())
        .containsExactly("LifecycleRegime", "ProtocolRegime");
    assertThat(a.itemKinds()).isEmpty();
    assertThat(a.parties()).extracting(p -> p.id()).containsExactly("US", "RU");
  }
}
