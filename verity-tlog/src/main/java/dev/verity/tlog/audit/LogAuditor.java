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
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies a whole tlog-tiles log against its checkpoint (the core of {@code fsck}).
 *
 * <p>The algorithm, in one streaming pass. The checkpoint is opened (its signature is checked by
 * the {@link CheckpointReader}). Then each entry bundle, in order: its entries are hashed into
 * leaf hashes, which must equal the level-0 tile of the same index; a full bundle's 256 leaves
 * are also hashed up into the root of their subtree, the Merkle node at level 8. Those level-8
 * nodes are appended to a compact range, which reports every node it completes; the nodes at
 * Merkle level 8·L are collected into the level-L tile being rebuilt, compared with the stored
 * one as soon as it is full (or, for the right edge, at the end). The last, partial bundle's
 * leaves form a compact range of their own; together the two give the root, which must equal
 * the checkpoint's. Older partial versions of a tile or bundle (C2SP tlog-tiles lets them stay,
 * and clients of older checkpoints read them) must be byte prefixes of the current one; versions
 * wider than the checkpoint's edge are not yet part of the log and are ignored.
 *
 * <p>Cost: one SHA-256 per entry (its leaf) and one per tree node (its two children, RFC 9162
 * §2.1.1), the least that can check the root, and one read of each file. Hashing is most of the
 * time, so it goes through {@link BundleHasher}: one reused digest per thread, each leaf hashed
 * where it lies in the bundle, hashes written into tile-shaped arrays that are compared with the
 * stored tiles as bytes. Reading and hashing a bundle is independent of every other bundle, so
 * with several threads it runs on workers a bounded window ahead of the in-order checks; memory
 * stays O(log n + window).
 *
 * <p>The recomputed hashes are the truth; a stored hash that differs is reported and the audit
 * goes on, so one run lists every problem. Only if both a bundle and its level-0 tile are
 * unusable must it stop, since nothing is left to rebuild the tree from.
 */
public final class LogAuditor {
  private final LogStorage storage;
  private final List<Problem> problems = new ArrayList<>();
  private final List<List<Hash>> rebuilt = new ArrayList<>(); // per tile level ≥ 1
  private final ThreadLocal<BundleHasher> hashers = ThreadLocal.withInitial(BundleHasher::new);
  private long bytesRead;

  private LogAuditor(LogStorage storage) {
    this.storage = storage;
  }

