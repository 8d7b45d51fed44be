package dev.verity.tlog.tiles;

/**
 * A hash tile: {@code tile/<L>/<N>[.p/<W>]}. C2SP tlog-tiles: a level-L tile holds the hashes of
 * the tree nodes at Merkle level 8·L, indices {@code N·256 .. N·256+W-1}, concatenated.
 */
public record TileId(int level, long index, int width) implements TilePath {
  /** The highest tile level a path may carry (C2SP tlog-tiles: L is between 0 and 63). */
  public static final int MAX_LEVEL = 63;

  public TileId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("tile level must be in [0, 63], got " + level);
    }
    TilePaths.checkIndexAndWidth(index, width);
  }

  /** The full tile at {@code level}, {@code index}. */
  public static TileId full(int level, long index) {
    return new TileId(level, index, WIDTH);
  }

  /**
   * The tile at {@code level} holding node {@code nodeIndex} (Merkle level 8·level), as it is in
   * the tree of {@code treeSize} leaves: full if that tree completes it, else partial.
   */
  public static TileId forNode(int level, long nodeIndex, long treeSize) {
    long nodes = nodesAtLevel(level, treeSize);
    if (nodeIndex < 0 || nodeIndex >= nodes) {
      throw new IllegalArgumentException("node " + nodeIndex + " at tile level " + level
          + " is not in the tree of size " + treeSize);
    }
    long tile = nodeIndex / WIDTH;
    return new TileId(level, tile, (int) Math.min(WIDTH, nodes - tile * WIDTH));
  }

  /** How many complete nodes at Merkle level 8·{@code level} the tree of {@code treeSize} has. */
  public static long nodesAtLevel(int level, long treeSize) {
    int shift = 8 * level;
    return shift >= 64 ? 0 : treeSize >>> shift;
  }

  public static TileId parse(String path) throws TileFormatException {
    if (TilePaths.parse(path) instanceof TileId t) {
      return t;
    }
    throw new TileFormatException("not a hash tile path: " + path);
  }

  @Override
  public TileId withWidth(int width) {
    return new TileId(level, index, width);
  }

  @Override
  public String path() {
    return "tile/" + level + "/" + TilePaths.formatIndexAndWidth(index, width);
  }

  @Override
  public String toString() {
    return path();
  }
}
