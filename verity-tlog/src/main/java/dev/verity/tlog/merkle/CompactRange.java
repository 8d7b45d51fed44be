package dev.verity.tlog.merkle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The compact range {@code [0, size)}: the roots of the perfect subtrees that make up a tree, one
 * per set bit of its size, largest first (transparency-dev/merkle docs/compact_ranges.md). It is
 * all an appender needs to keep in memory: appending a leaf merges equal-sized roots like a
 * binary counter, and each merge is a new stored node, reported to a {@link NodeSink}. The root
 * is the right-to-left fold of the range, so neither appending nor the root reads the tree.
 *
 * <p>Not thread-safe: one appender owns it.
 */
public final class CompactRange {
  /** Receives each complete subtree's hash once it becomes known. */
  @FunctionalInterface
  public interface NodeSink {
    void node(int level, long index, Hash hash);
  }

  private long size;
  private final List<Hash> roots; // roots.get(i) belongs to the i-th set bit of size, from the top

  private CompactRange(long size, List<Hash> roots) {
    this.size = size;
    this.roots = roots;
  }

  /** The empty range. */
  public static CompactRange empty() {
    return new CompactRange(0, new ArrayList<>());
  }

  /** The compact range of an existing tree of {@code size}, read from its stored hashes. */
  public static CompactRange of(HashReader reader, long size) throws IOException {
    List<Hash> roots = new ArrayList<>();
    long lo = 0;
    for (int level = 63; level >= 0; level--) {
      long bit = 1L << level;
      if ((size & bit) != 0) {
        roots.add(reader.nodeHash(level, lo >>> level));
        lo += bit;
      }
    }
    return new CompactRange(size, roots);
  }

  public long size() {
    return size;
  }

  /** The perfect-subtree roots, largest first. */
  public List<Hash> roots() {
    return Collections.unmodifiableList(roots);
  }

  /** Appends one leaf hash; reports the leaf and every node it completes to {@code sink}. */
  public void append(Hash leafHash, NodeSink sink) {
    long index = size;
    Hash h = leafHash;
    sink.node(0, index, h);
    int level = 0;
    while (((index >>> level) & 1) == 1) {
      h = MerkleHash.node(roots.remove(roots.size() - 1), h);
      level++;
      sink.node(level, index >>> level, h);
    }
    roots.add(h);
    size++;
  }

  /** MTH of the whole range — RFC 9162 §2.1.1, folded from the right. */
  public Hash root() {
    if (roots.isEmpty()) {
      return MerkleHash.EMPTY_ROOT;
    }
    Hash r = roots.get(roots.size() - 1);
    for (int i = roots.size() - 2; i >= 0; i--) {
      r = MerkleHash.node(roots.get(i), r);
    }
    return r;
  }

  /** An independent copy, for computing what-if roots without disturbing this range. */
  public CompactRange copy() {
    return new CompactRange(size, new ArrayList<>(roots));
  }
}
