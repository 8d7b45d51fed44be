package dev.verity.tlog.internal;

import java.util.Base64;

/**
 * Standard base64 (RFC 4648 §4) as Go's {@code base64.StdEncoding} reads it: padding required,
 * only the standard alphabet, no whitespace. Like Go (and unlike {@code .Strict()}), non-zero
 * trailing bits are accepted: the torchwood witness scenario relies on a signature that differs
 * only there being reported as an invalid signature rather than a malformed note.
 */
public final class StdBase64 {
  private StdBase64() {}

  /** Decodes {@code s}, or returns null when it is not padded standard base64. */
  public static byte[] decodeOrNull(String s) {
    if (s == null || s.length() % 4 != 0) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return null;
      }
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Encodes with padding. */
  public static String encode(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
