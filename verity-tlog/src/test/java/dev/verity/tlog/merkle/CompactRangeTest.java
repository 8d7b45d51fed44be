package dev.verity.tlog.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {
  @Test
  void rootMatchesTheTreeAtEverySize() throws Exception {
    MemoryTree t = new MemoryTree();
    CompactRange r = CompactRange.empty();
    assertThat(r.root()).isEqualTo(MerkleHash.EMPTY_ROOT);
    for (int i = 0; i < 300; i++) {
      Hash leaf = MerkleHash.leaf(("e" + i).getBytes(StandardCharsets.UTF_8));
      t.appendLeafHash(leaf);
      r.append(leaf, (level, index, hash) -> { });
      assertThat(r.root()).isEqualTo(TreeProofs.root(t, i + 1));
      assertThat(r.roots()).hasSize(Long.bitCount(i + 1));
    }
  }

  @Test
  void reportsEachCompletedNodeOnce() {
    CompactRange r = CompactRange.empty();
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      r.append(MerkleHash.leaf(new byte[] {(byte) i}), (l, idx, h) -> nodes.add(l + "/" + idx));
    }
    assertThat(nodes).containsExactly("0/0", "0/1", "1/0", "0/2", "0/3", "1/1", "2/0");
  }

  @Test
  void rebuildsFromStoredHashes() throws Exception {
    MemoryTree t = new MemoryTree();
    for (int i = 0; i < 45; i++) {
      t.append(new byte[] {(byte) i});
    }
    CompactRange r = CompactRange.of(t, 45);
    assertThat(r.root()).isEqualTo(t.root());
    Hash next = MerkleHash.leaf(new byte[] {45});
    r.append(next, (l, idx, h) -> { });
    t.appendLeafHash(next);
    assertThat(r.root()).isEqualTo(t.root());
  }
}
