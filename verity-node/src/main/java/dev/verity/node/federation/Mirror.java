package dev.verity.node.federation;

import dev.verity.node.config.PeerLimits;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.MirrorStep;
import dev.verity.node.store.StoreException;
import dev.verity.node.verify.MirrorTree;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.merkle.ConsistencyProof;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.HashReader;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TileHashReader;
import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.tiles.TileSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's verified copy of one peer's log: the entries in {@code node.db}, the tree as hash
 * tiles beside them ({@link MirrorTree}), and in memory only the tree's right edge. New entries are
 * fetched from the peer's entry bundles (or taken from a push), hashed, and accepted only if,
 * appended to everything verified before, they give exactly the root of the peer's signed
 * checkpoint: a rewritten old entry, a changed new one or a fork all fail that one comparison
 * (stronger than a consistency proof alone, which the witness checks too).
 *
 * <p>A long gap is mirrored in steps bounded by the {@link PeerLimits} (decision D35): a step that
 * ends before the checkpoint's size is accepted with a consistency proof from its end to the
 * checkpoint, built from the peer's hash tiles and verified against the signed root, so every step
 * stored is a proven prefix of the peer's signed log, and memory holds one step, never the gap.
 * Each step's entries, tiles and position are one transaction; its entries are then applied to the
 * projections, exactly once.
 */
public final class Mirror {
  private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

  private final String peer;
  private final NodeStore store;
  private final Projections projections;
  private final Clock clock;
  private final PeerLimits limits;
  private MirrorTree tree;
  private boolean warnedClock;

  /** Where a peer's log is read from: its entry bundles, and its hash tiles when it serves them. */
  @FunctionalInterface
  public interface BundleSource {
    /** The entry bundle, if the peer has it at that width. */
    Optional<byte[]> bundle(BundleId id) throws IOException;

    /**
     * The peer's hash tiles, for a step that ends before the checkpoint; null if none are served.
     */
    default TileSource tiles() {
      return null;
    }
  }

  private Mirror(
      String peer,
      NodeStore store,
      Projections projections,
      Clock clock,
      PeerLimits limits,
      MirrorTree tree) {
    this.peer = peer;
    this.store = store;
    this.projections = projections;
    this.clock = clock;
    this.limits = limits;
    this.tree = tree;
  }

  /**
   * The mirror as stored (its right edge read from its tiles). The tiles are trusted here: {@code
   * StorageCheck} verified them against the signed checkpoint when the node started.
   *
   * @param projections where accepted entries are applied; null to apply them nowhere (an import)
   */
  public static Mirror load(
      String peer, NodeStore store, Projections projections, Clock clock, PeerLimits limits)
      throws StoreException, IOException {
    return new Mirror(peer, store, projections, clock, limits, storedTree(store, peer));
  }

  private static MirrorTree storedTree(NodeStore store, String peer)
      throws StoreException, IOException {
    long size = store.position(peer).mirroredSize();
    return size == 0 ? MirrorTree.empty() : MirrorTree.load(MirrorTree.stored(store, peer), size);
  }

  /**
   * Reads the tree back from the store, forgetting any step held in memory only: for a step
   * taken inside a transaction of the caller's ({@link NodeStore#atomically}) whose commit then
   * failed. Entries already applied to the projections stay applied; they come again, the same
   * under the same signed root, and are then stored (projections apply each index once).
   */
  public synchronized void reload() throws StoreException, IOException {
    tree = storedTree(store, peer);
  }

  public synchronized long size() {
    return tree.size();
  }

  public synchronized Hash root() {
    return tree.root();
  }

  /** The size and root verified so far, read together. */
  public synchronized TreeHead head() {
    return new TreeHead(tree.size(), tree.root());
  }

  /** The stored hashes of the mirrored tree of {@code size} (at most {@link #size()}). */
  public HashReader hashes(long size) {
    return new TileHashReader(MirrorTree.stored(store, peer), size);
  }

  /** The inclusion proof of entry {@code index} in the mirrored tree of {@code size}. */
  public InclusionProof inclusion(long index, long size) throws IOException {
    return TreeProofs.inclusion(hashes(size), index, size);
  }

