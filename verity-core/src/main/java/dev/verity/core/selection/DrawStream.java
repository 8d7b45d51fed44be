package dev.verity.core.selection;

import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic stream of the selection procedure: block {@code i} is {@code SHA-256(seed ||
 * uint64-be(i))}, consumed 8 bytes at a time as unsigned big-endian 64-bit numbers; {@link
 * #below(int)} samples uniformly by rejection (no modulo bias).
 */
public final class DrawStream {
  private final byte[] seed;
  private long block;
  private byte[] buf = new byte[0];
  private int pos;

  public DrawStream(byte[] seed) {
    this.seed = seed.clone();
  }

  /** The next unsigned 64-bit number (as a Java long, bit for bit). */
  public long nextU64() {
    if (pos + 8 > buf.length) {
      buf = Sha256.of(seed, Canonical.u64(block++));
      pos = 0;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  /**
   * A number uniform in {@code [0, n)}: with {@code r = 2^64 mod n}, draw {@code u} until {@code u
   * < 2^64 - r}, then return {@code u mod n}.
   */
  public int below(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive");
    }
    long r = Long.remainderUnsigned(-n, n); // (2^64 - n) mod n == 2^64 mod n
    while (true) {
      long u = nextU64();
      if (r == 0 || Long.compareUnsigned(u, -r) < 0) {
        return (int) Long.remainderUnsigned(u, n);
      }
    }
  }

  /** {@code k} distinct elements of {@code sorted} by a partial Fisher-Yates shuffle, in the order drawn. */
  public <T> List<T> sample(List<T> sorted, int k) {
    List<T> a = new ArrayList<>(sorted);
    int m = Math.min(k, a.size());
    for (int i = 0; i < m; i++) {
      int j = i + below(a.size() - i);
      T t = a.get(i);
      a.set(i, a.get(j));
      a.set(j, t);
    }
    return List.copyOf(a.subList(0, m));
  }
}
