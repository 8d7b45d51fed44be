package dev.verity.tlog.audit;

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
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Verifies a whole tlog-tiles log against its checkpoint (the core of {@code fsck}).
 *
 * <p>The algorithm, in one streaming pass. The checkpoint is opened (its signature is checked by
 * the {@link CheckpointReader}). Then, for each entry bundle in order: its entries are parsed
 * and hashed into leaf hashes, which are compared with the level-0 tile of the same index and
 * fed into a compact range. The compact range reports every node it completes; those at Merkle
 * level 8·L (L ≥ 1) are collected into the level-L tile being rebuilt, which is compared with
 * the stored one as soon as it is full (or, for the right edge, at the end). Finally the root of
 * the compact range must equal the checkpoint's root. Older partial versions of a tile or bundle
 * (C2SP tlog-tiles lets them stay, and clients of older checkpoints read them) must be prefixes
 * of the recomputed one; versions wider than the checkpoint's edge are not yet part of the log
 * and are ignored.
 *
 * <p>Memory is O(log n): the compact range and at most 256 hashes per tile level. Work is one
 * SHA-256 over every entry plus one per tree node — about the cost of hashing the entries and
 * tiles once. The recomputed hashes are the truth; a stored hash that differs is reported and
 * the audit carries on, so one run lists every problem. Only if both a bundle and its level-0
 * tile are unreadable must the audit stop, since nothing is left to rebuild the tree from.
 */
public final class LogAuditor {
  private final LogStorage storage;
  private final List<Problem> problems = new ArrayList<>();
  private final List<List<Hash>> rebuilt = new ArrayList<>(); // per tile level ≥ 1
  private long bytesRead;

  private LogAuditor(LogStorage storage) {
    this.storage = storage;
  }

  /** Audits the log in {@code storage}; I/O errors other than missing files are thrown. */
  public static AuditReport audit(LogStorage storage, CheckpointReader reader)
      throws IOException {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(reader, "reader");
    return new LogAuditor(storage).run(reader);
  }