  /** The consistency proof from {@code oldSize} to {@code size} of the mirrored tree (RFC 9162). */
  public List<Hash> consistency(long oldSize, long size) throws IOException {
    return oldSize == 0 || oldSize == size
        ? List.of()
        : TreeProofs.consistency(hashes(size), oldSize, size).path();
  }

  /**
   * Brings the mirror up to {@code checkpoint} (already signature-checked), fetching what is
   * missing from {@code source}; fails with an alarm kind if the peer's log does not match.
   */
  public synchronized void catchUp(Checkpoint checkpoint, String checkpointText, BundleSource source)
      throws FederationException, IOException, StoreException {
    catchUp(checkpoint, checkpointText, null, source);
  }

  /**
   * As {@link #catchUp(Checkpoint, String, BundleSource)}, taking the new entries from
   * {@code pushed} when it holds all of them (and fetching them otherwise): they are checked
   * against the checkpoint's root all the same.
   */
  public synchronized void catchUp(Checkpoint checkpoint, String checkpointText, Push pushed, BundleSource source)
      throws FederationException, IOException, StoreException {
    long size = checkpoint.size();
    if (size <= tree.size()) {
      requirePrefix(checkpoint);
      return;
    }
    HashReader peerTiles = source.tiles() == null ? null : new TileHashReader(source.tiles(), size);
    while (tree.size() < size) {
      long have = tree.size();
      List<byte[]> entries = pushed == null ? null : pushed.slice(have, size).orElse(null);
      if (entries == null) {
        entries =
            fetch(
                have,
                size,
                source,
                peerTiles == null ? Long.MAX_VALUE : limits.maxEntriesPerFetch(),
                peerTiles == null ? Long.MAX_VALUE : limits.maxBytesPerFetch());
      }
      step(checkpoint, checkpointText, peerTiles, entries);
    }
  }

  /** A checkpoint no larger than what is held must be of the same tree. */
  private void requirePrefix(Checkpoint checkpoint) throws FederationException, IOException {
    long size = checkpoint.size();
    Hash root = size == tree.size() ? tree.root() : TreeProofs.root(hashes(tree.size()), size);
    if (!root.equals(checkpoint.rootHash())) {
      throw new FederationException(
          "fork",
          size == tree.size()
              ? peer + " signed two different trees of size " + size
              : peer
                  + " signed a checkpoint of size "
                  + size
                  + " that is not a prefix of the log already received");
    }
  }

