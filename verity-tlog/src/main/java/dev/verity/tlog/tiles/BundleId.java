package dev.verity.tlog.tiles;

/**
 * An entry bundle: {@code tile/entries/<N>[.p/<W>]}, the entries {@code N·256 .. N·256+W-1}
 * (C2SP tlog-tiles "Log entries").
 */
public record BundleId(long index, int width) implements TilePath {
  public BundleId {
    TilePaths.checkIndexAndWidth(index, width);
  }

  public static BundleId full(long index) {
    return new BundleId(index, WIDTH);
  }

  /** The bundle holding entry {@code entryIndex} in the tree of {@code treeSize} leaves. */
  public static BundleId forEntry(long entryIndex, long treeSize) {
    if (entryIndex < 0 || entryIndex >= treeSize) {
      throw new IllegalArgumentException(
          "entry " + entryIndex + " is not in the tree of size " + treeSize);
    }
    long tile = entryIndex / WIDTH;
    return new BundleId(tile, (int) Math.min(WIDTH, treeSize - tile * WIDTH));
  }

  public static BundleId parse(String path) throws TileFormatException {
    if (TilePaths.parse(path) instanceof BundleId b) {
      return b;
    }
    throw new TileFormatException("not an entry bundle path: " + path);
  }

  @Override
  public BundleId withWidth(int width) {
    return new BundleId(index, width);
  }

  @Override
  public String path() {
    return "tile/entries/" + TilePaths.formatIndexAndWidth(index, width);
  }

  @Override
  public String toString() {
    return path();
  }
}
