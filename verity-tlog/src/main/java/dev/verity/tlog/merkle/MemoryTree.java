package dev.verity.tlog.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle tree (RFC 9162 §2.1.1) held entirely in memory. Appends go through a
 * {@link CompactRange}, which reports every complete subtree's root once as it forms; each is
 * kept in a list per level, so {@link #nodeHash} is a lookup and {@link TreeProofs} builds any
 * root or proof from it. For tests, small logs and tools; durable logs keep the same hashes in
 * tiles (every eighth level, C2SP tlog-tiles).
 */
public final class MemoryTree implements HashReader {
  private final List<List<Hash>> levels = new ArrayList<>();
  private final CompactRange range = CompactRange.empty();

  /** Appends an entry (hashed as a leaf) and returns its index. */
  public long append(byte[] entry) {
    return appendLeafHash(MerkleHash.leaf(entry));
  }

  /** Appends an already computed leaf hash and returns its index. */
  public long appendLeafHash(Hash leafHash) {
    long index = range.size();
    range.append(leafHash, this::store);
    return index;
  }

  private void store(int level, long index, Hash hash) {
    while (levels.size() <= level) {
      levels.add(new ArrayList<>());
    }
    List<Hash> row = levels.get(level);
    if (index != row.size()) {
      throw new IllegalStateException("node " + level + "/" + index + " out of order");
    }
    row.add(hash);
  }

  public long size() {
    return range.size();
  }

  public Hash root() {
    return range.root();
  }

  @Override
  public Hash nodeHash(int level, long index) {
    if (level >= levels.size() || index >= levels.get(level).size()) {
      throw new IllegalArgumentException("no complete subtree at " + level + "/" + index);
    }
    return levels.get(level).get((int) index);
  }
}
