package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A person on an exchange list: the identity GC III Art. 17 obliges a prisoner of war to give —
 * surname, first names, date of birth and army, regimental, personal or serial number — and no
 * more (rank is left out: it changes, and Art. 17 data without it tells people apart). Civilians
 * have no service number. Fields are kept as written (Unicode NFC, whitespace collapsed); the
 * match key ({@link MatchKey}) is derived from them.
 *
 * <p>Personal data: {@link #toString()} names no field, so a record logged by mistake shows
 * nothing.
 */
public record PersonRecord(
    String surname, String firstNames, LocalDate dateOfBirth, String serviceNumber) {
  /** Longest surname or first names, in characters. */
  public static final int MAX_NAME = 100;
  /** Longest service number, in characters. */
  public static final int MAX_SERVICE_NUMBER = 40;
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
  static final LocalDate LATEST_BIRTH = LocalDate.of(2100, 12, 31);

  public PersonRecord {
    surname = require("surname", surname);
    firstNames = require("first names", firstNames);
    Objects.requireNonNull(dateOfBirth, "date of birth");
    dateProblem(dateOfBirth).ifPresent(p -> {
      throw new IllegalArgumentException("date of birth: " + p);
    });
    serviceNumber = serviceNumber == null || serviceNumber.isBlank() ? null
        : require("service number", serviceNumber);
  }

  private static String require(String field, String value) {
    Optional<String> p = fieldProblem(field, value);
    if (p.isPresent()) {
      throw new IllegalArgumentException(field + ": " + p.get());
    }
    return clean(value);
  }

  /** The value as kept: NFC, runs of whitespace as one space, trimmed. */
  static String clean(String value) {
    String v = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    StringBuilder out = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean space = Character.isWhitespace(c);
      if (!space || !Character.isWhitespace(v.charAt(i - 1))) {
        out.append(space ? ' ' : c);
      }
    }
    return out.toString();
  }

  /**
   * What is wrong with {@code value} as the field named {@code field} ("surname", "first names"
   * or "service number"), in words, or empty when it is acceptable.
   */
  public static Optional<String> fieldProblem(String field, String value) {
    if (value == null || value.isBlank()) {
      return Optional.of("empty");
    }
    String v = clean(value);
    boolean name = !field.equals("service number");
    int max = name ? MAX_NAME : MAX_SERVICE_NUMBER;
    if (v.length() > max) {
      return Optional.of(v.length() + " characters, at most " + max + " allowed");
    }
    if (v.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("contains a control character");
    }
    if (name && NameFolding.fold(v).isEmpty()) {
      return Optional.of("has no Cyrillic or Latin letter");
    }
    return Optional.empty();
  }

  /** What is wrong with {@code d} as a date of birth, or empty. */
  public static Optional<String> dateProblem(LocalDate d) {
    if (d.isBefore(EARLIEST_BIRTH) || d.isAfter(LATEST_BIRTH)) {
      return Optional.of(d + " is outside " + EARLIEST_BIRTH + " to " + LATEST_BIRTH);
    }
    return Optional.empty();
  }

  /**
   * The salted commitment to this person as listed in {@code category} (docs/formats/exchange.md:
   * SHA-256 over a domain, the 32-byte salt and the canonical record).
   */
  public Hash commitment(String category, byte[] salt) {
    return Commitments.commitment(category, this, salt);
  }

  @Override
  public String toString() {
    return "PersonRecord[personal data]";
  }
}
