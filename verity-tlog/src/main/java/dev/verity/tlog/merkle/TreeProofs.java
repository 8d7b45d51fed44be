package dev.verity.tlog.merkle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Roots and proofs of a tree whose complete subtrees are stored (in tiles, in memory, ...) and read
 * through a {@link HashReader}. Every hash of an incomplete subtree is derived from at most
 * log2(n) stored hashes, so a proof costs O(log² n) reads in the worst case and O(log n) in the
 * common case, whatever the tree's size.
 */
public final class TreeProofs {
  private TreeProofs() {}

  /** MTH(D[0:size]) — RFC 9162 §2.1.1. */
  public static Hash root(HashReader reader, long size) throws IOException {
    return size == 0 ? MerkleHash.EMPTY_ROOT : rangeHash(reader, 0, size);
  }

  /**
   * MTH(D[0:size]) computed through {@code nodes}, the consecutive hashes at Merkle {@code level}
   * from index {@code from} on, instead of the stored ones: every stored node that covers any of
   * them is recomputed from its children, every other one is read from {@code stored}. If the
   * result is a signed root, each of {@code nodes} is the tree's own (SHA-256 being collision
   * resistant): this checks an entry bundle's leaves or a hash tile against a checkpoint, reading
   * O(log size) stored hashes, where an inclusion proof per node would read O(n log size).
   *
   * @throws IllegalArgumentException if the nodes are not complete nodes of the tree of
   *     {@code size}
   */
  public static Hash rootThrough(HashReader stored, int level, long from, List<Hash> nodes,
      long size) throws IOException {
    long count = nodes.size();
    if (level < 0 || level > 62 || from < 0 || count == 0
        || from + count > size >>> level) {
      throw new IllegalArgumentException(count + " nodes at level " + level + " from " + from
          + " are not complete nodes of the tree of size " + size);
    }
    List<Hash> given = List.copyOf(nodes);
    HashReader overlay = new HashReader() {
      @Override
      public Hash nodeHash(int l, long i) throws IOException {
        if (l < level) {
          return stored.nodeHash(l, i);
        }
        int d = l - level;
        long lo = i << d;
        long hi = lo + (1L << d);
        if (hi <= from || lo >= from + count) {
          return stored.nodeHash(l, i);
        }
        if (d == 0) {
          return given.get((int) (lo - from));
        }
        return MerkleHash.node(nodeHash(l - 1, 2 * i), nodeHash(l - 1, 2 * i + 1));
      }
    };
    return root(overlay, size);
  }

  /** PATH(index, D[0:size]) — RFC 9162 §2.1.3.1. */
  public static InclusionProof inclusion(HashReader reader, long index, long size)
      throws IOException {
    Objects.checkIndex(index, size);
    List<Hash> path = new ArrayList<>();
    path(reader, index, 0, size, path);
    return new InclusionProof(index, size, path);
  }

  /** PROOF(oldSize, D[0:newSize]) — RFC 9162 §2.1.4.1; requires 0 < oldSize ≤ newSize. */
  public static ConsistencyProof consistency(HashReader reader, long oldSize, long newSize)
      throws IOException {
    if (oldSize <= 0 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "consistency proof needs 0 < old size ≤ new size, got " + oldSize + " and " + newSize);
    }
    List<Hash> path = new ArrayList<>();
    subproof(reader, oldSize, 0, newSize, true, path);
    return new ConsistencyProof(oldSize, newSize, path);
  }

  /**
   * The hash of leaves {@code [lo, lo+n)}, where lo is aligned to the largest power of two not
   * above n (true of every range the RFC's recursion visits): one stored read when n is a power
   * of two, otherwise split at k = the largest power of two below n.
   */
  static Hash rangeHash(HashReader reader, long lo, long n) throws IOException {
    if (Subtrees.isPowerOfTwo(n)) {
      int level = Long.numberOfTrailingZeros(n);
      return reader.nodeHash(level, lo >>> level);
    }
    long k = Subtrees.splitPoint(n);
    return MerkleHash.node(rangeHash(reader, lo, k), rangeHash(reader, lo + k, n - k));
  }

  private static void path(HashReader reader, long m, long lo, long n, List<Hash> out)
      throws IOException {
    if (n == 1) {
      return;
    }
    long k = Subtrees.splitPoint(n);
    if (m < k) {
      path(reader, m, lo, k, out);
      out.add(rangeHash(reader, lo + k, n - k));
    } else {
      path(reader, m - k, lo + k, n - k, out);
      out.add(rangeHash(reader, lo, k));
    }
  }

  private static void subproof(HashReader r, long m, long lo, long n, boolean b, List<Hash> out)
      throws IOException {
    if (m == n) {
      if (!b) {
        out.add(rangeHash(r, lo, n));
      }
      return;
    }
    long k = Subtrees.splitPoint(n);
    if (m <= k) {
      subproof(r, m, lo, k, b, out);
      out.add(rangeHash(r, lo + k, n - k));
    } else {
      subproof(r, m - k, lo + k, n - k, false, out);
      out.add(rangeHash(r, lo, k));
    }
  }
}
