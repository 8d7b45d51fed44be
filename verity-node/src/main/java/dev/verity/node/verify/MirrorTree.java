package dev.verity.node.verify;

import dev.verity.node.store.NodeStore;
import dev.verity.node.store.StoreException;
import dev.verity.tlog.merkle.CompactRange;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.tiles.HashTile;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TileHashReader;
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.tiles.TileSource;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A peer's verified tree as this node keeps it: hash tiles in C2SP tlog-tiles encoding (a level-L
 * tile holds the nodes at Merkle level 8·L), stored in {@code node.db} with the entries in the same
 * transaction, and in memory only what appending needs: the compact range and the right edge, at
 * most 255 hashes per tile level (the same split as the log writer's, D4). Proofs are built from
 * the stored tiles by {@link TileHashReader}, so memory does not grow with the log.
 *
 * <p>A stored tile is kept at its widest width; a narrower version (an older tree's) is its prefix,
 * since nodes never change.
 */
public final class MirrorTree {
  private final CompactRange range;
  private final List<List<Hash>> edge;

  /** Tiles this tree changed since it was loaded or copied, keyed by their full id. */
  private final Map<TileId, byte[]> written = new LinkedHashMap<>();

  private MirrorTree(CompactRange range, List<List<Hash>> edge) {
    this.range = range;
    this.edge = edge;
  }

  public static MirrorTree empty() {
    return new MirrorTree(CompactRange.empty(), new ArrayList<>());
  }

  /** The tree of {@code size} from its stored tiles: O(log size) tile reads. */
  public static MirrorTree load(TileSource tiles, long size) throws IOException {
    CompactRange range = CompactRange.of(new TileHashReader(tiles, size), size);
    List<List<Hash>> edge = new ArrayList<>();
    for (int l = 0; TileId.nodesAtLevel(l, size) > 0; l++) {
      long nodes = TileId.nodesAtLevel(l, size);
      int width = (int) (nodes % TilePath.WIDTH);
      List<Hash> tile = new ArrayList<>();
      if (width > 0) {
        TileId id = new TileId(l, nodes / TilePath.WIDTH, width);
        try {
          tile.addAll(HashTile.parse(tiles.readTile(id), width));
        } catch (TileFormatException e) {
          throw new IOException(id.path() + ": " + e.getMessage(), e);
        }
      }
      edge.add(tile);
    }
    return new MirrorTree(range, edge);
  }

  /** The stored tiles of {@code peer}'s mirror, each read at the width asked for. */
  public static TileSource stored(NodeStore store, String peer) {
    return id -> {
      byte[] data;
      try {
        data = store.mirrorTile(peer, id.level(), id.index()).orElse(null);
      } catch (StoreException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (data == null || data.length < id.width() * Hash.SIZE) {
        throw new NoSuchFileException("node.db: mirror of " + peer + ": " + id.path());
      }
      return Arrays.copyOf(data, id.width() * Hash.SIZE);
    };
  }

  /** An independent copy to extend; its {@link #written} starts empty. */
  public MirrorTree copy() {
    List<List<Hash>> e = new ArrayList<>();
    edge.forEach(t -> e.add(new ArrayList<>(t)));
    return new MirrorTree(range.copy(), e);
  }

  public long size() {
    return range.size();
  }

  public Hash root() {
    return range.root();
  }

  public void append(Hash leaf) {
    range.append(
        leaf,
        (level, index, hash) -> {
          if (level % 8 == 0) {
            addToTile(level / 8, index, hash);
          }
        });
  }

  private void addToTile(int tileLevel, long nodeIndex, Hash hash) {
    while (edge.size() <= tileLevel) {
      edge.add(new ArrayList<>());
    }
    List<Hash> tile = edge.get(tileLevel);
    tile.add(hash);
    TileId id = TileId.full(tileLevel, nodeIndex / TilePath.WIDTH);
    written.put(id, null); // formatted when asked: a tile changes once per leaf in a step
    if (tile.size() == TilePath.WIDTH) {
      written.put(id, HashTile.format(tile));
      tile.clear();
    }
  }

  /** The tiles changed since this copy was made, each at its new width (full or partial). */
  public Map<TileId, byte[]> written() {
    Map<TileId, byte[]> out = new LinkedHashMap<>();
    for (var w : written.entrySet()) {
      TileId id = w.getKey();
      out.put(id, w.getValue() != null ? w.getValue() : HashTile.format(edge.get(id.level())));
    }
    return out;
  }
}
