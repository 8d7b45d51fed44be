package dev.verity.tlog.merkle;

import static dev.verity.tlog.merkle.ProofException.Reason.OUT_OF_RANGE;
import static dev.verity.tlog.merkle.ProofException.Reason.ROOT_MISMATCH;
import static dev.verity.tlog.merkle.ProofException.Reason.WRONG_LENGTH;

import java.util.List;
import java.util.Objects;

/**
 * An inclusion proof (RFC 9162 §2.1.3): the audit path from the leaf at {@code index} to the root
 * of the tree of {@code treeSize} leaves, lowest sibling first.
 */
public record InclusionProof(long index, long treeSize, List<Hash> path) {

  public InclusionProof {
    Objects.requireNonNull(path, "path");
    path = List.copyOf(path);
    if (index < 0 || treeSize < 0) {
      throw new IllegalArgumentException("index and tree size must be >= 0");
    }
  }

  /** The root this proof leads to from {@code leafHash}, or an exception saying why it cannot. */
  public Hash rootFrom(Hash leafHash) throws ProofException {
    return rootFrom(index, treeSize, leafHash, path);
  }

  /** Checks that {@code leafHash} at {@code index} is in the tree whose root is {@code root}. */
  public void verify(Hash leafHash, Hash root) throws ProofException {
    Hash computed = rootFrom(leafHash);
    if (!computed.equals(root)) {
      throw new ProofException(ROOT_MISMATCH, "inclusion proof for index " + index
          + " leads to root " + computed + ", not to " + root);
    }
  }

  /**
   * Checks a subtree inclusion proof (draft-ietf-plants-merkle-tree-certs §4.3): the leaf at
   * {@code index} is in the subtree {@code [start, end)} whose hash is {@code subtreeHash}. The
   * path is an ordinary inclusion proof within that subtree.
   */
  public static void verifySubtree(
      long index, long start, long end, Hash leafHash, List<Hash> path, Hash subtreeHash)
      throws ProofException {
    Subtrees.requireValid(start, end);
    if (index < start || index >= end) {
      throw new ProofException(OUT_OF_RANGE,
          "index " + index + " is outside the subtree [" + start + ", " + end + ")");
    }
    Hash computed = rootFrom(index - start, end - start, leafHash, path);
    if (!computed.equals(subtreeHash)) {
      throw new ProofException(ROOT_MISMATCH,
          "subtree inclusion proof does not lead to the subtree hash");
    }
  }

  // RFC 9162 §2.1.3.2, step by step; fn tracks the node on the path, sn the last node.
  static Hash rootFrom(long index, long size, Hash leafHash, List<Hash> path)
      throws ProofException {
    Objects.requireNonNull(leafHash, "leafHash");
    if (index >= size) {
      throw new ProofException(OUT_OF_RANGE,
          "index " + index + " is not below tree size " + size);
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        throw new ProofException(WRONG_LENGTH,
            "inclusion proof has too many hashes (" + path.size() + ")");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(WRONG_LENGTH,
          "inclusion proof has too few hashes (" + path.size() + ")");
    }
    return r;
  }
}
