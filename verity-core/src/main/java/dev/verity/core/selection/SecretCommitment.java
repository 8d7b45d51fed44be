package dev.verity.core.selection;

import java.security.MessageDigest;

/**
 * Commitments to selection secrets: {@code SHA-256(str("verity/selection/commit/v1") ||
 * str(party) || str(inspection) || secret)} with a 32-byte secret (docs/formats/selection.md).
 * Binding the Party and the inspection makes a commitment useless for any other.
 */
public final class SecretCommitment {
  public static final String DOMAIN = "verity/selection/commit/v1";
  public static final int SECRET_BYTES = 32;

  private SecretCommitment() {}

  public static byte[] commit(String party, String inspection, byte[] secret) {
    if (secret == null || secret.length != SECRET_BYTES) {
      throw new IllegalArgumentException("a selection secret is " + SECRET_BYTES + " bytes");
    }
    return Sha256.of(Canonical.str(DOMAIN), Canonical.str(party), Canonical.str(inspection), secret);
  }

  /** Whether {@code secret} opens {@code commitment} (in constant time). */
  public static boolean opens(String party, String inspection, byte[] secret, byte[] commitment) {
    if (secret == null || secret.length != SECRET_BYTES || commitment == null) {
      return false;
    }
    return MessageDigest.isEqual(commit(party, inspection, secret), commitment);
  }
}