  private AuditReport run(CheckpointReader reader) throws IOException {
    Optional<byte[]> file = storage.readCheckpoint();
    if (file.isEmpty()) {
      problems.add(new Problem("checkpoint", "missing"));
      return report(null);
    }
    TreeHead head;
    try {
      head = reader.open(file.get());
    } catch (InvalidCheckpointException e) {
      problems.add(new Problem("checkpoint", "does not verify: " + e.getMessage()));
      return report(null);
    }
    CompactRange range = CompactRange.empty();
    long size = head.size();
    for (long b = 0; b * TilePath.WIDTH < size; b++) {
      int width = (int) Math.min(TilePath.WIDTH, size - b * TilePath.WIDTH);
      Hash[] leaves = leafHashes(new BundleId(b, width));
      if (leaves == null) {
        // Either the files are lost or the checkpoint claims entries that were never stored.
        problems.add(new Problem("checkpoint", "commits to " + size + " entries, but the tree "
            + "cannot be rebuilt from entry " + b * TilePath.WIDTH + " on: neither "
            + new BundleId(b, width).path() + " nor its level-0 tile is usable"));
        return report(head);
      }
      try {
        for (Hash leaf : leaves) {
          range.append(leaf, this::rebuiltNode);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    for (int l = 1; l < rebuilt.size(); l++) {
      List<Hash> edge = rebuilt.get(l);
      if (!edge.isEmpty()) {
        checkTile(l, TileId.nodesAtLevel(l, size) / TilePath.WIDTH, edge);
      }
    }
    if (!range.root().equals(head.root())) {
      problems.add(new Problem("checkpoint", "root " + head.root().base64() + " differs from "
          + "the root " + range.root().base64() + " recomputed from the entries"));
    }
    return report(head);
  }

  private AuditReport report(TreeHead head) {
    return new AuditReport(Optional.ofNullable(head), problems, bytesRead);
  }

  /**
   * The leaf hashes of one bundle, checked against its level-0 tile; if the bundle is unusable,
   * the stored tile's hashes (so the rest of the tree can still be checked), or null.
   */
  private Hash[] leafHashes(BundleId bundle) throws IOException {
    byte[] data = read(bundle);
    List<byte[]> entries = data == null ? null : parseBundle(bundle, data);
    Hash[] leaves = null;
    if (entries != null) {
      leaves = new Hash[entries.size()];
      for (int i = 0; i < leaves.length; i++) {
        leaves[i] = MerkleHash.leaf(entries.get(i));
      }
      checkOlderBundles(bundle, data, entries);
    }
    TileId tile = new TileId(0, bundle.index(), bundle.width());
    if (leaves != null) {
      compareTile(tile, Arrays.asList(leaves), (i, node) -> "the recomputed leaf hash of entry "
          + node + " in " + bundle.path());
    } else {
      List<Hash> stored = readTile(tile);
      if (stored != null) {
        leaves = stored.toArray(new Hash[0]);
        checkOlderTiles(tile, HashTile.format(stored));
      }
    }
    return leaves;
  }

  /** Collects nodes at Merkle levels 8·L, L ≥ 1, into the level-L tile being rebuilt. */
  private void rebuiltNode(int level, long index, Hash hash) {
    if (level == 0 || level % 8 != 0) {
      return;
    }
    int l = level / 8;
    while (rebuilt.size() <= l) {
      rebuilt.add(new ArrayList<>());
    }
    List<Hash> tile = rebuilt.get(l);
    tile.add(hash);
    if (tile.size() == TilePath.WIDTH) {
      try {
        checkTile(l, index / TilePath.WIDTH, tile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tile.clear();
    }
  }

  private void checkTile(int level, long index, List<Hash> recomputed) throws IOException {
    TileId tile = new TileId(level, index, recomputed.size());
    compareTile(tile, recomputed, (i, node) -> "node " + node + " at Merkle level " + 8 * level
        + " recomputed from tile/" + (level - 1) + " (entries " + (node << (8 * level)) + "–"
        + (((node + 1) << (8 * level)) - 1) + ")");
  }

  /** Describes what hash {@code i} (tree node {@code node}) of a tile was recomputed from. */
  private interface Origin {
    String describe(int i, long node);
  }

  /**
   * Compares a stored tile, and its older partial versions, with the recomputed hashes. The
   * happy path is a byte comparison; hashes are looked at one by one only to name a difference.
   */
  private void compareTile(TileId tile, List<Hash> recomputed, Origin origin)
      throws IOException {
    byte[] expected = HashTile.format(recomputed);
    byte[] stored = read(tile);
    if (stored != null && !Arrays.equals(stored, expected)) {
      List<Hash> hashes = parseTile(tile, stored);
      for (int i = 0; hashes != null && i < recomputed.size(); i++) {
        if (!hashes.get(i).equals(recomputed.get(i))) {
          long node = tile.index() * TilePath.WIDTH + i;
          problems.add(new Problem(tile.path(), "hash " + i + " differs from "
              + origin.describe(i, node)));
        }
      }
    }
    checkOlderTiles(tile, expected);
  }

  /**
   * Narrower partial versions of a tile must be prefixes of it (C2SP tlog-tiles: a partial tile
   * holds the first W hashes of the tile), byte for byte.
   */
  private void checkOlderTiles(TileId tile, byte[] expected) throws IOException {
    for (int w : storage.partialWidths(tile)) {
      if (w >= tile.width()) {
        continue; // the current version, or beyond the checkpoint
      }
      TileId older = tile.withWidth(w);
      byte[] data = read(older);
      int len = w * Hash.SIZE;
      if (data == null || Arrays.equals(data, 0, data.length, expected, 0, len)) {
        continue;
      }
      List<Hash> hashes = parseTile(older, data);
      for (int i = 0; hashes != null && i < w; i++) {
        if (!Arrays.equals(hashes.get(i).bytes(), 0, Hash.SIZE, expected, i * Hash.SIZE,
            (i + 1) * Hash.SIZE)) {
          problems.add(new Problem(older.path(), "hash " + i + " differs from hash " + i + " of "
              + tile.path() + " as recomputed"));
        }
      }
    }
  }

  /** Narrower partial versions of a bundle must be its prefixes, byte for byte. */
  private void checkOlderBundles(BundleId bundle, byte[] data, List<byte[]> entries)
      throws IOException {
    SortedSet<Integer> widths = storage.partialWidths(bundle);
    if (widths.isEmpty()) {
      return;
    }
    int[] prefix = new int[entries.size() + 1]; // prefix[w]: bytes of the first w entries
    for (int i = 0; i < entries.size(); i++) {
      prefix[i + 1] = prefix[i] + 2 + entries.get(i).length;
    }
    for (int w : widths) {
      if (w >= bundle.width()) {
        continue;
      }
      BundleId older = bundle.withWidth(w);
      byte[] olderData = read(older);
      if (olderData == null
          || Arrays.equals(olderData, 0, olderData.length, data, 0, prefix[w])) {
        continue;
      }
      List<byte[]> olderEntries = parseBundle(older, olderData);
      for (int i = 0; olderEntries != null && i < w; i++) {
        if (!Arrays.equals(olderEntries.get(i), entries.get(i))) {
          problems.add(new Problem(older.path(), "entry " + i + " (index "
              + (bundle.index() * TilePath.WIDTH + i) + ") differs from the same entry in "
              + bundle.path()));
        }
      }
    }
  }

  private List<byte[]> parseBundle(BundleId id, byte[] data) {
    try {
      return EntryBundle.parse(data, id.width());
    } catch (TileFormatException e) {
      problems.add(new Problem(id.path(), "malformed bundle: " + e.getMessage()));
      return null;
    }
  }

  private List<Hash> readTile(TileId id) throws IOException {
    byte[] data = read(id);
    return data == null ? null : parseTile(id, data);
  }

  private List<Hash> parseTile(TileId id, byte[] data) {
    try {
      return HashTile.parse(data, id.width());
    } catch (TileFormatException e) {
      problems.add(new Problem(id.path(), "malformed tile: " + e.getMessage()));
      return null;
    }
  }

  private byte[] read(TilePath id) throws IOException {
    Optional<byte[]> data = storage.read(id);
    if (data.isEmpty()) {
      problems.add(new Problem(id.path(), "missing"));
      return null;
    }
    bytesRead += data.get().length;
    return data.get();
  }
}
