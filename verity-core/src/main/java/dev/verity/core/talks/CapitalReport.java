package dev.verity.core.talks;

import dev.verity.core.selection.Canonical;
import dev.verity.core.selection.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A delegation's report to its capital, on its own side only: "after each stage we report to the
 * President" [b15]. The content never leaves the delegation's node; the shared log carries only
 * {@link #anchor()} (a hash commitment, in a {@code AnchorCapitalReport} step), so the time of the
 * report is provable and its content can be shown later by whoever holds it. The hash is
 * {@code SHA-256(str("verity/talks/capital-report/v1") || str(party) || u32(round) || salt ||
 * str(content))} with a fresh 32-byte salt, so a short content ("no progress") cannot be guessed
 * from the hash.
 */
public final class CapitalReport {
  public static final int SALT_BYTES = 32;
  static final String DOMAIN = "verity/talks/capital-report/v1";

  private final String party;
  private final int round;
  private final String content;
  private final byte[] salt;

  private CapitalReport(String party, int round, String content, byte[] salt) {
    this.party = party;
    this.round = round;
    this.content = content;
    this.salt = salt.clone();
  }

  /** A report with a fresh salt. */
  public static CapitalReport of(String party, int round, String content, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new CapitalReport(party, round, content, salt);
  }

  /** A report whose salt is known (to check an anchor later). */
  public static CapitalReport opened(String party, int round, String content, byte[] salt) {
    if (salt == null || salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("a capital report's salt is " + SALT_BYTES + " bytes");
    }
    return new CapitalReport(party, round, content, salt);
  }

  /** The hash (hex) that goes on the shared log. */
  public String anchor() {
    return Canonical.hex(Sha256.of(Canonical.str(DOMAIN), Canonical.str(party),
        Canonical.u32(round), salt, Canonical.str(content)));
  }

  /** Whether this report is the one {@code anchor} was made of (in constant time). */
  public boolean opens(String anchor) {
    byte[] a = Canonical.unhex(anchor);
    return a != null && MessageDigest.isEqual(a, Canonical.unhex(anchor()));
  }

  public String party() {
    return party;
  }

  public int round() {
    return round;
  }

  public String content() {
    return content;
  }

  public byte[] salt() {
    return salt.clone();
  }

  /** The content's size in UTF-8 bytes. */
  public int size() {
    return content.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public String toString() {
    return "CapitalReport[" + party + ", round " + round + ", " + size() + " bytes, private]";
  }
}
