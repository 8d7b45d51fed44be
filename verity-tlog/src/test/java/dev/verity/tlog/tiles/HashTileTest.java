package dev.verity.tlog.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashTileTest {
  private static List<Hash> hashes(int n) {
    List<Hash> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(MerkleHash.leaf(new byte[] {(byte) i}));
    }
    return l;
  }

  @Test
  void roundTripsEveryWidth() throws Exception {
    for (int w = 1; w <= 256; w++) {
      byte[] data = HashTile.format(hashes(w));
      assertThat(data).hasSize(32 * w);
      assertThat(HashTile.parse(data, w)).isEqualTo(hashes(w));
    }
  }

  @Test
  void rejectsWrongLengths() {
    byte[] data = HashTile.format(hashes(3));
    assertThatThrownBy(() -> HashTile.parse(data, 2)).isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> HashTile.parse(data, 4)).isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> HashTile.parse(new byte[95], 3))
        .isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> HashTile.parse(new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HashTile.format(hashes(257)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HashTile.format(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
