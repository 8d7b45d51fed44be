package dev.verity.tlog.merkle;

import static dev.verity.tlog.merkle.ProofException.Reason.OUT_OF_RANGE;
import static dev.verity.tlog.merkle.ProofException.Reason.ROOT_MISMATCH;
import static dev.verity.tlog.merkle.ProofException.Reason.WRONG_LENGTH;

import java.util.List;
import java.util.Objects;

/**
 * A consistency proof (RFC 9162 §2.1.4) that the tree of {@code oldSize} leaves is a prefix of
 * the tree of {@code newSize} leaves.
 *
 * <p>Strict, as Go's transparency-dev/merkle: a proof from size 0 is refused (it proves
 * nothing), and equal sizes need an empty proof and equal roots. C2SP tlog-witness's "old size
 * 0 with an empty proof" is a separate rule, kept by the witness itself.
 */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> path) {

  public ConsistencyProof {
    Objects.requireNonNull(path, "path");
    path = List.copyOf(path);
    if (oldSize < 0 || newSize < 0) {
      throw new IllegalArgumentException("tree sizes must be >= 0");
    }
  }

  /** Checks that {@code oldRoot} (of oldSize) and {@code newRoot} (of newSize) are consistent. */
  public void verify(Hash oldRoot, Hash newRoot) throws ProofException {
    Objects.requireNonNull(oldRoot, "oldRoot");
    Objects.requireNonNull(newRoot, "newRoot");
    if (newSize < oldSize) {
      throw new ProofException(OUT_OF_RANGE,
          "new size " + newSize + " is smaller than old size " + oldSize);
    }
    if (oldSize == 0) {
      throw new ProofException(OUT_OF_RANGE,
          "a consistency proof from the empty tree is meaningless");
    }
    if (oldSize == newSize) {
      if (!path.isEmpty()) {
        throw new ProofException(WRONG_LENGTH, "sizes are equal but the proof is not empty");
      }
      if (!oldRoot.equals(newRoot)) {
        throw new ProofException(ROOT_MISMATCH, "sizes are equal but the roots differ");
      }
      return;
    }
    verifySubtree(0, oldSize, newSize, path, oldRoot, newRoot);
  }

  /**
   * Checks a subtree consistency proof (draft-ietf-plants-merkle-tree-certs §4.4.3): the subtree
   * {@code [start, end)} with hash {@code subtreeHash} is part of the tree of size {@code n} with
   * root {@code root}. With start 0 this is exactly RFC 9162's consistency proof check.
   */
  public static void verifySubtree(
      long start, long end, long n, List<Hash> proof, Hash subtreeHash, Hash root)
      throws ProofException {
    Subtrees.requireValid(start, end);
    if (end > n) {
      throw new ProofException(OUT_OF_RANGE,
          "subtree end " + end + " is beyond tree size " + n);
    }
    long[] c = {start, end - 1, n - 1}; // fn, sn, tn: first and last leaf, the tree's last leaf
    skipUnprovenLevels(c);
    int next = 0;
    Hash fr;
    if (c[0] == c[1]) {
      fr = subtreeHash;
    } else {
      if (proof.isEmpty()) {
        throw new ProofException(WRONG_LENGTH, "consistency proof is empty");
      }
      fr = proof.get(next++);
    }
    Hash sr = fr;
    for (; next < proof.size(); next++) {
      if (c[2] == 0) {
        throw new ProofException(WRONG_LENGTH,
            "consistency proof has too many hashes (" + proof.size() + ")");
      }
      Hash h = proof.get(next);
      if ((c[1] & 1) == 1 || c[1] == c[2]) {
        if (c[0] < c[1]) {
          fr = MerkleHash.node(h, fr);
        }
        sr = MerkleHash.node(h, sr);
        while ((c[1] & 1) == 0) {
          shift(c);
        }
      } else {
        sr = MerkleHash.node(sr, h);
      }
      shift(c);
    }
    check(c[2] == 0, WRONG_LENGTH,
        "consistency proof has too few hashes (" + proof.size() + ")");
    check(fr.equals(subtreeHash), ROOT_MISMATCH, "consistency proof does not match the old root");
    check(sr.equals(root), ROOT_MISMATCH, "consistency proof does not lead to the new root");
  }

  // Climbs to the lowest node that the proof starts from: a subtree flush with the tree's right
  // edge needs no sibling below its own root; an interior one climbs while it is a right child.
  private static void skipUnprovenLevels(long[] c) {
    if (c[1] == c[2]) {
      while (c[0] != c[1]) {
        shift(c);
      }
    } else {
      while (c[0] != c[1] && (c[1] & 1) == 1) {
        shift(c);
      }
    }
  }

  private static void shift(long[] c) {
    c[0] >>>= 1;
    c[1] >>>= 1;
    c[2] >>>= 1;
  }

  private static void check(boolean ok, ProofException.Reason reason, String message)
      throws ProofException {
    if (!ok) {
      throw new ProofException(reason, message);
    }
  }
}
