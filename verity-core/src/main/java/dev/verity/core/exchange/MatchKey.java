package dev.verity.core.exchange;

import java.nio.charset.StandardCharsets;

/**
 * What two lists compare: the folded surname ({@link NameFolding#foldSurname}), the folded
 * first of the first names (mapped through the Russian-Ukrainian given-name table), and the
 * date of birth, as
 * {@code surname|given|yyyy-mm-dd}. The service number is left out because the two sides record
 * it differently or not at all (civilians); it is still inside the commitment.
 *
 * <p>Personal data (a fold still reads as the name): it never leaves the owning node except
 * hashed onto the curve and blinded ({@link BlindingKey}). {@link #toString()} hides it.
 */
public record MatchKey(String value) {
  /** The key of {@code p}. */
  public static MatchKey of(PersonRecord p) {
    String given = p.firstNames().split(" ")[0];
    return new MatchKey(NameFolding.foldSurname(p.surname()) + "|"
        + GivenNames.bundled().canonical(NameFolding.fold(given)) + "|" + p.dateOfBirth());
  }

  byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "MatchKey[personal data]";
  }
}
