package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.replay.Replay;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.Sign;
import dev.verity.core.talks.TextRecord.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 2026 rounds through the offline evaluator ({@code verity agreement replay}) under the
 * bundled agreement {@code trilateral-talks-2026}: every step of the fixture is accepted, the
 * action items are owed as typed obligations, and a text is agreed only when all three
 * signatories signed the same hash.
 */
class TalksReplayTest {
  static final Instant AFTER = Instant.parse("2026-02-05T08:00:00Z");

  static Agreement agreement() throws Exception {
    return AgreementCatalog.get("trilateral-talks-2026");
  }

  static void add(List<Replay.Input> in, String who, Instant at, Action a) {
    var s = TalksMessages.step(new EntryRef(who, 0), at, a);
    in.add(new Replay.Input(in.size(), at, who, s.type(), s.fields().json()));
  }

  static TalksView view(Replay.Result r) {
    return (TalksView) r.state().get(TalksRegime.ID);
  }

  @Test
  void theRoundsOf2026AreFoldedAndTheActionItemsOwed() throws Exception {
    TalksFixture f = TalksFixture.load();
    Replay.Result r = Replay.run(agreement(), f.inputs(), Instant.parse("2026-02-10T00:00:00Z"));
    assertThat(r.refused()).isEmpty();
    assertThat(view(r).rounds()).extracting(x -> x.round().venue()).containsExactly(
        "Abu Dhabi, Emirates Palace", "Abu Dhabi", "Geneva, InterContinental");
    assertThat(r.obligations()).extracting(Replay.Owed::regime, Replay.Owed::type,
        Replay.Owed::subject, Replay.Owed::party, Replay.Owed::status).containsExactly(
            tuple("talks", "action-item", "definitions-ru", "RU", Status.LATE),
            tuple("talks", "action-item", "definitions-ua", "UA", Status.MET));
  }

  @Test
  void aTextIsAgreedOnlyWhenAllThreeSignedTheSameHash() throws Exception {
    TalksFixture f = TalksFixture.load();
    List<Replay.Input> in = new ArrayList<>(f.inputs().stream()
        .filter(x -> x.at().isBefore(AFTER)).toList());
    Talks before = f.regime().fold(f.steps().stream().filter(s -> s.at().isBefore(AFTER))
        .toList());
    TextRecord def = before.text("def-ceasefire").orElseThrow();
    String v2 = def.versions().get(1).hash();
    String v3 = def.versions().get(2).hash();
    Instant t = AFTER;
    for (String p : List.of("US", "RU", "UA")) {
      add(in, p, t = t.plus(Duration.ofMinutes(1)), new Initial("def-ceasefire", v2));
    }
    add(in, "US", t = t.plus(Duration.ofMinutes(1)), new Sign("def-ceasefire", v2));
    for (String p : List.of("US", "RU", "UA")) {
      add(in, p, t = t.plus(Duration.ofMinutes(1)), new Initial("def-ceasefire", v3));
    }
    add(in, "RU", t = t.plus(Duration.ofMinutes(1)), new Sign("def-ceasefire", v3));
    add(in, "UA", t = t.plus(Duration.ofMinutes(1)), new Sign("def-ceasefire", v2));
    int uninitialled = in.size() - 1;
    add(in, "UA", t = t.plus(Duration.ofMinutes(1)), new Sign("def-ceasefire", v3));
    Replay.Result twoOfThree = Replay.run(agreement(), in, null);
    // a signature on a wording not every signatory initialled last is refused
    assertThat(twoOfThree.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(tuple(uninitialled, Kind.GATE,
            "talks/not-initialled"));
    // RU and UA signed version 3, the US's signature is on version 2: not agreed, and named
    assertThat(text(twoOfThree).state()).isEqualTo(State.INITIALLED);
    assertThat(text(twoOfThree).divergences()).singleElement().satisfies(d -> {
      assertThat(d.of()).isEqualTo(TextRecord.Divergence.Of.SIGNATURES);
      assertThat(d.versions()).containsEntry("US", 2).containsEntry("RU", 3)
          .containsEntry("UA", 3);
    });
    assertThat(view(twoOfThree).glossary()).isEmpty();

    add(in, "US", t = t.plus(Duration.ofMinutes(1)), new Sign("def-ceasefire", v3));
    Replay.Result all = Replay.run(agreement(), in, null);
    assertThat(text(all).state()).isEqualTo(State.AGREED);
    assertThat(view(all).glossary()).containsOnlyKeys("ceasefire");
    assertThat(view(all).glossary().get("ceasefire").hash()).isEqualTo(v3);
    // a host signs nothing
    add(in, "UAE", t.plus(Duration.ofMinutes(1)), new Sign("def-ceasefire", v3));
    assertThat(Replay.run(agreement(), in, null).refused()).extracting(Replay.Refused::index,
        Replay.Refused::rule).contains(tuple(in.size() - 1, "talks/wrong-sender"));
  }

  private static TalksView.Text text(Replay.Result r) {
    return view(r).texts().stream().filter(x -> x.text().id().equals("def-ceasefire"))
        .findFirst().orElseThrow();
  }
}
