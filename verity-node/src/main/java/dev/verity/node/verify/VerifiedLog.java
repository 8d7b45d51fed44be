package dev.verity.node.verify;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
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
import java.util.SortedSet;
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
  /** The checkpoint this process signed last ({@link #signingHere}). */
  private volatile Verified signedHere;
  private volatile Head lastHead;
  /** The entries last read, for the next publisher asking for the same ones. */
  private volatile Read lastRead;
  private final Object lock = new Object();

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

  /**
   * The current checkpoint, its signature checked. While the checkpoint file holds the same
   * bytes the same head is returned, with its tile cache: the N−1 publishers of a node read it at
   * each new checkpoint, and the tiles for their proofs are read once.
   */
  public Head head() throws IOException {
    byte[] cp =
        storage.readCheckpoint().orElseThrow(() -> new IOException("the log has no checkpoint"));
    Head last = lastHead;
    if (last != null && Arrays.equals(last.checkpoint(), cp)) {
      return last;
    }
    synchronized (this) { // the N−1 publishers woken together verify a new checkpoint once
      last = lastHead;
      if (last != null && Arrays.equals(last.checkpoint(), cp)) {
        return last;
      }
      TreeHead h = opened(cp);
      TileHashReader hashes = new TileHashReader(storage.tileSource(), h.size());
      Head head = new Head(cp, new TreeView("log of " + party, h, hashes, onCorrupt));
      lastHead = head;
      return head;
    }
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
    Verified signed = signedHere;
    if (signed != null && Arrays.equals(signed.checkpoint(), cp)) {
      lastVerified = signed;
      return signed.head();
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
   * {@code signer}, telling this log of each checkpoint it signs: this process's own signature,
   * made in memory, needs no verification when the same bytes are read back from storage (an
   * Ed25519 verification per checkpoint, the largest single cost of the publishers in a profile:
   * issue 18). Bytes read back that differ, from a damaged file or another writer, are verified
   * as before. The checkpoint is remembered before the writer stores it, so it is there first.
   */
  public CheckpointSigner signingHere(CheckpointSigner signer) {
    return (size, root) -> {
      byte[] cp = signer.sign(size, root);
      signedHere = new Verified(cp, new TreeHead(size, root));
      return cp;
    };
  }

  /**
   * Entries {@code [from, to)} of the log at {@code head}, each bundle's checked against its root.
   */
  public List<byte[]> entries(Head head, long from, long to) throws IOException {
    return entries(head, from, to, Long.MAX_VALUE);
  }

  /**
   * As {@link #entries(Head, long, long)}, or null if they pass {@code maxBytes}. The last
   * entries read are kept: a node's N−1 publishers mostly push the same new entries of the same
   * checkpoint, which are then read and checked once, not N−1 times (issue 18). The lists are
   * shared: callers only read them.
   */
  public List<byte[]> entries(Head head, long from, long to, long maxBytes) throws IOException {
    Read last = lastRead;
    if (last == null || !last.of(head, from, to)) {
      synchronized (lock) { // publishers woken together: one reads, the others wait for it
        last = lastRead;
        if (last == null || !last.of(head, from, to)) {
          last = read(head, from, to, maxBytes);
          if (last == null) {
            return null;
          }
          lastRead = last;
        }
      }
    }
    return last.bytes() > maxBytes ? null : last.entries();
  }

  private record Read(Head head, long from, long to, List<byte[]> entries, long bytes) {
    boolean of(Head h, long f, long t) {
      return head == h && from == f && to == t;
    }
  }

  /**
   * Entries {@code [from, to)} from the bundles of the log at {@code head}, each bundle's part
   * checked against the signed root, or null past {@code maxBytes}. The checkpoint is not opened
   * again: {@code head} was.
   */
  private Read read(Head head, long from, long to, long maxBytes) throws IOException {
    List<byte[]> out = new ArrayList<>();
    long bytes = 0;
    long size = head.tree().head().size();
    for (long i = from; i < to; ) {
      BundleId id = BundleId.forEntry(i, size);
      long start = id.index() * TilePath.WIDTH;
      long end = Math.min(to, start + id.width());
      List<byte[]> part = bundle(id, (int) (i - start), (int) (end - start));
      List<Hash> leaves = part.stream().map(MerkleHash::leaf).toList();
      head.tree().checkNodes("log/" + id.path(), "entries " + i + ".." + end, 0, i, leaves);
      out.addAll(part);
      bytes += part.stream().mapToLong(e -> e.length).sum();
      if (bytes > maxBytes) {
        return null;
      }
      i = end;
    }
    return new Read(head, from, to, List.copyOf(out), bytes);
  }

  /**
   * Entries {@code [from, to)} of the bundle's first {@code id.width()}: at that width, or, if
   * the log has grown since and the partial file is gone, at a wider one (C2SP tlog-tiles: a
   * wider version begins with the same entries). Only those are copied out: a push usually wants
   * the last few of a partial bundle of up to 256 (issue 18). What they are is checked against
   * the root by the caller.
   */
  private List<byte[]> bundle(BundleId id, int from, int to) throws IOException {
    byte[] bytes = bundleFile(id);
    int[] at;
    try {
      at = EntryBundle.index(bytes);
    } catch (TileFormatException e) {
      throw corrupt(id, e.getMessage());
    }
    if (at.length - 1 < id.width()) {
      throw corrupt(id, "holds " + (at.length - 1) + " entries, not " + id.width());
    }
    List<byte[]> entries = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      entries.add(Arrays.copyOfRange(bytes, at[i] + 2, at[i + 1]));
    }
    return entries;
  }

  /** The bundle's file at its width, else the full one, else the widest partial one stored. */
  private byte[] bundleFile(BundleId id) throws IOException {
    Optional<byte[]> data = storage.read(id);
    if (data.isEmpty() && !id.isFull()) {
      data = storage.read(BundleId.full(id.index()));
      SortedSet<Integer> wider = storage.partialWidths(id).tailSet(id.width());
      if (data.isEmpty() && !wider.isEmpty()) {
        data = storage.read(id.withWidth(wider.last()));
      }
    }
    return data.orElseThrow(
        () -> new IOException("log/" + id.path() + " is missing but the checkpoint covers it"));
  }

  private StorageCorruptException corrupt(BundleId id, String why) {
    StorageProblem p = new StorageProblem("log/" + id.path(), why);
    onCorrupt.accept(p);
    return new StorageCorruptException(p);
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
