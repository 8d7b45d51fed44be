package dev.verity.tlog.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz target for the entry bundle and hash tile parsers (replays the committed seeds in
 * {@code EntryBundleFuzzTestInputs/<method>/} in a normal test run). Each parser returns a value
 * or throws {@link TileFormatException}, nothing else; what parses formats back to the same
 * bytes.
 */
class EntryBundleFuzzTest {
  @FuzzTest
  void parseBundle(byte[] data) {
    List<byte[]> entries;
    try {
      entries = EntryBundle.parse(data);
    } catch (TileFormatException e) {
      return;
    }
    assertThat(entries).isNotEmpty().hasSizeLessThanOrEqualTo(256);
    assertThat(EntryBundle.format(entries)).isEqualTo(data);
    try {
      assertThat(EntryBundle.parse(data, entries.size())).hasSameSizeAs(entries);
    } catch (TileFormatException e) {
      throw new AssertionError("a bundle of " + entries.size() + " entries must parse at that "
          + "width", e);
    }
  }

  @FuzzTest
  void parseHashTile(byte[] data) {
    int width = data.length == 0 ? 1 : (data[0] & 0xFF) + 1;
    try {
      assertThat(HashTile.format(HashTile.parse(data, width))).isEqualTo(data);
    } catch (TileFormatException e) {
      // rejected: fine
    }
  }
}
