package dev.verity.tlog.merkle;

import static dev.verity.tlog.merkle.ProofException.Reason.OUT_OF_RANGE;
import static dev.verity.tlog.merkle.ProofException.Reason.ROOT_MISMATCH;
import static dev.verity.tlog.merkle.ProofException.Reason.WRONG_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proofs generated from stored hashes verify, and any change to them is refused. */
class TreeProofsTest {
  private static MemoryTree tree(int n) {
    MemoryTree t = new MemoryTree();
    for (int i = 0; i < n; i++) {
      t.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    return t;
  }

  @Test
  void everyInclusionAndConsistencyProofUpTo70Leaves() throws Exception {
    MemoryTree t = tree(70);
    for (long n = 1; n <= 70; n++) {
      Hash root = TreeProofs.root(t, n);
      for (long i = 0; i < n; i++) {
        TreeProofs.inclusion(t, i, n).verify(t.nodeHash(0, i), root);
      }
      for (long m = 1; m <= n; m++) {
        TreeProofs.consistency(t, m, n).verify(TreeProofs.root(t, m), root);
      }
    }
  }

  @Test
  void rootOfPrefixEqualsRootOfSmallerTree() throws Exception {
    MemoryTree big = tree(37);
    for (int n = 0; n <= 37; n++) {
      assertThat(TreeProofs.root(big, n)).isEqualTo(tree(n).root());
    }
  }

  @Test
  void aFlippedBitAnywhereIsRefused() throws Exception {
    MemoryTree t = tree(21);
    InclusionProof p = TreeProofs.inclusion(t, 13, 21);
    Hash root = t.root();
    for (int i = 0; i < p.path().size(); i++) {
      List<Hash> path = new ArrayList<>(p.path());
      byte[] b = path.get(i).bytes();
      b[i % 32] ^= 1;
      path.set(i, Hash.of(b));
      InclusionProof bad = new InclusionProof(13, 21, path);
      assertThatThrownBy(() -> bad.verify(t.nodeHash(0, 13), root))
          .isInstanceOfSatisfying(ProofException.class,
              e -> assertThat(e.reason()).isEqualTo(ROOT_MISMATCH));
    }
  }

  @Test
  void extraOrMissingHashesAreRefused() throws Exception {
    MemoryTree t = tree(21);
    InclusionProof p = TreeProofs.inclusion(t, 5, 21);
    List<Hash> longer = new ArrayList<>(p.path());
    longer.add(t.root());
    assertThatThrownBy(() -> new InclusionProof(5, 21, longer).verify(t.nodeHash(0, 5), t.root()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.reason()).isEqualTo(WRONG_LENGTH))
        .hasMessageContaining("too many");
    List<Hash> shorter = p.path().subList(0, p.path().size() - 1);
    assertThatThrownBy(() -> new InclusionProof(5, 21, shorter).verify(t.nodeHash(0, 5), t.root()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.reason()).isEqualTo(WRONG_LENGTH))
        .hasMessageContaining("too few");
  }

  @Test
  void indexMustBeBelowSize() {
    MemoryTree t = tree(4);
    assertThatThrownBy(() -> new InclusionProof(4, 4, List.of()).verify(t.nodeHash(0, 3), t.root()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.reason()).isEqualTo(OUT_OF_RANGE))
        .hasMessageContaining("not below tree size");
  }

  @Test
  void consistencyFromEmptyTreeIsRefused() {
    assertThatThrownBy(() -> new ConsistencyProof(0, 3, List.of())
        .verify(MerkleHash.EMPTY_ROOT, tree(3).root()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.reason()).isEqualTo(OUT_OF_RANGE))
        .hasMessageContaining("empty tree");
  }

  /** Each way a consistency proof fails has its reason, so a witness can branch on it. */
  @Test
  void consistencyFailuresHaveTheirReasons() throws Exception {
    MemoryTree t = tree(21);
    ConsistencyProof p = TreeProofs.consistency(t, 7, 21);
    Hash oldRoot = TreeProofs.root(t, 7);
    assertThat(reason(() -> p.verify(t.root(), t.root()))).isEqualTo(ROOT_MISMATCH);
    assertThat(reason(() -> p.verify(oldRoot, oldRoot))).isEqualTo(ROOT_MISMATCH);
    List<Hash> shorter = p.path().subList(0, p.path().size() - 1);
    assertThat(reason(() -> new ConsistencyProof(7, 21, shorter).verify(oldRoot, t.root())))
        .isEqualTo(WRONG_LENGTH);
    assertThat(reason(() -> new ConsistencyProof(21, 7, List.of()).verify(oldRoot, t.root())))
        .isEqualTo(OUT_OF_RANGE);
    assertThat(reason(() -> ConsistencyProof.verifySubtree(3, 5, 21, List.of(), oldRoot,
        t.root()))).isEqualTo(OUT_OF_RANGE);
  }

  interface Verification {
    void run() throws ProofException;
  }

  private static ProofException.Reason reason(Verification v) {
    try {
      v.run();
    } catch (ProofException e) {
      return e.reason();
    }
    throw new AssertionError("the proof verified");
  }

  @Test
  void hashesMustBe32Bytes() {
    assertThatThrownBy(() -> Hash.of(new byte[31])).hasMessageContaining("32 bytes, got 31");
    assertThatThrownBy(() -> Hash.fromBase64("AAAA")).hasMessageContaining("32 bytes");
  }

  @Test
  void aRootComputedThroughGivenNodesMatchesOnlyIfTheyAreTheTreesOwn() throws Exception {
    MemoryTree t = tree(70);
    for (long n : new long[] {1, 2, 7, 64, 70}) {
      Hash root = TreeProofs.root(t, n);
      for (int level = 0; (n >>> level) > 0; level++) {
        long nodes = n >>> level;
        for (long from = 0; from < nodes; from++) {
          for (long to = from + 1; to <= nodes; to++) {
            List<Hash> given = new ArrayList<>();
            for (long i = from; i < to; i++) {
              given.add(t.nodeHash(level, i));
            }
            assertThat(TreeProofs.rootThrough(t, level, from, given, n)).isEqualTo(root);
            given.set((int) ((to - from) / 2), MerkleHash.leaf(new byte[] {9}));
            assertThat(TreeProofs.rootThrough(t, level, from, given, n))
                .as("%d %d %d %d", n, level, from, to).isNotEqualTo(root);
          }
        }
      }
    }
  }

  @Test
  void aRootThroughNodesBeyondTheTreeIsRefused() {
    MemoryTree t = tree(10);
    List<Hash> beyond = List.of(t.nodeHash(1, 4), t.nodeHash(1, 4));
    assertThatThrownBy(() -> TreeProofs.rootThrough(t, 1, 4, beyond, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
