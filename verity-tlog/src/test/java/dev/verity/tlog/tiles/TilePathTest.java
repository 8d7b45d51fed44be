package dev.verity.tlog.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.tlog.Vectors;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TilePathTest {
  @Test
  void formatsTheSpecExamples() {
    assertThat(TileId.full(0, 1234067).path()).isEqualTo("tile/0/x001/x234/067");
    assertThat(new TileId(0, 1234067, 8).path()).isEqualTo("tile/0/x001/x234/067.p/8");
    assertThat(TileId.full(3, 0).path()).isEqualTo("tile/3/000");
    assertThat(new TileId(1, 999, 255).path()).isEqualTo("tile/1/999.p/255");
    assertThat(TileId.full(1, 1000).path()).isEqualTo("tile/1/x001/000");
    assertThat(BundleId.full(5).path()).isEqualTo("tile/entries/005");
    assertThat(new BundleId(0, 15).path()).isEqualTo("tile/entries/000.p/15");
    assertThat(TileId.full(0, Long.MAX_VALUE).path())
        .isEqualTo("tile/0/x009/x223/x372/x036/x854/x775/807");
  }

  @Test
  void parsesWhatItFormats() throws Exception {
    long[] indices = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1234067, 999_999, 1_000_000,
        Long.MAX_VALUE / 256, Long.MAX_VALUE};
    for (long n : indices) {
      for (int w : new int[] {1, 7, 100, 255, 256}) {
        for (int l : new int[] {0, 1, 5, 63}) {
          TileId t = new TileId(l, n, w);
          assertThat(TilePath.parse(t.path())).isEqualTo(t);
          assertThat(TileId.parse(t.path())).isEqualTo(t);
        }
        BundleId b = new BundleId(n, w);
        assertThat(TilePath.parse(b.path())).isEqualTo(b);
        assertThat(BundleId.parse(b.path())).isEqualTo(b);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tile", "tile/", "tile/0", "tile/0/", "tile/00/000", "tile/64/000",
      "tile/-1/000", "tile/0/00", "tile/0/0000", "tile/0/1", "tile/0/x001", "tile/0/001/000",
      "tile/0/x000/001", "tile/0/x1/000", "tile/0/y001/000", "tile/0/000.p/0", "tile/0/000.p/256",
      "tile/0/000.p/01", "tile/0/000.p/", "tile/0/000.p", "tile/0/000.p/1/", "tile/0/000/",
      "tile/entries/", "tile/entries/0", "tile/entries/000.p/0", "tile/entries/x000/000",
      "tile/0/x010/x000/x000/x000/x000/x000/x000/000", "tile/0/x009/x223/x372/x036/x854/x775/808",
      "/tile/0/000", "tile//000", "tile/0/+01", "tile/0/ 01", "tile/a/000", "tile/entries"})
  void rejectsNonCanonicalPaths(String path) {
    assertThatThrownBy(() -> TilePath.parse(path)).isInstanceOf(TileFormatException.class);
  }

  @Test
  void typedParsersRefuseTheOtherKind() {
    assertThatThrownBy(() -> TileId.parse("tile/entries/000"))
        .isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> BundleId.parse("tile/0/000"))
        .isInstanceOf(TileFormatException.class);
  }

  @Test
  void locatesNodesAndEntriesInATreeOfAGivenSize() {
    assertThat(TileId.forNode(0, 0, 15)).isEqualTo(new TileId(0, 0, 15));
    assertThat(TileId.forNode(0, 300, 1000)).isEqualTo(TileId.full(0, 1));
    assertThat(TileId.forNode(0, 600, 1000)).isEqualTo(TileId.full(0, 2));
    assertThat(TileId.forNode(0, 800, 1000)).isEqualTo(new TileId(0, 3, 1000 - 768));
    assertThat(TileId.forNode(1, 2, 1000)).isEqualTo(new TileId(1, 0, 3));
    assertThat(BundleId.forEntry(3, 15)).isEqualTo(new BundleId(0, 15));
    assertThat(BundleId.forEntry(256, 70000)).isEqualTo(BundleId.full(1));
    assertThatThrownBy(() -> TileId.forNode(1, 3, 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BundleId.forEntry(15, 15))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsInvalidComponents() {
    assertThatThrownBy(() -> new TileId(64, 0, 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TileId(0, -1, 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BundleId(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BundleId(0, 257)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Go's sumdb paths carry the tile height: {@code tile/H/L/N[.p/W]}. C2SP tlog-tiles fixes the
   * height at 8 and drops it; the index encoding of N is shared, so dropping {@code H/} from a
   * valid sumdb path gives a valid C2SP path with the same level, index and width.
   */
  @Test
  void agreesWithGoSumdbTilePathsOnceTheHeightIsDropped() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Vectors.file("golang-x-mod/tlog_vectors.json")
        .toFile());
    JsonNode valid = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("tile_paths")) {
        valid = e.getValue();
      }
    }
    assertThat(valid).isNotNull();
    assertThat(valid.size()).isGreaterThan(0);
    for (JsonNode v : valid) {
      String go = v.asText();
      String c2sp = dropHeight(go);
      TileId t = TileId.parse(c2sp);
      assertThat(t.path()).isEqualTo(c2sp);
      assertThat(c2sp).isEqualTo("tile/" + go.substring(go.indexOf('/', 5) + 1));
    }
    assertThat(TileId.parse(dropHeight("tile/3/5/x123/x456/078.p/2")))
        .isEqualTo(new TileId(5, 123_456_078L, 2));
    for (JsonNode v : root.get("invalid_tile_paths")) {
      assertThatThrownBy(() -> TilePath.parse(dropHeight(v.asText())))
          .as(v.asText()).isInstanceOf(TileFormatException.class);
    }
  }

  private static String dropHeight(String goPath) {
    assertThat(goPath).startsWith("tile/");
    int afterH = goPath.indexOf('/', "tile/".length());
    return "tile/" + goPath.substring(afterH + 1);
  }
}
