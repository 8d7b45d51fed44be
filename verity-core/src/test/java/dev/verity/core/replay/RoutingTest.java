package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.talks.TalksView;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message type folded by a regime whose rules are code and by a declared protocol (test
 * resource {@code routing-test.yaml}: a round announcement goes to the talks and to a protocol
 * that allows two a year). The step goes to both in routing order, and it is all or nothing: a
 * step one of them refuses is kept by neither.
 */
class RoutingTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Agreement agreement() throws Exception {
    try (var r = new InputStreamReader(RoutingTest.class.getResourceAsStream("routing-test.yaml"),
        StandardCharsets.UTF_8)) {
      return AgreementCatalog.loader().load("routing-test.yaml", r);
    }
  }

  static void round(List<Replay.Input> in, String at, String party, int number)
      throws Exception {
    in.add(new Replay.Input(in.size(), Instant.parse(at), party, "talks-round", JSON.readTree(
        "{\"number\": " + number + ", \"venue\": \"Abu Dhabi\", \"firstDay\": \"2026-02-04\","
            + " \"lastDay\": \"2026-02-05\", \"closed\": true}")));
  }

  @Test
  void aSharedTypeGoesToBothRegimesInRoutingOrder() throws Exception {
    Evaluator e = Evaluator.of(agreement());
    assertThat(e.routes("talks-round")).extracting(r -> r.id()).containsExactly("talks",
        "rounds");
    assertThat(e.routes("talks-round").get(1)).isInstanceOf(ProtocolRegime.class);
  }

  @Test
  void aStepOneRegimeRefusesIsKeptByNeither() throws Exception {
    List<Replay.Input> in = new ArrayList<>();
    round(in, "2026-01-10T10:00:00Z", "AE", 1);
    round(in, "2026-01-20T10:00:00Z", "AE", 1); // the talks refuse: round 1 exists
    round(in, "2026-02-01T10:00:00Z", "US", 2);
    round(in, "2026-03-01T10:00:00Z", "AE", 3); // the talks take it, the protocol's quota not
    round(in, "2026-03-02T10:00:00Z", "RU", 4); // the talks refuse: a Party announces nothing
    round(in, "2027-01-10T10:00:00Z", "US", 3); // a new year: round 3 again, now taken by both

    Replay.Result r = Replay.run(agreement(), in, null);
    assertThat(r.accepted()).containsExactly(0, 2, 5);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            tuple(1, Kind.SUBJECT, "talks/duplicate"),
            tuple(3, Kind.QUOTA, "rounds/two-a-year"),
            tuple(4, Kind.WRONG_ROLE, "talks/wrong-sender"));
    // the talks did not keep round 3 as the host announced it in March 2026 (the protocol
    // refused it), so the mediator's announcement of round 3 in 2027 is taken
    TalksView talks = (TalksView) r.state().get("talks");
    assertThat(talks.rounds()).extracting(x -> x.round().number(), x -> x.announcedBy())
        .containsExactly(tuple(1, "AE"), tuple(2, "US"), tuple(3, "US"));
    // and the protocol opened no subject for the steps the talks refused
    var rounds = (ProtocolRegime.View) r.state().get("rounds");
    assertThat(rounds.subjects()).extracting(ProtocolRegime.SubjectView::id)
        .containsExactly("AE#0", "US#0", "US#1");
    assertThat(rounds.quotasUsed()).containsEntry("two-a-year|2026", 2)
        .containsEntry("two-a-year|2027", 1);
  }

  @Test
  void aTypeItsRegimeDoesNotFoldIsAnError() throws Exception {
    String yaml = new String(RoutingTest.class.getResourceAsStream("routing-test.yaml")
        .readAllBytes(), StandardCharsets.UTF_8).replace("protocols:",
            "  - {id: talks-meeting, regime: talks}\nprotocols:");
    Agreement a = AgreementCatalog.loader().load("r.yaml", new StringReader(yaml));
    assertThatThrownBy(() -> Evaluator.of(a)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("routing-test: messages [talks-meeting]: regime talks folds no"
            + " such type (it folds [talks-action-item, ");
  }

  @Test
  void anUnknownRegimeIsALoadError() throws Exception {
    String yaml = new String(RoutingTest.class.getResourceAsStream("routing-test.yaml")
        .readAllBytes(), StandardCharsets.UTF_8).replace("regime: talks", "regime: hotline");
    assertThatThrownBy(() -> AgreementCatalog.loader().load("r.yaml", new StringReader(yaml)))
        .hasMessage("r.yaml: messages[0].regime: unknown regime 'hotline' (one of"
            + " [ceasefire-register, talks, exchange, exchange-tally, exchange-bodies])");
  }
}
