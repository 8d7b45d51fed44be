package dev.verity.tlog.log;

import dev.verity.tlog.merkle.CompactRange;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.HashTile;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TileHashReader;
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an appender keeps in memory: the compact range of the tree (its O(log n) perfect-subtree
 * roots) and the right edge of the stored tiles — the hashes of the unfinished tile at each
 * tile level and the entries of the unfinished bundle — because a partial tile is rewritten
 * whole at each step (C2SP tlog-tiles partial tiles are immutable files of one width). That is
 * at most 255 hashes per level and 255 entries: appending never reads the tree.
 *
 * <p>Appending a leaf merges subtrees in the compact range; every completed node at a Merkle
 * level 8·L lands in the edge tile of tile level L, which is written out full when it reaches
 * 256 hashes, and as a partial tile at the end of a step.
 */
final class TreeState {
  /**
   * The most entries one step may add. Recovery looks this far beyond the checkpoint for files
   * an interrupted step may have left, so it must bound every writer of this log.
   */
  static final int MAX_BATCH_LIMIT = 4096;

  private final CompactRange range;
  private final List<List<Hash>> edgeTiles = new ArrayList<>(); // by tile level
  private final List<byte[]> edgeBundle = new ArrayList<>();
  private final BitSet touched = new BitSet(); // tile levels changed in the current step

  private TreeState(CompactRange range) {
    this.range = range;
  }

  long size() {
    return range.size();
  }

  Hash root() {
    return range.root();
  }

  TreeHead head() {
    return new TreeHead(size(), root());
  }

  /** Adds one entry; full tiles and bundles it completes go to {@code out}. */
  void append(byte[] entry, Hash leaf, Map<TilePath, byte[]> out) {
    long index = range.size();
    edgeBundle.add(entry);
    if (edgeBundle.size() == TilePath.WIDTH) {
      out.put(BundleId.full(index / TilePath.WIDTH), EntryBundle.format(edgeBundle));
      edgeBundle.clear();
    }
    range.append(leaf, (level, nodeIndex, hash) -> {
      if (level % 8 == 0) {
        addToTile(level / 8, nodeIndex, hash, out);
      }
    });
  }

  private void addToTile(int tileLevel, long nodeIndex, Hash hash, Map<TilePath, byte[]> out) {
    while (edgeTiles.size() <= tileLevel) {
      edgeTiles.add(new ArrayList<>());
    }
    List<Hash> tile = edgeTiles.get(tileLevel);
    tile.add(hash);
    touched.set(tileLevel);
    if (tile.size() == TilePath.WIDTH) {
      out.put(TileId.full(tileLevel, nodeIndex / TilePath.WIDTH), HashTile.format(tile));
      tile.clear();
    }
  }

  /** Ends a step: the partial tiles and bundle it changed go to {@code out}. */
  void finishStep(Map<TilePath, byte[]> out) {
    long size = range.size();
    if (!edgeBundle.isEmpty()) {
      out.put(new BundleId(size / TilePath.WIDTH, edgeBundle.size()),
          EntryBundle.format(edgeBundle));
    }
    for (int l = touched.nextSetBit(0); l >= 0; l = touched.nextSetBit(l + 1)) {
      List<Hash> tile = edgeTiles.get(l);
      if (!tile.isEmpty()) {
        long nodes = TileId.nodesAtLevel(l, size);
        out.put(new TileId(l, nodes / TilePath.WIDTH, tile.size()), HashTile.format(tile));
      }
    }
    touched.clear();
  }

