package dev.verity.tlog.tiles;

import dev.verity.tlog.merkle.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a hash tile: C2SP tlog-tiles "a tile is the concatenation of W hashes" of 32
 * bytes each, no header, no padding.
 */
public final class HashTile {
  private HashTile() {}

  /** Parses a tile that must hold exactly {@code width} hashes. */
  public static List<Hash> parse(byte[] data, int width) throws TileFormatException {
    if (width < 1 || width > TilePath.WIDTH) {
      throw new IllegalArgumentException("tile width must be in [1, 256], got " + width);
    }
    if (data.length != width * Hash.SIZE) {
      throw new TileFormatException("tile of width " + width + " must be " + width * Hash.SIZE
          + " bytes, got " + data.length);
    }
    List<Hash> hashes = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      hashes.add(Hash.of(data, i * Hash.SIZE, Hash.SIZE));
    }
    return hashes;
  }

  /** Concatenates 1–256 hashes. */
  public static byte[] format(List<Hash> hashes) {
    if (hashes.isEmpty() || hashes.size() > TilePath.WIDTH) {
      throw new IllegalArgumentException("a tile holds 1-256 hashes, got " + hashes.size());
    }
    byte[] out = new byte[hashes.size() * Hash.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      hashes.get(i).copyTo(out, i * Hash.SIZE);
    }
    return out;
  }
}
