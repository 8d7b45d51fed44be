package dev.verity.tlog.note;

import dev.verity.tlog.internal.StdBase64;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a note, {@code — <name> <base64(keyID || signature)>}, kept exactly as
 * written so that unknown signatures (other algorithms, unknown keys) are carried unchanged.
 */
public record NoteSignature(String name, int keyId, String base64) {
  /** C2SP signed-note: em dash U+2014 then a space starts every signature line. */
  public static final String PREFIX = "\u2014 ";

  public NoteSignature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base64, "base64");
    if (!NoteKeys.isValidName(name)) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    byte[] raw = StdBase64.decodeOrNull(base64);
    if (raw == null || raw.length < 5) {
      throw new IllegalArgumentException("signature must be base64 of at least 5 bytes");
    }
    if (keyIdOf(raw) != keyId) {
      throw new IllegalArgumentException("key ID does not match the signature's first 4 bytes");
    }
  }

  /** A signature line from a key's name, key ID and signature bytes. */
  public static NoteSignature of(String name, int keyId, byte[] signature) {
    byte[] raw = new byte[4 + signature.length];
    raw[0] = (byte) (keyId >>> 24);
    raw[1] = (byte) (keyId >>> 16);
    raw[2] = (byte) (keyId >>> 8);
    raw[3] = (byte) keyId;
    System.arraycopy(signature, 0, raw, 4, signature.length);
    return new NoteSignature(name, keyId, StdBase64.encode(raw));
  }

  /** The signature bytes after the 4-byte key ID. */
  public byte[] signature() {
    byte[] raw = StdBase64.decodeOrNull(base64);
    return Arrays.copyOfRange(raw, 4, raw.length);
  }

  /** The line, with its final newline. */
  public String line() {
    return PREFIX + name + " " + base64 + "\n";
  }

  static int keyIdOf(byte[] raw) {
    return ((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8)
        | (raw[3] & 0xff);
  }
}