  /**
   * Recovery. The checkpoint is the source of truth: files beyond it are left over from a step
   * that did not finish (its entries were never acknowledged) and are deleted, so they can
   * neither be mistaken for log data nor linger as stale partial tiles. The compact range is
   * rebuilt from the stored tiles (O(log n) tile reads) and must reproduce the checkpoint's root.
   *
   * @return the state, or empty if the log has no checkpoint and no tiles yet
   */
  static Optional<TreeState> recover(LogStorage storage, CheckpointReader reader)
      throws IOException {
    Optional<byte[]> file = storage.readCheckpoint();
    TreeHead head;
    if (file.isEmpty()) {
      // A new log publishes its empty checkpoint before it stores anything, so tiles without a
      // checkpoint mean a lost checkpoint, not a crash: starting over would destroy the log.
      if (hasAnyTile(storage)) {
        throw new CorruptLogException("the log has tiles but no checkpoint; refusing to start "
            + "a new log over it");
      }
      return Optional.empty();
    }
    try {
      head = reader.open(file.get());
    } catch (InvalidCheckpointException e) {
      throw new CorruptLogException("checkpoint: " + e.getMessage(), e);
    }
    long size = head.size();
    discardBeyond(storage, size);
    CompactRange range = CompactRange.of(new TileHashReader(storage.tileSource(), size), size);
    if (!range.root().equals(head.root())) {
      throw new CorruptLogException("stored tiles give root " + range.root().base64()
          + " for size " + size + ", but the checkpoint says " + head.root().base64());
    }
    TreeState state = new TreeState(range);
    try {
      state.loadEdge(storage, size);
    } catch (TileFormatException e) {
      throw new CorruptLogException(e.getMessage(), e);
    }
    return Optional.of(state);
  }

  private static boolean hasAnyTile(LogStorage storage) throws IOException {
    for (TilePath first : List.of(BundleId.full(0), TileId.full(0, 0))) {
      if (storage.read(first).isPresent() || !storage.partialWidths(first).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static TreeState empty() {
    return new TreeState(CompactRange.empty());
  }

  private void loadEdge(LogStorage storage, long size) throws IOException, TileFormatException {
    for (int l = 0; TileId.nodesAtLevel(l, size) > 0; l++) {
      long nodes = TileId.nodesAtLevel(l, size);
      List<Hash> tile = new ArrayList<>();
      int width = (int) (nodes % TilePath.WIDTH);
      if (width > 0) {
        TileId id = new TileId(l, nodes / TilePath.WIDTH, width);
        tile.addAll(HashTile.parse(require(storage, id), width));
      }
      edgeTiles.add(tile);
    }
    int width = (int) (size % TilePath.WIDTH);
    if (width > 0) {
      BundleId id = new BundleId(size / TilePath.WIDTH, width);
      edgeBundle.addAll(EntryBundle.parse(require(storage, id), width));
      List<Hash> leaves = edgeTiles.get(0);
      for (int i = 0; i < width; i++) {
        if (!MerkleHash.leaf(edgeBundle.get(i)).equals(leaves.get(i))) {
          throw new CorruptLogException(id.path() + ": entry " + i + " does not match its leaf "
              + "hash in tile/0 — run the audit");
        }
      }
    }
  }

  private static byte[] require(LogStorage storage, TilePath id) throws IOException {
    return storage.read(id).orElseThrow(
        () -> new CorruptLogException(id.path() + " is missing but the checkpoint covers it"));
  }

  /**
   * Deletes every tile and bundle an unfinished step may have written past {@code size}: at each
   * tile level, the partial versions of the edge tile wider than the checkpoint's width, and
   * every version of the tiles after it, as far as one step of {@link #MAX_BATCH_LIMIT} entries
   * reaches (plus one tile of margin).
   */
  static void discardBeyond(LogStorage storage, long size) throws IOException {
    long reach = size + MAX_BATCH_LIMIT;
    discardBeyond(storage, BundleId.full(0), size, reach);
    for (int l = 0; TileId.nodesAtLevel(l, reach) > 0; l++) {
      discardBeyond(storage, TileId.full(l, 0), TileId.nodesAtLevel(l, size),
          TileId.nodesAtLevel(l, reach));
    }
  }

  private static void discardBeyond(LogStorage storage, TilePath any, long items, long reach)
      throws IOException {
    long edge = items / TilePath.WIDTH;
    int width = (int) (items % TilePath.WIDTH);
    long last = reach / TilePath.WIDTH + 1;
    for (long i = edge; i <= last; i++) {
      TilePath full = withIndex(any, i);
      storage.delete(full); // the edge tile is never complete within the checkpoint
      for (int w : storage.partialWidths(full)) {
        if (i > edge || w > width) {
          storage.delete(full.withWidth(w));
        }
      }
    }
  }

  private static TilePath withIndex(TilePath p, long index) {
    return p instanceof TileId t ? TileId.full(t.level(), index) : BundleId.full(index);
  }
}
