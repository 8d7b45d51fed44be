package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.talks.Action.CompleteActionItem;
import dev.verity.core.talks.Action.OpenTrack;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the talks refuse in rounds, rosters, tracks, sessions, outputs and action items. */
class RoundStepsTest {
  static final Instant T = Instant.parse("2026-02-18T20:00:00Z");

  Talks fixture() throws Exception {
    TalksFixture f = TalksFixture.load();
    return f.regime().fold(f.steps());
  }

  Rule refusal(String who, Action a) throws Exception {
    TalksFixture f = TalksFixture.load();
    Talks t = fixture();
    Outcome<Talks> o = f.regime().apply(t, TalksMessages.step(new EntryRef(who, 99), T, a));
    if (!(o instanceof Outcome.Refused<Talks> r)) {
      return null;
    }
    return Arrays.stream(Rule.values()).filter(x -> x.id().equals(r.refusal().rule()))
        .findFirst().orElseThrow();
  }

  @Test
  void refusals() throws Exception {
    Round four = new Round(4, "Abu Dhabi", "UAE", LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 2), true);
    assertThat(refusal("RU", four)).isEqualTo(Rule.WRONG_SENDER);
    assertThat(refusal("US", new Round(3, "Geneva", "CH",
        LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18), true)))
        .isEqualTo(Rule.DUPLICATE);
    assertThat(refusal("US", new Round(4, "Abu Dhabi", "RU",
        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), true))).isEqualTo(Rule.MALFORMED);
    assertThat(refusal("UAE", new DelegationRoster("x", List.of())))
        .isEqualTo(Rule.WRONG_SENDER);
    assertThat(refusal("US", new OpenTrack(9, new Track("x", "X"))))
        .isEqualTo(Rule.UNKNOWN_ROUND);
    assertThat(refusal("US", new OpenTrack(3, new Track("military", "Military"))))
        .isEqualTo(Rule.DUPLICATE);
    Session quartet = new Session("s", 3, Session.Kind.PLENARY, null,
        List.of("US", "RU", "UA", "UAE"), T.minusSeconds(7200), T.minusSeconds(3600));
    assertThat(refusal("US", quartet)).isEqualTo(Rule.MALFORMED);
    Session future = new Session("s", 3, Session.Kind.PLENARY, null, List.of("US", "RU"),
        T.minusSeconds(60), T.plusSeconds(3600));
    assertThat(refusal("US", future)).isEqualTo(Rule.MALFORMED);
    Session absent = new Session("s", 3, Session.Kind.PLENARY, null, List.of("US", "RU"),
        T.minusSeconds(7200), T.minusSeconds(3600));
    assertThat(refusal("UA", absent)).isEqualTo(Rule.WRONG_SENDER);
    assertThat(refusal("US", new RoundOutput(3, RoundOutput.Kind.EXCHANGE,
        null, null, "314"))).isEqualTo(Rule.MALFORMED);
    assertThat(refusal("US", new ActionItem("a", 3, "RU", "x",
        T.minusSeconds(1)))).isEqualTo(Rule.MALFORMED);
    assertThat(refusal("UA", new CompleteActionItem("definitions-ru", null)))
        .isEqualTo(Rule.WRONG_SENDER);
    assertThat(refusal("RU", new CompleteActionItem("definitions-ru", null)))
        .isEqualTo(Rule.DUPLICATE);
    assertThat(refusal("XX", new CompleteActionItem("definitions-ru", null)))
        .isEqualTo(Rule.UNKNOWN_PARTICIPANT);
  }
}
