package dev.verity.tlog.merkle;

/** Arithmetic on subtrees and tree sizes shared by proof generation and verification. */
final class Subtrees {
  private Subtrees() {}

  /** The largest power of two strictly less than {@code n} (n ≥ 2): RFC 9162 §2.1.1's k. */
  static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  static boolean isPowerOfTwo(long n) {
    return n > 0 && (n & (n - 1)) == 0;
  }

  /**
   * A valid subtree {@code [start, end)}: non-empty, and start a multiple of the smallest power
   * of two ≥ its size (draft-ietf-plants-merkle-tree-certs §4.1), so it is a node of some tree.
   */
  static void requireValid(long start, long end) throws ProofException {
    if (start < 0 || end <= start) {
      throw new ProofException(ProofException.Reason.OUT_OF_RANGE,
          "[" + start + ", " + end + ") is not a non-empty range");
    }
    long size = end - start;
    long ceilPow2 = isPowerOfTwo(size) ? size : Long.highestOneBit(size) << 1;
    if (start % ceilPow2 != 0) {
      throw new ProofException(ProofException.Reason.OUT_OF_RANGE, "[" + start + ", " + end
          + ") is not a subtree: start is not a multiple of " + ceilPow2);
    }
  }
}
