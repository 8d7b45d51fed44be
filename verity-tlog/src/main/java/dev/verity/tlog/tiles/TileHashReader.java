package dev.verity.tlog.tiles;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.HashReader;
import dev.verity.tlog.merkle.MerkleHash;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link HashReader} over the hash tiles of a tree of a fixed size, so that
 * {@link dev.verity.tlog.merkle.TreeProofs} builds roots and proofs from tiles.
 *
 * <p>Tiles store only every eighth Merkle level (C2SP tlog-tiles: a level-L tile holds the nodes
 * at level 8·L). A node at level 8·L + r, 0 ≤ r < 8, is the root of 2^r consecutive hashes of
 * one level-L tile (2^r divides 256, so they never straddle two tiles); it is computed by
 * hashing that tile's hashes pairwise r times. Each tile's computed nodes are kept, in a small
 * LRU cache of tiles, so a proof reads each tile once and hashes each tile node at most once.
 * Each tile is read at the width it has in the tree of {@code treeSize} leaves, which must be
 * stored; nodes are immutable, so a proof for any smaller tree can be built from the same tiles.
 *
 * <p>Thread-safe.
 */
public final class TileHashReader implements HashReader {
  private static final int CACHED_TILES = 64;

  private final TileSource source;
  private final long treeSize;
  private final Map<TileId, TileNodes> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, TileNodes> eldest) {
          return size() > CACHED_TILES;
        }
      };

  public TileHashReader(TileSource source, long treeSize) {
    this.source = Objects.requireNonNull(source, "source");
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must be >= 0, got " + treeSize);
    }
    this.treeSize = treeSize;
  }

  public long treeSize() {
    return treeSize;
  }

  @Override
  public synchronized Hash nodeHash(int level, long index) throws IOException {
    if (level < 0 || level > 63 || index < 0) {
      throw new IllegalArgumentException("no node at level " + level + ", index " + index);
    }
    int tileLevel = level / 8;
    int r = level % 8;
    long first = index << r; // the first level-8L node under this node
    long last = first + (1L << r) - 1;
    if ((first >>> r) != index || last >= TileId.nodesAtLevel(tileLevel, treeSize)) {
      throw new IllegalArgumentException("node " + level + "/" + index
          + " is not a complete subtree of the tree of size " + treeSize);
    }
    TileId id = TileId.forNode(tileLevel, last, treeSize);
    TileNodes nodes = cache.get(id);
    if (nodes == null) {
      nodes = new TileNodes(load(id));
      cache.put(id, nodes);
    }
    return nodes.node(r, (int) (first % TilePath.WIDTH) >>> r);
  }

  private List<Hash> load(TileId id) throws IOException {
    byte[] data = source.readTile(id);
    try {
      return HashTile.parse(data, id.width());
    } catch (TileFormatException e) {
      throw new IOException(id.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One tile's hashes (level 0 of the tile) and the nodes above them, each computed on first
   * use: a proof needs one sibling per level, so about half the tile is hashed, not all of it.
   */
  private static final class TileNodes {
    private final Hash[][] levels = new Hash[8][];

    TileNodes(List<Hash> hashes) {
      levels[0] = hashes.toArray(new Hash[0]);
      for (int r = 1; r < 8; r++) {
        levels[r] = new Hash[levels[r - 1].length / 2];
      }
    }

    Hash node(int r, int k) {
      Hash h = levels[r][k];
      if (h == null) {
        h = MerkleHash.node(node(r - 1, 2 * k), node(r - 1, 2 * k + 1));
        levels[r][k] = h;
      }
      return h;
    }
  }
}
