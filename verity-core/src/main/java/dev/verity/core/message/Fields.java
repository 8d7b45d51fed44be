package dev.verity.core.message;

/**
 * Bounds on what a message's fields carry, for the regimes that check their own records (ids,
 * free text, SHA-256 hashes in hex). Every size a Party can send is bounded.
 */
public final class Fields {
  /** The longest id (of a claim, a text, a session, ...). */
  public static final int MAX_ID = 128;

  private Fields() {}

  /** An id: not blank, at most {@link #MAX_ID} characters. */
  public static boolean id(String s) {
    return s != null && !s.isBlank() && s.length() <= MAX_ID;
  }

  /** Optional free text of at most {@code max} characters. */
  public static boolean text(String s, int max) {
    return s == null || s.length() <= max;
  }

  /** A SHA-256 hash in hex: 64 hex digits. */
  public static boolean sha256(String s) {
    return s != null && s.length() == 64 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
