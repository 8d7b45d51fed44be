package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.talks.Action.AnnounceRound;
import dev.verity.core.talks.Action.AssignActionItem;
import dev.verity.core.talks.Action.CompleteActionItem;
import dev.verity.core.talks.Action.HoldSession;
import dev.verity.core.talks.Action.OpenTrack;
import dev.verity.core.talks.Action.RecordOutput;
import dev.verity.core.talks.Action.SetRoster;
import dev.verity.core.talks.Refusal.Reason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the talks refuse in rounds, rosters, tracks, sessions, outputs and action items. */
class RoundStepsTest {
  static final Instant T = Instant.parse("2026-02-18T20:00:00Z");

  Talks fixture() throws Exception {
    TalksFixture f = TalksFixture.load();
    return f.regime().fold(f.steps());
  }

  Reason refusal(String who, Action a) throws Exception {
    TalksFixture f = TalksFixture.load();
    Talks t = fixture();
    Outcome o = f.regime().apply(t, new Step(who, T, a));
    assertThat(o.talks()).isSameAs(t);
    return o.refusal() == null ? null : o.refusal().reason();
  }

  @Test
  void refusals() throws Exception {
    Round four = new Round(4, "Abu Dhabi", "AE", LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 2), true);
    assertThat(refusal("RU", new AnnounceRound(four))).isEqualTo(Reason.WRONG_SENDER);
    assertThat(refusal("US", new AnnounceRound(new Round(3, "Geneva", "CH",
        LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18), true))))
        .isEqualTo(Reason.DUPLICATE);
    assertThat(refusal("US", new AnnounceRound(new Round(4, "Abu Dhabi", "RU",
        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), true)))).isEqualTo(Reason.MALFORMED);
    assertThat(refusal("AE", new SetRoster(new DelegationRoster("x", List.of()))))
        .isEqualTo(Reason.WRONG_SENDER);
    assertThat(refusal("US", new OpenTrack(9, new Track("x", "X"))))
        .isEqualTo(Reason.UNKNOWN_ROUND);
    assertThat(refusal("US", new OpenTrack(3, new Track("military", "Military"))))
        .isEqualTo(Reason.DUPLICATE);
    Session quartet = new Session("s", 3, Session.Kind.PLENARY, null,
        List.of("US", "RU", "UA", "AE"), T.minusSeconds(7200), T.minusSeconds(3600));
    assertThat(refusal("US", new HoldSession(quartet))).isEqualTo(Reason.MALFORMED);
    Session future = new Session("s", 3, Session.Kind.PLENARY, null, List.of("US", "RU"),
        T.minusSeconds(60), T.plusSeconds(3600));
    assertThat(refusal("US", new HoldSession(future))).isEqualTo(Reason.MALFORMED);
    Session absent = new Session("s", 3, Session.Kind.PLENARY, null, List.of("US", "RU"),
        T.minusSeconds(7200), T.minusSeconds(3600));
    assertThat(refusal("UA", new HoldSession(absent))).isEqualTo(Reason.WRONG_SENDER);
    assertThat(refusal("US", new RecordOutput(new RoundOutput(3, RoundOutput.Kind.EXCHANGE,
        null, null, "314")))).isEqualTo(Reason.MALFORMED);
    assertThat(refusal("US", new AssignActionItem(new ActionItem("a", 3, "RU", "x",
        T.minusSeconds(1))))).isEqualTo(Reason.MALFORMED);
    assertThat(refusal("UA", new CompleteActionItem("definitions-ru", null)))
        .isEqualTo(Reason.WRONG_SENDER);
    assertThat(refusal("RU", new CompleteActionItem("definitions-ru", null)))
        .isEqualTo(Reason.DUPLICATE);
    assertThat(refusal("XX", new CompleteActionItem("definitions-ru", null)))
        .isEqualTo(Reason.UNKNOWN_PARTICIPANT);
  }
}
