package dev.verity.node.federation;

import dev.verity.node.entry.EntryException;
import dev.verity.node.entry.Envelope;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.StoreException;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.merkle.CompactRange;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.TileFormatException;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This node's verified copy of one peer's log. New entries are fetched from the peer's entry
 * bundles, hashed, and accepted only if, appended to everything verified before, they give
 * exactly the root of the peer's signed checkpoint: a rewritten old entry, a changed new one or
 * a fork all fail that one comparison (stronger than a consistency proof alone, which the
 * witness checks too). Accepted entries are stored and applied to the projections in one step
 * per batch, exactly once.
 */
public final class Mirror {
  private final String peer;
  private final NodeStore store;
  private final Projections projections;
  private final Clock clock;
  private CompactRange range = CompactRange.empty();
  private boolean warnedClock;
  private final MemoryTree tree = new MemoryTree();

  /** Fetches an entry bundle; empty if the peer does not have it at that width. */
  @FunctionalInterface
  public interface BundleSource {
    Optional<byte[]> bundle(BundleId id) throws IOException;
  }

  private Mirror(String peer, NodeStore store, Projections projections, Clock clock) {
    this.peer = peer;
    this.store = store;
    this.projections = projections;
    this.clock = clock;
  }

  /** The mirror as stored: rebuilt from the stored leaf hashes of the peer's entries. */
  public static Mirror load(String peer, NodeStore store, Projections projections, Clock clock)
      throws StoreException {
    Mirror m = new Mirror(peer, store, projections, clock);
    for (MessageRow r : store.allMessages(peer)) {
      Hash h = Hash.fromHex(r.leafHash());
      m.range.append(h, (l, i, x) -> {});
      m.tree.appendLeafHash(h);
    }
    return m;
  }

  public synchronized long size() {
    return range.size();
  }

  public synchronized Hash root() {
    return range.root();
  }

  /** The inclusion proof of entry {@code index} in the mirrored tree of {@code size}. */
  public synchronized InclusionProof inclusion(long index, long size) throws IOException {
    return TreeProofs.inclusion(tree, index, size);
  }

  /** The consistency proof from {@code oldSize} to {@code size} of the mirrored tree (RFC 9162). */
  public synchronized List<Hash> consistency(long oldSize, long size) throws IOException {
    return oldSize == 0 || oldSize == size ? List.of() : TreeProofs.consistency(tree, oldSize, size).path();
  }

  /**
   * Brings the mirror up to {@code checkpoint} (already signature-checked), fetching what is
   * missing from {@code source}; fails with an alarm kind if the peer's log does not match.
   */
  public synchronized void catchUp(Checkpoint checkpoint, String checkpointText, BundleSource source)
      throws FederationException, IOException, StoreException {
    long size = checkpoint.size();
    long have = range.size();
    if (size < have) {
      if (!TreeProofs.root(tree, size).equals(checkpoint.rootHash())) {
        throw new FederationException("fork", peer + " signed a checkpoint of size " + size
            + " that is not a prefix of the log already received");
      }
      return;
    }
    if (size == have) {
      if (!range.root().equals(checkpoint.rootHash())) {
        throw new FederationException("fork", peer + " signed two different trees of size " + size);
      }
      return;
    }
    List<byte[]> entries = fetch(have, size, source);
    CompactRange next = range.copy();
    List<Hash> leaves = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      Hash h = MerkleHash.leaf(e);
      leaves.add(h);
      next.append(h, (l, i, x) -> {});
    }
    if (!next.root().equals(checkpoint.rootHash())) {
      throw new FederationException("altered-entry", peer + ": entries " + have + ".." + size
          + " do not hash to the signed checkpoint's root (altered entry or fork)");
    }
    List<MessageRow> rows = new ArrayList<>(entries.size());
    List<Envelope> envelopes = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Envelope env = null;
      String type = "unreadable";
      try {
        env = Envelope.decode(entries.get(i));
        type = env.party().equals(peer) ? env.type() : "foreign-party";
      } catch (EntryException ex) {
        // still part of the peer's signed record; kept and flagged, never dropped
      }
      envelopes.add(env != null && env.party().equals(peer) ? env : null);
      rows.add(new MessageRow(peer, have + i, type, leaves.get(i).hex(), entries.get(i), clock.instant(), null));
    }
    if (!store.applyMirrored(peer, have, rows, checkpointText)) {
      throw new IOException(peer + ": mirror position changed underneath");
    }
    range = next;
    warnIfClocksDisagree(envelopes);
    for (int i = 0; i < entries.size(); i++) {
      tree.appendLeafHash(leaves.get(i));
      if (envelopes.get(i) != null) {
        projections.apply(peer, have + i, envelopes.get(i));
      } else {
        projections.skip(peer, have + i, "entry " + (have + i) + " of " + peer + " is not a valid Verity entry");
      }
    }
  }

  /**
   * An exercise node pinned to a node on real time (or the reverse) dates its entries years apart
   * from its peer's: deadlines and step times would be judged across that gap. Said once, in the log.
   */
  private void warnIfClocksDisagree(List<Envelope> envelopes) {
    for (Envelope e : envelopes) {
      if (!warnedClock && e != null && e.createdAt() != null
          && java.time.Duration.between(e.createdAt(), clock.instant()).abs().toDays() > 180) {
        warnedClock = true;
        System.err.println("verity: " + peer + " dates its entries at " + e.createdAt() + " but this node's clock is at "
            + clock.instant() + ": are both exercise nodes (or both on real time)?");
      }
    }
  }

  /** Entries [from, to) from the bundles; the last, partial bundle at the checkpoint's width. */
  static List<byte[]> fetch(long from, long to, BundleSource source) throws IOException, FederationException {
    List<byte[]> out = new ArrayList<>((int) Math.min(to - from, 1 << 20));
    for (long b = from / TilePath.WIDTH; b * TilePath.WIDTH < to; b++) {
      long start = b * TilePath.WIDTH;
      int width = (int) Math.min(TilePath.WIDTH, to - start);
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
        throw new FederationException("altered-entry", "entry bundle " + id.path() + ": " + e.getMessage());
      }
      if (entries.size() < width) {
        throw new FederationException("altered-entry", "entry bundle " + id.path() + " holds " + entries.size()
            + " entries, not " + width);
      }
      for (int i = (int) Math.max(0, from - start); i < width; i++) {
        out.add(entries.get(i));
      }
    }
    return out;
  }
}