  /** Checks one step's entries against the checkpoint, stores them with their tiles, folds them. */
  private void step(Checkpoint checkpoint, String text, HashReader peerTiles, List<byte[]> entries)
      throws FederationException, IOException, StoreException {
    long have = tree.size();
    MirrorTree next = tree.copy();
    List<Hash> leaves = hash(entries, next);
    boolean last = next.size() == checkpoint.size();
    String proof = last ? null : proveStep(checkpoint, peerTiles, have, next);
    if (last && !next.root().equals(checkpoint.rootHash())) {
      throw altered(have, next,
          "do not hash to the signed checkpoint's root (altered entry or fork)");
    }
    List<MessageRow> rows = new ArrayList<>(entries.size());
    List<EntryReading> readings = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      readings.add(EntryReading.of(peer, have + i, entries.get(i)));
      rows.add(new MessageRow(peer, have + i, readings.get(i).type(), leaves.get(i).hex(),
          entries.get(i), clock.instant(), null));
    }
    if (!store.applyMirrored(new MirrorStep(peer, have, rows, next.written(), last ? text : null,
        last ? null : text, proof))) {
      throw new IOException(peer + ": mirror position changed underneath");
    }
    tree = next;
    apply(have, readings);
  }

  /** Each entry's leaf hash, appended to {@code next}; an entry over the limit stops the mirror. */
  private List<Hash> hash(List<byte[]> entries, MirrorTree next) throws FederationException {
    List<Hash> leaves = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      if (e.length > limits.maxEntryBytes()) {
        throw new FederationException("entry-too-large", peer + ": entry " + next.size() + " has "
            + e.length + " bytes; peerLimits.maxEntryBytes is " + limits.maxEntryBytes());
      }
      Hash h = MerkleHash.leaf(e);
      leaves.add(h);
      next.append(h);
    }
    return leaves;
  }

  /**
   * The consistency proof from the step's end to the checkpoint, from the peer's tiles, checked
   * against the signed root: the step is then a prefix of the peer's signed log.
   */
  private String proveStep(Checkpoint checkpoint, HashReader peerTiles, long have, MirrorTree next)
      throws FederationException, IOException {
    ConsistencyProof p = TreeProofs.consistency(peerTiles, next.size(), checkpoint.size());
    try {
      p.verify(next.root(), checkpoint.rootHash());
    } catch (ProofException e) {
      throw altered(have, next, "are not a prefix of the signed checkpoint of size "
          + checkpoint.size() + " (" + e.getMessage() + ")");
    }
    return p.path().stream().map(Hash::base64).collect(Collectors.joining("\n"));
  }

  private FederationException altered(long have, MirrorTree next, String what) {
    return new FederationException("altered-entry",
        peer + ": entries " + have + ".." + next.size() + " " + what);
  }

  private void apply(long from, List<EntryReading> readings) {
    if (projections == null) {
      return;
    }
    for (int i = 0; i < readings.size(); i++) {
      EntryReading r = readings.get(i);
      if (r.readable()) {
        warnIfClocksDisagree(r);
        projections.apply(peer, from + i, r.envelope());
      } else {
        projections.skip(peer, from + i, r.problem());
      }
    }
  }

  /**
   * An exercise node pinned to a node on real time (or the reverse) dates its entries years apart
   * from its peer's: deadlines and step times would be judged across that gap. Said once, in the
   * log.
   */
  private void warnIfClocksDisagree(EntryReading r) {
    var at = r.envelope().createdAt();
    if (!warnedClock && at != null && Duration.between(at, clock.instant()).abs().toDays() > 180) {
      warnedClock = true;
      LOG.warn(
          "{} dates its entries at {} but this node's clock is at {}: are both exercise nodes"
              + " (or both on real time)?",
          peer,
          at,
          clock.instant());
    }
  }

  /**
   * Entries from {@code from} on, towards {@code to}, from the bundles: at least one bundle's
   * worth, then no more once {@code maxEntries} or {@code maxBytes} is reached (the bundle that
   * passes them is taken whole). The last, partial bundle is read at the checkpoint's width.
   */
  static List<byte[]> fetch(long from, long to, BundleSource source, long maxEntries, long maxBytes)
      throws IOException, FederationException {
    List<byte[]> out = new ArrayList<>();
    long bytes = 0;
    for (long b = from / TilePath.WIDTH; b * TilePath.WIDTH < to; b++) {
      if (!out.isEmpty() && (out.size() >= maxEntries || bytes >= maxBytes)) {
        break;
      }
      long start = b * TilePath.WIDTH;
      int width = (int) Math.min(TilePath.WIDTH, to - start);
      for (byte[] e : bundle(source, b, width).subList((int) Math.max(0, from - start), width)) {
        out.add(e);
        bytes += e.length;
      }
    }
    return out;
  }

  /** Entries [from, to) from the bundles, in one piece (tests, small gaps). */
  static List<byte[]> fetch(long from, long to, BundleSource source)
      throws IOException, FederationException {
    return fetch(from, to, source, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  private static List<byte[]> bundle(BundleSource source, long b, int width)
      throws IOException, FederationException {
    BundleId id = new BundleId(b, width);
    Optional<byte[]> data = source.bundle(id);
    if (data.isEmpty() && width < TilePath.WIDTH) {
      data = source.bundle(BundleId.full(b)); // a partial may be gone once the bundle is full
    }
    if (data.isEmpty()) {
      throw new IOException("entry bundle " + id.path() + " not found");
    }
    List<byte[]> entries;
    try {
      entries = EntryBundle.parse(data.get());
    } catch (TileFormatException e) {
      throw new FederationException(
          "altered-entry", "entry bundle " + id.path() + ": " + e.getMessage());
    }
    if (entries.size() < width) {
      throw new FederationException(
          "altered-entry",
          "entry bundle " + id.path() + " holds " + entries.size() + " entries, not " + width);
    }
    return entries;
  }
}
