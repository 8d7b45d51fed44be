package dev.verity.node.verify;

import dev.verity.tlog.log.LogReader;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node's own log as it leaves the node: entry bundles and hash tiles to peers, entries pushed
 * with a checkpoint, entries and proofs to the API. Each is read from the tile files and checked
 * against the current signed checkpoint first ({@link TreeView}), so a damaged file is never served
 * as the log: peers would otherwise see an honest Party's altered entry, and the API would give out
 * proofs that fail.
 */
public final class VerifiedLog {
  private final String party;
  private final LogStorage storage;
  private final CheckpointReader reader;
  private final Consumer<StorageProblem> onCorrupt;
  private volatile Verified lastVerified;

  public VerifiedLog(
      String party,
      LogStorage storage,
      CheckpointReader reader,
      Consumer<StorageProblem> onCorrupt) {
    this.party = party;
    this.storage = storage;
    this.reader = reader;
    this.onCorrupt = onCorrupt;
  }

  /** The checkpoint file as stored and the tree it signs, with the stored hashes under it. */
  public record Head(byte[] checkpoint, TreeView tree) {}

  /** The current checkpoint, its signature checked. */
  public Head head() throws IOException {
    byte[] cp =
        storage.readCheckpoint().orElseThrow(() -> new IOException("the log has no checkpoint"));
    TreeHead h = opened(cp);
    TileHashReader hashes = new TileHashReader(storage.tileSource(), h.size());
    return new Head(cp, new TreeView("log of " + party, h, hashes, onCorrupt));
  }

  /**
   * The tree head {@code cp} signs. The last checkpoint verified is remembered with its bytes:
   * every publisher (one per peer) and every checkpoint served asks for the head, mostly of the
   * same checkpoint, and an Ed25519 verification each time grew with the number of peers (issue
   * 18). Bytes equal to ones verified verify alike, so only new bytes are checked.
   */
  private TreeHead opened(byte[] cp) throws StorageCorruptException {
    Verified last = lastVerified;
    if (last != null && Arrays.equals(last.checkpoint(), cp)) {
      return last.head();
    }
    try {
      TreeHead h = reader.open(cp);
      lastVerified = new Verified(cp, h);
      return h;
    } catch (InvalidCheckpointException e) {
      StorageProblem p = new StorageProblem("log/checkpoint", "does not verify: " + e.getMessage());
      onCorrupt.accept(p);
      throw new StorageCorruptException(p);
    }
  }

  private record Verified(byte[] checkpoint, TreeHead head) {}

  /**
   * Entries {@code [from, to)} of the log at {@code head}, each bundle's checked against its root.
   */
  public List<byte[]> entries(Head head, long from, long to) throws IOException {
    return entries(head, from, to, Long.MAX_VALUE);
  }

  /** As {@link #entries(Head, long, long)}, or null as soon as they pass {@code maxBytes}. */
  public List<byte[]> entries(Head head, long from, long to, long maxBytes) throws IOException {
    List<byte[]> out = new ArrayList<>();
    long bytes = 0;
    LogReader log = LogReader.open(storage, reader);
    long size = head.tree().head().size();
    for (long i = from; i < to; ) {
      BundleId id = BundleId.forEntry(i, size);
      long end = Math.min(to, id.index() * TilePath.WIDTH + id.width());
      List<byte[]> part = log.entries(i, end);
      List<Hash> leaves = part.stream().map(MerkleHash::leaf).toList();
      head.tree().checkNodes("log/" + id.path(), "entries " + i + ".." + end, 0, i, leaves);
      out.addAll(part);
      bytes += part.stream().mapToLong(e -> e.length).sum();
      if (bytes > maxBytes) {
        return null;
      }
      i = end;
    }
    return out;
  }

  /**
   * A tile or bundle as the peer port serves it, if stored, checked against the log at {@code
   * head}: one beyond the checkpoint is not served.
   */
  public Optional<byte[]> tile(Head head, TilePath path) throws IOException {
    long index = path instanceof TileId t ? t.index() : ((BundleId) path).index();
    int level = path instanceof TileId t ? 8 * t.level() : 0;
    if (index * TilePath.WIDTH + path.width() > head.tree().head().size() >>> level) {
      return Optional.empty(); // not (yet) part of the signed log
    }
    Optional<byte[]> data = storage.read(path);
    if (data.isEmpty()) {
      return data;
    }
    String file = "log/" + path.path();
    List<Hash> nodes;
    try {
      nodes =
          path instanceof TileId
              ? HashTile.parse(data.get(), path.width())
              : EntryBundle.parse(data.get(), path.width()).stream().map(MerkleHash::leaf).toList();
    } catch (TileFormatException e) {
      StorageProblem p = new StorageProblem(file, e.getMessage());
      onCorrupt.accept(p);
      throw new StorageCorruptException(p);
    }
    head.tree().checkNodes(file, path.path(), level, index * TilePath.WIDTH, nodes);
    return data;
  }
}
