package dev.verity.tlog.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryBundleTest {
  private static final String[] WORDS = {"one", "two", "three", "four", "five", "six", "seven",
      "eit", "nain", "ten", "ileven", "twelf", "threeten", "fourten", "fivten"}; // sic: Tessera

  @Test
  void readsTheTesseraBundleByteForByte() throws Exception {
    byte[] data =
        Files.readAllBytes(Vectors.file("tessera-testdata-log/log/tile/entries/000.p/15"));
    List<byte[]> entries = EntryBundle.parse(data, 15);
    for (int i = 0; i < 15; i++) {
      assertThat(new String(entries.get(i), StandardCharsets.US_ASCII))
          .isEqualTo(WORDS[i]);
    }
    assertThat(EntryBundle.format(entries)).isEqualTo(data);
  }

  @Test
  void indexesEntriesWithoutCopying() throws Exception {
    byte[] data = EntryBundle.format(List.of(new byte[] {7}, new byte[0], new byte[] {8, 9}));
    assertThat(EntryBundle.index(data, 3)).containsExactly(0, 3, 5, 9);
    assertThatThrownBy(() -> EntryBundle.index(data, 2)).isInstanceOf(TileFormatException.class);
  }

  @Test
  void encodesLengthsBigEndian() throws Exception {
    byte[] big = new byte[0x1234];
    byte[] data = EntryBundle.format(List.of(new byte[0], big));
    assertThat(data[0]).isEqualTo((byte) 0);
    assertThat(data[1]).isEqualTo((byte) 0);
    assertThat(data[2]).isEqualTo((byte) 0x12);
    assertThat(data[3]).isEqualTo((byte) 0x34);
    assertThat(EntryBundle.parse(data, 2).get(1)).isEqualTo(big);
  }

  @Test
  void acceptsTheLargestEntryAndRefusesALargerOne() throws Exception {
    byte[] max = new byte[EntryBundle.MAX_ENTRY_SIZE];
    assertThat(EntryBundle.parse(EntryBundle.format(List.of(max)), 1).get(0)).hasSize(65535);
    assertThatThrownBy(() -> EntryBundle.format(List.of(new byte[65536])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  @Test
  void rejectsMalformedBundles() {
    byte[] ok = EntryBundle.format(List.of(new byte[] {1, 2}, new byte[] {3}));
    assertThatThrownBy(() -> EntryBundle.parse(new byte[0]))
        .isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> EntryBundle.parse(new byte[] {0})).hasMessageContaining("truncated");
    assertThatThrownBy(() -> EntryBundle.parse(java.util.Arrays.copyOf(ok, ok.length - 1)))
        .isInstanceOf(TileFormatException.class).hasMessageContaining("claims");
    assertThatThrownBy(() -> EntryBundle.parse(java.util.Arrays.copyOf(ok, ok.length + 1)))
        .isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> EntryBundle.parse(ok, 3)).isInstanceOf(TileFormatException.class);
    assertThatThrownBy(() -> EntryBundle.parse(ok, 1)).isInstanceOf(TileFormatException.class);
    List<byte[]> many = new ArrayList<>(Collections.nCopies(256, new byte[0]));
    byte[] full = EntryBundle.format(many);
    byte[] tooMany = java.util.Arrays.copyOf(full, full.length + 2);
    assertThatThrownBy(() -> EntryBundle.parse(tooMany)).hasMessageContaining("256");
    many.add(new byte[0]);
    assertThatThrownBy(() -> EntryBundle.format(many)).isInstanceOf(IllegalArgumentException.class);
  }
}
