package dev.verity.tlog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.tiles.EntryBundle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The audit's bulk hashing gives exactly RFC 9162's hashes, and leaves the bundle as it was. */
class BundleHasherTest {
  // Around SHA-256's 64-byte block and its 55-byte padding edge, with the 0x00 prefix added.
  private static final int[] SIZES = {0, 1, 2, 53, 54, 55, 56, 62, 63, 64, 65, 127, 128, 1000};

  @Test
  void leafHashesAreMerkleLeavesAndTheBundleIsUnchanged() throws Exception {
    Random rnd = new Random(5);
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      byte[] e = new byte[SIZES[i % SIZES.length] + (i >= SIZES.length ? rnd.nextInt(3) : 0)];
      rnd.nextBytes(e);
      entries.add(e);
    }
    byte[] bundle = EntryBundle.format(entries);
    byte[] original = bundle.clone();
    byte[] leaves = new BundleHasher().leafHashes(bundle, EntryBundle.index(bundle));
    assertThat(bundle).isEqualTo(original);
    assertThat(leaves).hasSize(256 * Hash.SIZE);
    for (int i = 0; i < entries.size(); i++) {
      assertThat(Hash.of(leaves, i * Hash.SIZE, Hash.SIZE))
          .as("leaf %d", i)
          .isEqualTo(MerkleHash.leaf(entries.get(i)));
    }
  }

  @Test
  void theLargestEntryABundleHolds() throws Exception {
    byte[] e = new byte[EntryBundle.MAX_ENTRY_SIZE];
    new Random(6).nextBytes(e);
    byte[] bundle = EntryBundle.format(List.of(e, new byte[0]));
    byte[] leaves = new BundleHasher().leafHashes(bundle, EntryBundle.index(bundle));
    assertThat(Hash.of(leaves, 0, Hash.SIZE)).isEqualTo(MerkleHash.leaf(e));
    assertThat(Hash.of(leaves, Hash.SIZE, Hash.SIZE)).isEqualTo(MerkleHash.leaf(new byte[0]));
  }

  @Test
  void theSubtreeRootIsTheLevel8NodeAndTheLeavesAreUnchanged() throws Exception {
    MemoryTree tree = new MemoryTree();
    BundleHasher hasher = new BundleHasher();
    for (int round = 0; round < 2; round++) { // the scratch space is reused: twice
      byte[] leaves = new byte[256 * Hash.SIZE];
      for (int i = 0; i < 256; i++) {
        Hash leaf = MerkleHash.leaf(("entry " + tree.size()).getBytes(StandardCharsets.UTF_8));
        tree.appendLeafHash(leaf);
        leaf.copyTo(leaves, i * Hash.SIZE);
      }
      byte[] original = leaves.clone();
      assertThat(hasher.subtreeRoot(leaves)).isEqualTo(tree.nodeHash(8, round));
      assertThat(leaves).isEqualTo(original);
    }
    assertThatThrownBy(() -> hasher.subtreeRoot(new byte[255 * Hash.SIZE]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
