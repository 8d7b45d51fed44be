package dev.verity.tlog.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.Vectors;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.TreeProofs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TileHashReaderTest {
  /** The tiles of a MemoryTree of {@code size} leaves, as a tlog-tiles writer stores them. */
  static Map<TileId, byte[]> tilesOf(MemoryTree tree, long size) throws IOException {
    Map<TileId, byte[]> tiles = new HashMap<>();
    for (int l = 0; TileId.nodesAtLevel(l, size) > 0; l++) {
      long nodes = TileId.nodesAtLevel(l, size);
      for (long t = 0; t * 256 < nodes; t++) {
        List<Hash> hs = new ArrayList<>();
        for (long i = t * 256; i < Math.min(nodes, t * 256 + 256); i++) {
          hs.add(tree.nodeHash(8 * l, i));
        }
        tiles.put(new TileId(l, t, hs.size()), HashTile.format(hs));
      }
    }
    return tiles;
  }

  private static TileSource source(Map<TileId, byte[]> tiles, List<TileId> reads) {
    return id -> {
      reads.add(id);
      byte[] b = tiles.get(id);
      if (b == null) {
        throw new NoSuchFileException(id.path());
      }
      return b;
    };
  }

  @Test
  void givesTheSameRootsAndProofsAsTheTreeItself() throws Exception {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 70_000; i++) {
      tree.append(("entry " + i).getBytes());
    }
    for (long size : new long[] {1, 2, 15, 255, 256, 257, 511, 65535, 65536, 65537, 70_000}) {
      TileHashReader r = new TileHashReader(source(tilesOf(tree, size), new ArrayList<>()), size);
      assertThat(TreeProofs.root(r, size)).isEqualTo(TreeProofs.root(tree, size));
      for (long idx : new long[] {0, size / 3, size / 2, size - 1}) {
        assertThat(TreeProofs.inclusion(r, idx, size))
            .isEqualTo(TreeProofs.inclusion(tree, idx, size));
      }
      for (long old : new long[] {1, size / 2, size - 1}) {
        if (old > 0) {
          assertThat(TreeProofs.consistency(r, old, size))
              .isEqualTo(TreeProofs.consistency(tree, old, size));
        }
      }
    }
  }

  @Test
  void readsFewTilesPerProofAndCachesThem() throws Exception {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 70_000; i++) {
      tree.append(("entry " + i).getBytes());
    }
    List<TileId> reads = new ArrayList<>();
    TileHashReader r = new TileHashReader(source(tilesOf(tree, 70_000), reads), 70_000);
    TreeProofs.inclusion(r, 12345, 70_000);
    assertThat(reads.size()).isLessThanOrEqualTo(6);
    int before = reads.size();
    TreeProofs.inclusion(r, 12346, 70_000);
    assertThat(reads).hasSize(before);
  }

  @Test
  void rebuildsTheTesseraRootFromItsTiles() throws Exception {
    Path log = Vectors.file("tessera-testdata-log/log");
    TileSource files = id -> Files.readAllBytes(log.resolve(id.path()));
    assertThat(TreeProofs.root(new TileHashReader(files, 15), 15).base64())
        .isEqualTo("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=");
    for (int size = 1; size <= 15; size++) {
      // each older partial tile rebuilds the root of its own checkpoint
      TileHashReader r = new TileHashReader(files, size);
      String cp = Files.readString(log.resolve("checkpoint." + size));
      assertThat(cp.split("\n")[2]).isEqualTo(TreeProofs.root(r, size).base64());
    }
  }

  @Test
  void refusesNodesOutsideTheTreeAndReportsBadTiles() {
    Map<TileId, byte[]> tiles = Map.of(new TileId(0, 0, 3), new byte[95]);
    TileHashReader r = new TileHashReader(source(tiles, new ArrayList<>()), 3);
    assertThatThrownBy(() -> r.nodeHash(2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.nodeHash(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.nodeHash(0, 0)).isInstanceOf(IOException.class)
        .hasMessageContaining("tile/0/000.p/3");
    TileHashReader missing = new TileHashReader(source(Map.of(), new ArrayList<>()), 3);
    assertThatThrownBy(() -> missing.nodeHash(0, 0)).isInstanceOf(NoSuchFileException.class);
  }
}
