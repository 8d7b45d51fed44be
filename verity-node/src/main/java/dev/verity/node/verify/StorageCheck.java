package dev.verity.node.verify;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.verify.MirrorTree;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.MirrorPending;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.StoreException;
import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.merkle.CompactRange;
import dev.verity.tlog.merkle.ConsistencyProof;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.HashTile;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TileHashReader;
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TileSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what a node stores against the signed trees, in one streaming pass per log, memory
 * independent of the logs' size: the node's own log (its tile files audited in full, C2SP
 * tlog-tiles, then every entry in {@code node.db} against the log's leaves) and each peer's mirror
 * (every entry in {@code node.db} hashed, the tree rebuilt from them and every stored hash tile
 * compared, the root against the peer's signed checkpoint, or the consistency proof that makes a
 * partly mirrored log a prefix of it). The node runs it at start, handing each verified entry to
 * the projections, and in the background; {@code verity node check} runs it offline. Every problem
 * names its file and, where there is one, its entry.
 */
public final class StorageCheck {
  /** Receives each verified entry, in index order, while no problem has been found. */
  @FunctionalInterface
  public interface Rows {
    void accept(MessageRow row);
  }

  static final int BATCH_ROWS = 256;
  static final long BATCH_BYTES = 4L << 20;

  /** Enough to locate damage; one bad tile can make every entry under it disagree. */
  static final int MAX_PROBLEMS = 50;

  private final NodeStore store;

  public StorageCheck(NodeStore store) {
    this.store = store;
  }

  /**
   * The node's own log files ({@code log/...}): every bundle and tile audited against the
   * checkpoint (C2SP tlog-tiles, {@link LogAuditor}).
   *
   * @return the checkpoint's tree head (null if it has none that verifies), with the problems
   */
  public Result ownFiles(LogStorage log, CheckpointReader reader) throws IOException {
    AuditReport audit = LogAuditor.audit(log, reader, 2);
    List<StorageProblem> problems = new ArrayList<>();
    audit.problems().forEach(p -> problems.add(new StorageProblem("log/" + p.path(), p.message())));
    return new Result(audit.treeHead().orElse(null), problems);
  }

  /**
   * The node's own entries in {@code node.db} against its log of {@code head}: each against its
   * leaf in the log's tiles when {@code filesClean} (they were audited), and all of them against
   * the checkpoint's root.
   */
  public Result ownRows(String party, LogStorage log, TreeHead head, boolean filesClean, Rows each)
      throws IOException, StoreException {
    List<StorageProblem> problems = new ArrayList<>();
    TileHashReader leaves = filesClean ? new TileHashReader(log.tileSource(), head.size()) : null;
    Walk w = new Walk(party, head.size(), problems, each);
    w.run(row -> leaves == null
        || leaves.nodeHash(0, row.index()).equals(MerkleHash.leaf(row.entry())) ? null
        : "differs from the log's entry (its leaf in log/%s)"
            .formatted(TileId.forNode(0, row.index(), head.size()).path()));
    if (w.next < head.size()) {
      w.problem("node.db", "entries %s/%d to %s/%d of the log are not in node.db"
          .formatted(party, w.next, party, head.size() - 1));
    } else if (w.clean() && !w.range.root().equals(head.root())) {
      w.problem("node.db", "the entries of " + party + " do not give the root of log/checkpoint");
    }
    return new Result(head, problems);
  }

  /**
   * A peer's mirror: its entries and hash tiles in {@code node.db} against the peer's signed
   * checkpoints as stored, or, with {@code expected}, against that head (a running node's own
   * record of what it verified).
   */
  public Result mirror(PeerConfig peer, TreeHead expected, Rows each)
      throws IOException, StoreException {
    String party = peer.party();
    PeerPosition pos = store.position(party);
    long size = expected != null ? expected.size() : pos.mirroredSize();
    List<StorageProblem> problems = new ArrayList<>();
    CheckpointReader reader;
    try {
      reader = LogCheckpoints.reader(peer.identity().origin(), peer.identity().logKey());
    } catch (NoteException e) {
      throw new IOException("peer " + party + ": its pinned log key: " + e.getMessage(), e);
    }
    TreeHead cp = open(reader, pos.mirroredCheckpoint(), party, "checkpoint", problems);
    Walk w = new Walk(party, size, problems, each);
    TileCompare tiles = new TileCompare(party, MirrorTree.stored(store, party), size, w);
    w.onLeaf = tiles::append;
    w.run(row -> null);
    if (w.next < size) {
      w.problem("node.db", "mirror of %s: entries %s/%d to %s/%d are missing"
          .formatted(party, party, w.next, party, size - 1));
    } else if (w.clean()) {
      checkRoots(peer, reader, cp, expected, tiles, w);
    }
    return new Result(new TreeHead(size, w.range.root()), problems);
  }

  /**
   * Every root the mirror claims: its checkpoint's, and its own size's (signed, proven or
   * expected).
   */
  private void checkRoots(PeerConfig peer, CheckpointReader reader, TreeHead cp, TreeHead expected,
      TileCompare tiles, Walk w) throws StoreException {
    String party = peer.party();
    Hash root = w.range.root();
    if (cp != null && (cp.size() > w.size || !tiles.rootAt(cp.size(), root).equals(cp.root()))) {
      w.problem("node.db", "mirror of %s: the entries do not give the root of %s's signed"
          .formatted(party, party) + " checkpoint of size " + cp.size());
    }
    if (expected != null) {
      if (!root.equals(expected.root())) {
        w.problem("node.db", "mirror of " + party
            + ": the entries no longer give the root verified when they were received");
      }
      return;
    }
    MirrorPending pending = store.mirrorPending(party).orElse(null);
    if (pending == null) {
      if (w.size > 0 && (cp == null || cp.size() != w.size)) {
        w.problem("node.db", "mirror of %s: %d entries but no signed checkpoint of that size"
            .formatted(party, w.size));
      }
      return;
    }
    TreeHead target = open(reader, pending.checkpoint(), party, "pending checkpoint", w.problems);
    if (target != null && !proves(pending.proof(), w.size, root, target)) {
      w.problem("node.db", "mirror of %s: entries %s/0..%d are not a proven prefix of %s's"
          .formatted(party, party, w.size, party) + " signed checkpoint of size " + target.size());
    }
  }

  private static boolean proves(String proof, long size, Hash root, TreeHead target) {
    List<Hash> path = new ArrayList<>();
    try {
      for (String line : proof == null || proof.isEmpty() ? new String[0] : proof.split("\n")) {
        path.add(Hash.fromBase64(line));
      }
      new ConsistencyProof(size, target.size(), path).verify(root, target.root());
      return true;
    } catch (ProofException | IllegalArgumentException e) {
      return false;
    }
  }

  private static TreeHead open(CheckpointReader reader, String text, String party, String what,
      List<StorageProblem> problems) {
    if (text == null) {
      return null;
    }
    try {
      return reader.open(text.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidCheckpointException e) {
      problems.add(new StorageProblem("node.db", "mirror of %s: the stored %s does not verify with"
          .formatted(party, what) + " %s's pinned key: %s".formatted(party, e.getMessage())));
      return null;
    }
  }

  /** SQLite's own check of {@code node.db}'s pages and indexes. */
  public List<StorageProblem> database() throws StoreException {
    return store.checkIntegrity().stream().map(p -> new StorageProblem("node.db", p)).toList();
  }

  /** What a check found: the tree head it checked against (null if none) and the problems. */
  public record Result(TreeHead head, List<StorageProblem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  /** Checks one stored row; returns what is wrong with it, or null. */
  @FunctionalInterface
  private interface RowCheck {
    String wrong(MessageRow row) throws IOException;
  }

  /** The stream of a Party's stored entries, in batches, rebuilding the tree's compact range. */
  private final class Walk {
    final String party;
    final long size;
    final List<StorageProblem> problems;
    final Rows each;
    final CompactRange range = CompactRange.empty();
    CompactRange.NodeSink onLeaf = (l, i, h) -> {};
    long next;
    int found;

    Walk(String party, long size, List<StorageProblem> problems, Rows each) {
      this.party = party;
      this.size = size;
      this.problems = problems;
      this.each = each;
      this.found = problems.size();
    }

    boolean clean() {
      return problems.size() == found;
    }

    void problem(String file, String what) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(new StorageProblem(file, what));
      } else if (problems.size() == MAX_PROBLEMS) {
        problems.add(new StorageProblem(file, "... and more: see the ones above first"));
      }
    }

    void run(RowCheck check) throws IOException, StoreException {
      while (next < size) {
        List<MessageRow> batch = store.messagesFrom(party, next, BATCH_ROWS, BATCH_BYTES);
        if (batch.isEmpty() || !row(batch, check)) {
          return;
        }
      }
    }

    private boolean row(List<MessageRow> batch, RowCheck check) throws IOException {
      for (MessageRow row : batch) {
        if (row.index() != next || next >= size) {
          return false; // a gap: reported by the caller as missing entries
        }
        Hash leaf = MerkleHash.leaf(row.entry());
        String wrong =
            !leaf.hex().equals(row.leafHash())
                ? "its bytes do not hash to its recorded leaf hash"
                : check.wrong(row);
        if (wrong != null) {
          problem("node.db", "entry " + party + "/" + next + " (" + row.type() + "): " + wrong);
        }
        range.append(leaf, onLeaf);
        next++;
        if (clean()) {
          each.accept(row);
        }
      }
      return true;
    }
  }

  /** Compares each node the walk completes at a tile level with the mirror's stored hash tile. */
  private static final class TileCompare {
    final String party;
    final TileSource tiles;
    final long size;
    final Walk walk;
    final Map<Integer, TileId> loaded = new HashMap<>();
    final Map<Integer, List<Hash>> hashes = new HashMap<>();

    TileCompare(String party, TileSource tiles, long size, Walk walk) {
      this.party = party;
      this.tiles = tiles;
      this.size = size;
      this.walk = walk;
    }

    void append(int level, long index, Hash hash) {
      if (level % 8 != 0) {
        return;
      }
      TileId id = TileId.forNode(level / 8, index, size);
      List<Hash> tile = tile(level / 8, id);
      if (tile != null && !tile.get((int) (index % 256)).equals(hash)) {
        walk.problem("node.db", "mirror of %s: hash tile %s (node %d) differs from the tree of"
            .formatted(party, id.path(), index) + " the entries");
      }
    }

    /** The tile at tile level {@code l}, read once as the walk reaches it; null if unreadable. */
    private List<Hash> tile(int l, TileId id) {
      if (!id.equals(loaded.get(l))) {
        loaded.put(l, id);
        try {
          hashes.put(l, HashTile.parse(tiles.readTile(id), id.width()));
        } catch (IOException | TileFormatException e) {
          hashes.remove(l);
          walk.problem(
              "node.db", "mirror of " + party + ": hash tile " + id.path() + ": " + e.getMessage());
        }
      }
      return hashes.get(l);
    }

    /**
     * The root of the first {@code n} entries, from the stored tiles (checked above as they go).
     */
    Hash rootAt(long n, Hash whole) {
      if (n == size) {
        return whole;
      }
      try {
        return TreeProofs.root(new TileHashReader(tiles, size), n);
      } catch (IOException e) {
        return MerkleHash.EMPTY_ROOT; // a tile that cannot be read was named above
      }
    }
  }
}
