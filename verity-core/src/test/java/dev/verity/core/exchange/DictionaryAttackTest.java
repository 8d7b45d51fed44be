package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.tlog.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Domain notes C9: "the name space is small and the attacker holds candidate lists". Ukraine
 * publishes its held list of 157 Russians; an attacker holding a dictionary of 10,000 candidate
 * persons (the 157 among them, spelled the Russian way) tries every candidate against it.
 * Without Ukraine's blinding key nothing is found — not by hashing names, not with Russia's own
 * key, not with the doubly blinded values in the mediator's hands; with the key (the control),
 * all 157 are.
 */
class DictionaryAttackTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static List<PersonRecord> dictionary;
  private static BlindingKey ukraine;
  private static BlindingKey russia;
  private static ListCommitment published;

  @BeforeAll
  static void list() {
    List<Person> persons = SyntheticPersons.generate(10_000, 0, 13).persons();
    dictionary = persons.stream().map(p -> p.in(Spelling.RU_CYRILLIC)).toList();
    ukraine = BlindingKey.generate(RANDOM);
    russia = BlindingKey.generate(RANDOM);
    List<PersonRecord> held = persons.subList(5_000, 5_157).stream()
        .map(p -> p.in(Spelling.UA_LATIN_KMU_2010)).toList();
    published = PrivateList.build("x", "UA", ListKind.HELD, "military", held, ukraine, RANDOM)
        .commitment();
  }

  private static Set<Blinded> blindedValues() {
    Set<Blinded> out = new HashSet<>();
    published.entries().forEach(e -> out.add(e.blinded()));
    return out;
  }

  @Test
  void hashingCandidatesFindsNothing() throws Exception {
    Set<Hash> commitments = new HashSet<>();
    published.entries().forEach(e -> commitments.add(e.commitment()));
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Set<Blinded> values = blindedValues();
    int found = 0;
    for (PersonRecord p : dictionary) {
      byte[] canonical = Commitments.canonical("military", p);
      found += commitments.contains(Hash.of(sha.digest(canonical))) ? 1 : 0;
      found += commitments.contains(Commitments.commitment("military", p, new byte[32])) ? 1 : 0;
      byte[] point = HashToCurve.map("x".getBytes(StandardCharsets.UTF_8),
          MatchKey.of(p).value().getBytes(StandardCharsets.UTF_8));
      found += values.contains(Blinded.of(point)) ? 1 : 0;
    }
    assertThat(found).isZero();
  }

  @Test
  void theOtherPartysKeyFindsNothing() {
    Set<Blinded> values = blindedValues();
    List<Blinded> tried = russia.blindAll("x", dictionary.stream().map(MatchKey::of).toList());
    assertThat(tried.stream().filter(values::contains)).isEmpty();
    // what the mediator sees, k_UA·k_RU·H(x), against candidates Russia blinds: nothing either
    Set<Blinded> twice = new HashSet<>(russia.reblindAll(List.copyOf(values)));
    assertThat(tried.stream().filter(twice::contains)).isEmpty();
  }

  @Test
  void withTheOwnersKeyEveryListedPersonIsFound() {
    Set<Blinded> values = blindedValues();
    List<Blinded> tried = ukraine.blindAll("x", dictionary.stream().map(MatchKey::of).toList());
    assertThat(tried.stream().filter(values::contains)).hasSize(157);
  }
}
