package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.exchange.TallyFinding.Break;
import dev.verity.core.exchange.TallyFinding.Gap;
import dev.verity.core.regime.Outcome;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UAE's figures (domain notes C4) under total(n) = total(n−1) + count(n). */
class MediatorTallyTest {

  @Test
  void publishedFiguresFrom2184To4955AddUpExceptTheUnannouncedEleventh() {
    MediatorTally uae = PublishedTallies.uae();
    List<Mediation> m = uae.mediations();
    assertThat(m.get(0).cumulative()).isEqualTo(2_184);
    assertThat(m.get(0).when()).isEqualTo("2024-10-18");
    assertThat(m.get(m.size() - 1).cumulative()).isEqualTo(4_955);
    assertThat(m.get(m.size() - 1).when()).isEqualTo("2026-02-05");
    assertThat(m).allMatch(x -> !x.source().isBlank());
    assertThat(uae.findings()).hasSize(1);
    Gap gap = (Gap) uae.findings().get(0);
    assertThat(gap.number()).isEqualTo(12);
    assertThat(gap.implied()).isEqualTo(99);
    assertThat(gap.words()).isEqualTo("UAE mediation 11 not announced: totals 2484 (mediation 10)"
        + " and 2883 less 300 (mediation 12) imply 99 persons exchanged in between (derived)");
  }

  @Test
  void aPlantedBreakIsNamedAndItsLikelyCauseToo() {
    MediatorTally t = MediatorTally.empty("UAE");
    for (Mediation x : PublishedTallies.uae().mediations()) {
      Mediation m = x.number() == 15 ? new Mediation(15, x.when(), x.exchanged(), 4_191,
          x.status(), x.source()) : x;
      t = ((Outcome.Next<MediatorTally>) t.apply(m)).state();
    }
    List<TallyFinding> breaks = t.findings().stream().filter(f -> f instanceof Break).toList();
    assertThat(breaks).hasSize(2);
    Break first = (Break) breaks.get(0);
    assertThat(first.number()).isEqualTo(15);
    assertThat(first.expected()).isEqualTo(4_181);
    assertThat(first.suspect()).isTrue();
    assertThat(first.words()).isEqualTo("UAE mediation 15 (2025-05-06): 3771 + 410 = 4181, but"
        + " the total given is 4191 (10 more); the next total adds up from 4181, so this"
        + " published total is the likely error");
    assertThat(((Break) breaks.get(1)).number()).isEqualTo(16);
    assertThat(((Break) breaks.get(1)).suspect()).isFalse();
  }

  @Test
  void aNumberOutOfOrderIsRefused() {
    MediatorTally t = PublishedTallies.uae();
    Outcome<MediatorTally> o = t.apply(new Mediation(18, "2026-03-01", 10, 4_965,
        Mediation.Status.CONFIRMED, "test"));
    assertThat(((Outcome.Refused<MediatorTally>) o).refusal().rule())
        .isEqualTo(Rule.OUT_OF_SEQUENCE.id(TallyRegime.ID));
    assertThat(t.mediations()).hasSize(PublishedTallies.uae().mediations().size());
  }

  @Test
  void badRowsNameLineAndColumn() {
    String csv = "mediation,when,exchanged,cumulative,status,source\n"
        + "1,2024-01-03,230,230,confirmed,a\n"
        + "2,January,ten,240,maybe,\n"
        + "2,2024-02-01,10,240,confirmed,b\n";
    assertThatThrownBy(() -> PublishedTallies.read("t.csv", "UAE", new StringReader(csv)))
        .isInstanceOf(ExchangeInputException.class)
        .hasMessageContaining("t.csv: line 3, when: 'January' is not a date (YYYY-MM-DD) or a"
            + " month (YYYY-MM)")
        .hasMessageContaining("t.csv: line 3, exchanged: 'ten' is not a whole number")
        .hasMessageContaining("t.csv: line 3, status: 'maybe' is not confirmed, unconfirmed or"
            + " derived")
        .hasMessageContaining("t.csv: line 3, source: empty")
        .hasMessageNotContaining("line 4");
    assertThatThrownBy(() -> PublishedTallies.read("t.csv", "UAE",
        new StringReader("mediation,when\n")))
        .hasMessageContaining("line 1, cumulative: column missing from the header");
  }
}
