package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.SyntheticPersons.PairRate;
import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fold measured on a generated corpus: every pair of spellings of 4,000 persons. The only
 * misses are persons whose surname a clerk replaced by a Russian word (Вовк as Волк), which no
 * transliteration can reconcile; {@code verity bench exchange} prints the same figures.
 */
class SyntheticPersonsTest {
  private static final List<String> LEXICAL =
      List.of("Олійник", "Вовк", "Чорновол", "Сірко", "Кіт", "Білоус");

  @Test
  void spellingsOfOnePersonShareTheKeyExceptReplacedSurnames() {
    List<Person> persons = SyntheticPersons.generate(4_000, 0.5, 7).persons();
    long replaced = persons.stream().filter(p -> p.ukrainian()
        && LEXICAL.stream().anyMatch(s -> p.in(Spelling.UA_CYRILLIC).surname().startsWith(s))
        && !MatchKey.of(p.in(Spelling.UA_CYRILLIC)).equals(MatchKey.of(p.in(Spelling.RU_CYRILLIC))))
        .count();
    assertThat(replaced).isPositive();
    for (PairRate r : SyntheticPersons.matchRates(persons)) {
      boolean acrossLanguages = r.a().name().startsWith("UA") != r.b().name().startsWith("UA");
      assertThat(r.matched()).as(r.a() + " ~ " + r.b())
          .isEqualTo(acrossLanguages ? persons.size() - (int) replaced : persons.size());
    }
  }

  @Test
  void theCorpusIsDeterministicAndItsPersonsDistinct() {
    SyntheticPersons.Corpus a = SyntheticPersons.generate(500, 0.5, 3);
    SyntheticPersons.Corpus b = SyntheticPersons.generate(500, 0.5, 3);
    assertThat(a.persons()).isEqualTo(b.persons());
    assertThat(a.persons().stream().map(p -> MatchKey.of(p.in(Spelling.RU_CYRILLIC))).distinct())
        .hasSize(500);
    assertThat(a.persons()).anyMatch(p -> !p.military()).anyMatch(p -> !p.ukrainian());
    assertThat(a.persons().get(0).in(Spelling.RU_LATIN_ICAO_9303).surname())
        .matches("[A-Z -]+");
  }
}
