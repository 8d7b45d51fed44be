package dev.verity.tlog.tiles;

/**
 * The name of one tlog-tiles resource below the log's prefix: a hash tile ({@link TileId},
 * {@code tile/<L>/<N>[.p/<W>]}) or an entry bundle ({@link BundleId},
 * {@code tile/entries/<N>[.p/<W>]}). Both are {@code width} consecutive items starting at item
 * {@code index·256}; width 256 is a full tile, 1–255 a partial one.
 */
public sealed interface TilePath permits TileId, BundleId {
  /** Items per full tile (C2SP tlog-tiles: "tiles are always 256 entries wide"). */
  int WIDTH = 256;

  long index();

  int width();

  default boolean isFull() {
    return width() == WIDTH;
  }

  /** The same tile at another width (the full tile, or another partial version of it). */
  TilePath withWidth(int width);

  /** The relative path, e.g. {@code tile/0/x001/x234/067.p/8}. */
  String path();

  /** Parses a hash-tile or entry-bundle path strictly: exactly what {@link #path()} produces. */
  static TilePath parse(String path) throws TileFormatException {
    return TilePaths.parse(path);
  }
}
