package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.SyntheticPersons.Spelling;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A Party proves to the ICRC that a person was on its list: opening and inclusion proof. */
class OpeningTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final BlindingKey key = BlindingKey.generate(RANDOM);
  private final List<PersonRecord> persons = SyntheticPersons.generate(40, 1, 11).persons()
      .stream().map(p -> p.in(Spelling.UA_CYRILLIC)).toList();
  private final PrivateList list = PrivateList.build("x", "UA", ListKind.REQUESTED, "military",
      persons, key, RANDOM);

  @Test
  void everyEntryOpensAgainstThePublishedRoot() {
    ListCommitment published = list.commitment();
    assertThat(published.rootMatches()).isTrue();
    assertThat(published.count()).isEqualTo(40);
    for (int i = 0; i < published.count(); i++) {
      Opening o = list.open(i);
      assertThat(o.problem(published)).as("entry " + i).isEmpty();
      assertThat(o.blindedWith(key)).isTrue();
      assertThat(o.blindedWith(BlindingKey.generate(RANDOM))).isFalse();
    }
    assertThat(list.persons()).containsExactlyInAnyOrderElementsOf(persons);
  }

  @Test
  void entriesAreInCommitmentOrderNotListOrder() {
    List<ListEntry> e = list.commitment().entries();
    for (int i = 1; i < e.size(); i++) {
      assertThat(e.get(i - 1).commitment()).isLessThan(e.get(i).commitment());
    }
  }

  @Test
  void anAlteredOpeningFails() {
    Opening o = list.open(5);
    PersonRecord p = o.person();
    PersonRecord other = new PersonRecord(p.surname(), p.firstNames(),
        p.dateOfBirth().plusDays(1), p.serviceNumber());
    byte[] salt = o.salt();
    salt[0] ^= 1;
    ListCommitment published = list.commitment();
    assertThat(with(o, other, o.salt(), o.index()).problem(published)).get().asString()
        .contains("does not match entry 5");
    assertThat(with(o, p, salt, o.index()).problem(published)).isPresent();
    assertThat(with(o, p, o.salt(), 6).problem(published)).isPresent();
    assertThat(with(o, p, o.salt(), 40).problem(published)).get().asString()
        .contains("not an entry");
    ListCommitment another = PrivateList.build("x", "UA", ListKind.REQUESTED, "civilian",
        persons, key, RANDOM).commitment();
    assertThat(o.problem(another)).get().asString().contains("not for UA requested civilian");
  }

  @Test
  void aListCanBeRestoredFromItsPersonsAndSalts() {
    List<byte[]> salts = IntStream.range(0, 40).mapToObj(list::salt).toList();
    PrivateList again = PrivateList.restore("x", "UA", ListKind.REQUESTED, "military",
        list.persons(), salts, key);
    assertThat(again.commitment()).isEqualTo(list.commitment());
  }

  @Test
  void namesakesAreFoundNotRefused() {
    PersonRecord a = new PersonRecord("Мельник", "Іван", LocalDate.of(1990, 1, 1), "АБ-1");
    PersonRecord b = new PersonRecord("Melnyk", "Ivan Petrovych", LocalDate.of(1990, 1, 1), null);
    PrivateList l = PrivateList.build("x", "UA", ListKind.HELD, "military",
        List.of(a, persons.get(0), b), key, RANDOM);
    assertThat(l.namesakes()).hasSize(1);
    assertThat(l.namesakes().get(0)).hasSize(2);
  }

  private static Opening with(Opening o, PersonRecord p, byte[] salt, int index) {
    return new Opening(o.exchange(), o.party(), o.kind(), o.category(), p, salt, o.blinded(),
        index, o.size(), o.proof());
  }
}
