package dev.verity.core.selection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** The byte encodings and the order the published procedures use (docs/formats/selection.md). */
public final class Canonical {
  private Canonical() {}

  /** Strings ordered by their UTF-8 bytes, compared as unsigned (the same as by code point). */
  public static final Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /** {@code uint32-be(length) || UTF-8 bytes}. */
  public static byte[] str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[4 + b.length];
    out[0] = (byte) (b.length >>> 24);
    out[1] = (byte) (b.length >>> 16);
    out[2] = (byte) (b.length >>> 8);
    out[3] = (byte) b.length;
    System.arraycopy(b, 0, out, 4, b.length);
    return out;
  }

  public static byte[] u64(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    return out;
  }

  public static byte[] u32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  public static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  /** Lower- or upper-case hex to bytes; null when not hex. */
  public static byte[] unhex(String s) {
    if (s == null || s.length() % 2 != 0) {
      return null;
    }
    try {
      return java.util.HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