  /** Audits the log with up to 4 hashing threads (as many as there are processors). */
  public static AuditReport audit(LogStorage storage, CheckpointReader reader)
      throws IOException {
    return audit(storage, reader, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Audits the log in {@code storage} with {@code threads} threads reading and hashing bundles
   * (1: all on the calling thread). I/O errors other than missing files are thrown.
   */
  public static AuditReport audit(LogStorage storage, CheckpointReader reader, int threads)
      throws IOException {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(reader, "reader");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return new LogAuditor(storage).run(reader, threads);
  }

  private AuditReport run(CheckpointReader reader, int threads) throws IOException {
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
    // Small logs are not worth the threads.
    boolean parallel = threads > 1 && head.size() > 16L * TilePath.WIDTH;
    ExecutorService pool = !parallel ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tlog-audit");
      t.setDaemon(true);
      return t;
    });
    try {
      Hash root = rebuild(head.size(), pool, 4 * threads);
      if (root != null && !root.equals(head.root())) {
        problems.add(new Problem("checkpoint", "root " + head.root().base64() + " differs from "
            + "the root " + root.base64() + " recomputed from the entries"));
      }
    } finally {
      hashers.remove();
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return report(head);
  }

  private AuditReport report(TreeHead head) {
    return new AuditReport(Optional.ofNullable(head), problems, bytesRead);
  }

  /** Rebuilds the tree of {@code size} from the bundles; returns its root, or null if it can't. */
  private Hash rebuild(long size, ExecutorService pool, int window) throws IOException {
    long bundles = (size + TilePath.WIDTH - 1) / TilePath.WIDTH;
    Prefetch ahead = new Prefetch(size, pool, window);
    CompactRange full = CompactRange.empty(); // over level-8 nodes: one per full bundle
    CompactRange edge = CompactRange.empty(); // over the leaves of the last, partial bundle
    for (long b = 0; b < bundles; b++) {
      BundleWork w = ahead.next();
      byte[] leaves = check(w);
      if (leaves == null) {
        // Either the files are lost or the checkpoint claims entries that were never stored.
        problems.add(new Problem("checkpoint", "commits to " + size + " entries, but the tree "
            + "cannot be rebuilt from entry " + b * TilePath.WIDTH + " on: neither "
            + w.id.path() + " nor its level-0 tile is usable"));
        return null;
      }
      if (w.id.isFull()) {
        Hash subtree = w.subtreeRoot != null ? w.subtreeRoot : hashers.get().subtreeRoot(leaves);
        appendFull(full, subtree);
      } else {
        for (int i = 0; i < leaves.length; i += Hash.SIZE) {
          edge.append(Hash.of(leaves, i, Hash.SIZE), (level, index, hash) -> { });
        }
      }
    }
    checkEdgeTiles(size);
    return root(full, edge);
  }

  /** Appends a full bundle's subtree root; the nodes it completes go to the rebuilt tiles. */
  private void appendFull(CompactRange full, Hash subtree) throws IOException {
    try {
      full.append(subtree, (level, index, hash) -> rebuiltNode(level + 8, index, hash));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The right edge: the partial tile being rebuilt at each level, checked once all is read. */
  private void checkEdgeTiles(long size) throws IOException {
    for (int l = 1; l < rebuilt.size(); l++) {
      List<Hash> tile = rebuilt.get(l);
      if (!tile.isEmpty()) {
        checkTile(l, TileId.nodesAtLevel(l, size) / TilePath.WIDTH, tile);
      }
    }
  }

  /** The whole tree's compact range is the full bundles' roots followed by the edge's roots. */
  private static Hash root(CompactRange full, CompactRange edge) {
    List<Hash> roots = new ArrayList<>(full.roots());
    roots.addAll(edge.roots());
    if (roots.isEmpty()) {
      return MerkleHash.EMPTY_ROOT;
    }
    Hash root = roots.get(roots.size() - 1);
    for (int i = roots.size() - 2; i >= 0; i--) {
      root = MerkleHash.node(roots.get(i), root);
    }
    return root;
  }

  private static BundleId bundleId(long b, long size) {
    return new BundleId(b, (int) Math.min(TilePath.WIDTH, size - b * TilePath.WIDTH));
  }

  /**
   * The bundles' work in order: done on the calling thread when there is no pool, else
   * submitted to it up to {@code window} bundles ahead of the one asked for.
   */
  private final class Prefetch {
    private final long size;
    private final long bundles;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<BundleWork>> ahead = new ArrayDeque<>();
    private long next;
    private long submitted;

    Prefetch(long size, ExecutorService pool, int window) {
      this.size = size;
      this.bundles = (size + TilePath.WIDTH - 1) / TilePath.WIDTH;
      this.pool = pool;
      this.window = window;
    }

    BundleWork next() throws IOException {
      if (pool == null) {
        return work(bundleId(next++, size));
      }
      while (submitted < bundles && ahead.size() < window) {
        BundleId id = bundleId(submitted++, size);
        ahead.add(pool.submit(() -> work(id)));
      }
      return take(ahead.poll());
    }
  }

  private static BundleWork take(Future<BundleWork> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("audit interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * What a worker reads and computes for one bundle; problems are recorded later, in order. The
   * leaf hashes are concatenated as in a tile; the subtree root is there only for a full bundle.
   */
  private record BundleWork(BundleId id, byte[] data, int[] at, TileFormatException malformed,
      byte[] leaves, Hash subtreeRoot, byte[] tile) {}

  /** Runs on a worker: reads a bundle and its level-0 tile, hashes leaves and their subtree. */
  private BundleWork work(BundleId id) throws IOException {
    byte[] data = storage.read(id).orElse(null);
    byte[] tile = storage.read(new TileId(0, id.index(), id.width())).orElse(null);
    if (data == null) {
      return new BundleWork(id, null, null, null, null, null, tile);
    }
    int[] at;
    try {
      at = EntryBundle.index(data, id.width());
    } catch (TileFormatException e) {
      return new BundleWork(id, data, null, e, null, null, tile);
    }
    BundleHasher hasher = hashers.get();
    byte[] leaves = hasher.leafHashes(data, at); // data is ours: LogStorage.read's contract
    Hash subtree = id.isFull() ? hasher.subtreeRoot(leaves) : null;
    return new BundleWork(id, data, at, null, leaves, subtree, tile);
  }

  /**
   * In order, on the auditing thread: records what a worker found, checks the bundle's older
   * versions and its level-0 tile. Returns the leaf hashes — recomputed, or if the bundle is
   * unusable the stored tile's (so the rest of the tree can still be checked) — or null.
   */
  private byte[] check(BundleWork w) throws IOException {
    BundleId bundle = w.id;
    TileId tile = new TileId(0, bundle.index(), bundle.width());
    found(bundle, w.data);
    if (w.malformed != null) {
      problems.add(new Problem(bundle.path(), "malformed bundle: " + w.malformed.getMessage()));
    }
    found(tile, w.tile);
    if (w.leaves != null) {
      checkOlderBundles(bundle, w.data, w.at);
      compareTile(tile, w.tile, w.leaves, (i, node) -> "the recomputed leaf hash of entry "
          + node + " in " + bundle.path());
      return w.leaves;
    }
    if (w.tile != null && wellFormed(tile, w.tile)) {
      checkOlderTiles(tile, w.tile);
      return w.tile;
    }
    return null;
  }

  /** Collects nodes at Merkle levels 8·L, L ≥ 1, into the level-L tile being rebuilt. */
  private void rebuiltNode(int level, long index, Hash hash) {
    if (level % 8 != 0) {
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
    compareTile(tile, read(tile), HashTile.format(recomputed), (i, node) -> "node " + node
        + " at Merkle level " + 8 * level + " recomputed from tile/" + (level - 1) + " (entries "
        + (node << (8 * level)) + "–" + (((node + 1) << (8 * level)) - 1) + ")");
  }

  /** Describes what hash {@code i} (tree node {@code node}) of a tile was recomputed from. */
  private interface Origin {
    String describe(int i, long node);
  }

  /**
   * Compares a stored tile (null if missing, already reported), and its older partial versions,
   * with the recomputed one ({@code expected}, its hashes concatenated). The happy path is one
   * byte comparison; hashes are looked at one by one only to name a difference.
   */
  private void compareTile(TileId tile, byte[] stored, byte[] expected, Origin origin)
      throws IOException {
    if (stored != null && !Arrays.equals(stored, expected) && wellFormed(tile, stored)) {
      for (int i = 0; i < tile.width(); i++) {
        if (!sameHash(stored, i, expected)) {
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
      if (data == null || Arrays.equals(data, 0, data.length, expected, 0, len)
          || !wellFormed(older, data)) {
        continue;
      }
      for (int i = 0; i < w; i++) {
        if (!sameHash(data, i, expected)) {
          problems.add(new Problem(older.path(), "hash " + i + " differs from hash " + i + " of "
              + tile.path() + " as recomputed"));
        }
      }
    }
  }

  /** Whether hash {@code i} of two tiles' bytes is the same. */
  private static boolean sameHash(byte[] a, int i, byte[] b) {
    int from = i * Hash.SIZE;
    return Arrays.equals(a, from, from + Hash.SIZE, b, from, from + Hash.SIZE);
  }

  /** Narrower partial versions of a bundle must be its prefixes, byte for byte. */
  private void checkOlderBundles(BundleId bundle, byte[] data, int[] at) throws IOException {
    for (int w : storage.partialWidths(bundle)) {
      if (w >= bundle.width()) {
        continue;
      }
      BundleId older = bundle.withWidth(w);
      byte[] olderData = read(older);
      if (olderData == null || Arrays.equals(olderData, 0, olderData.length, data, 0, at[w])) {
        continue;
      }
      List<byte[]> olderEntries;
      try {
        olderEntries = EntryBundle.parse(olderData, w);
      } catch (TileFormatException e) {
        problems.add(new Problem(older.path(), "malformed bundle: " + e.getMessage()));
        continue;
      }
      for (int i = 0; i < w; i++) {
        if (!Arrays.equals(olderEntries.get(i), 0, olderEntries.get(i).length, data,
            at[i] + 2, at[i + 1])) {
          problems.add(new Problem(older.path(), "entry " + i + " (index "
              + (bundle.index() * TilePath.WIDTH + i) + ") differs from the same entry in "
              + bundle.path()));
        }
      }
    }
  }

  /** Whether a tile has the length of its width; if not, the problem is recorded. */
  private boolean wellFormed(TileId id, byte[] data) {
    try {
      HashTile.parse(data, id.width());
      return true;
    } catch (TileFormatException e) {
      problems.add(new Problem(id.path(), "malformed tile: " + e.getMessage()));
      return false;
    }
  }

  private byte[] read(TilePath id) throws IOException {
    byte[] data = storage.read(id).orElse(null);
    found(id, data);
    return data;
  }

  /** Accounts for a file read (or reports it missing). */
  private void found(TilePath id, byte[] data) {
    if (data == null) {
      problems.add(new Problem(id.path(), "missing"));
    } else {
      bytesRead += data.length;
    }
  }
}
