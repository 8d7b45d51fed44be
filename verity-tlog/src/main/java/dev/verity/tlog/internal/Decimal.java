package dev.verity.tlog.internal;

/**
 * Strict ASCII decimals for tree sizes and indexes: digits only, no sign, no leading zeros
 * (unless the value is 0), at most 2^63-1 (C2SP tlog-checkpoint, tlog-witness, tlog-proof).
 */
public final class Decimal {
  private Decimal() {}

  /** The value of {@code s}, or -1 when it is not a strict non-negative decimal. */
  public static long parseOrMinusOne(String s) {
    if (s == null || s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
