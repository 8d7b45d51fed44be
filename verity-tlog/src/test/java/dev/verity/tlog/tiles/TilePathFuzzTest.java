package dev.verity.tlog.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the tile path parser. In a normal test run it replays the committed seeds in
 * {@code TilePathFuzzTestInputs/parse/}; with {@code JAZZER_FUZZ=1} it fuzzes. The parser must
 * return a path or throw {@link TileFormatException}, nothing else, and what it accepts must be
 * canonical: formatting it again gives the same string.
 */
class TilePathFuzzTest {
  @FuzzTest
  void parse(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    TilePath p;
    try {
      p = TilePath.parse(s);
    } catch (TileFormatException e) {
      return;
    }
    assertThat(p.path()).isEqualTo(s);
  }
}
