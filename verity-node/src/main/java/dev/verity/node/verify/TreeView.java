package dev.verity.node.verify;

import dev.verity.tlog.merkle.ConsistencyProof;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.HashReader;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.storage.TreeHead;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A verified tree (the node's own log at its signed checkpoint, or a peer's mirror at the size it
 * verified) and its stored hashes, through which whatever the node is about to serve is checked
 * first: an entry from {@code node.db}, an entry bundle or hash tile from the files, an inclusion
 * proof. A stored hash is trusted only as part of a computation that ends at the signed root
 * ({@link TreeProofs#rootThrough}), so a flipped byte anywhere on the way (entry, leaf tile,
 * interior tile) stops the answer; {@code onCorrupt} raises the local alarm.
 */
public final class TreeView {
  private final String name;
  private final TreeHead head;
  private final HashReader hashes;
  private final Consumer<StorageProblem> onCorrupt;

  /**
   * @param name what the tree is, for messages ({@code log of US}, {@code mirror of RU})
   */
  public TreeView(
      String name, TreeHead head, HashReader hashes, Consumer<StorageProblem> onCorrupt) {
    this.name = name;
    this.head = head;
    this.hashes = hashes;
    this.onCorrupt = onCorrupt;
  }

  public TreeHead head() {
    return head;
  }

  public HashReader hashes() {
    return hashes;
  }

  /** Checks entry {@code index}'s bytes, as read from {@code file}, against the root. */
  public void checkEntry(String file, long index, byte[] entry) throws IOException {
    checkNodes(file, "entry " + index, 0, index, List.of(MerkleHash.leaf(entry)));
  }

  /**
   * Checks consecutive nodes at Merkle {@code level} from {@code from} on, as read from {@code
   * file}.
   */
  public void checkNodes(String file, String what, int level, long from, List<Hash> nodes)
      throws IOException {
    if (from + nodes.size() > head.size() >>> level) {
      throw corrupt(
          file,
          what + " is not covered by the " + name + "'s checkpoint (size " + head.size() + ")");
    }
    Hash root;
    try {
      root = TreeProofs.rootThrough(hashes, level, from, nodes, head.size());
    } catch (IOException e) {
      throw corrupt(file, what + ": the hashes to check it cannot be read: " + e.getMessage());
    }
    if (!root.equals(head.root())) {
      throw corrupt(file, what + fails() + ": it, or a hash tile on its path, is damaged");
    }
  }

  /**
   * The inclusion proof of entry {@code index} ({@code entry}'s bytes), checked before it is given
   * out.
   */
  public InclusionProof inclusion(String file, long index, byte[] entry) throws IOException {
    InclusionProof p = TreeProofs.inclusion(hashes, index, head.size());
    try {
      p.verify(MerkleHash.leaf(entry), head.root());
    } catch (ProofException e) {
      throw corrupt(file, "entry " + index + ": its inclusion proof" + fails()
          + ": the entry or a hash tile is damaged");
    }
    return p;
  }

  /** The consistency proof from {@code oldSize} to this tree, checked before it is given out. */
  public ConsistencyProof consistency(long oldSize) throws IOException {
    ConsistencyProof p = TreeProofs.consistency(hashes, oldSize, head.size());
    try {
      p.verify(TreeProofs.root(hashes, oldSize), head.root());
    } catch (ProofException e) {
      throw corrupt("hash tiles", "the consistency proof from size " + oldSize + fails()
          + ": a hash tile is damaged");
    }
    return p;
  }

  private String fails() {
    return " does not verify against the " + name + "'s signed root (size " + head.size() + ")";
  }

  private StorageCorruptException corrupt(String file, String what) {
    StorageProblem p = new StorageProblem(file, what);
    onCorrupt.accept(p);
    return new StorageCorruptException(p);
  }
}
