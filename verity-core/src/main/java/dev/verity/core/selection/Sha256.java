package dev.verity.core.selection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over concatenated parts (selection commitments, ceasefire terms, talks texts). */
public final class Sha256 {
  private Sha256() {}

  public static byte[] of(byte[]... parts) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }
}
