package dev.verity.core.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.message.Item;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ItemRecordsTest {
  @Test
  void canonicalEncodingSortsMembersAndOmitsAbsentOnes() {
    Item m = new Item("M-1", "icbm", "BASE-1", "S-1", null, 3, null, null, null, null);
    assertThat(new String(ItemRecords.canonical(m), StandardCharsets.UTF_8))
        .isEqualTo("{\"facility\":\"BASE-1\",\"id\":\"M-1\",\"kind\":\"icbm\",\"launcher\":\"S-1\",\"warheads\":3}");
  }

  @Test
  void leafIsRecordThenSalt() {
    Item m = Item.of("B", "heavy-bomber", "AIR");
    byte[] salt = new byte[32];
    byte[] leaf = ItemRecords.leaf(m, salt);
    assertThat(leaf).hasSize(ItemRecords.canonical(m).length + 32);
    assertThat(ItemRecords.leafHash(m, salt)).isNotEqualTo(ItemRecords.leafHash(m, new byte[] {1}));
  }
}
