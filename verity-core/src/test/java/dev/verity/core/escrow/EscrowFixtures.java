package dev.verity.core.escrow;

import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Declarations for the escrow tests: {@code n} items (silos, half of them loaded with an ICBM). */
final class EscrowFixtures {
  private EscrowFixtures() {}

  static Declaration declaration(int n) {
    List<Facility> fs = List.of(new Facility("BASE-1", null, "icbm-base", null, null),
        new Facility("STORE-1", null, "storage-facility", null, null));
    List<Item> items = new ArrayList<>();
    for (int i = 0; items.size() < n; i++) {
      String silo = String.format("S-%05d", i);
      items.add(Item.of(silo, "icbm-launcher-silo", "BASE-1"));
      if (items.size() < n) {
        items.add(new Item(String.format("M-%05d", i), "icbm", "BASE-1", silo, null, 1 + i % 3, null, null, null, null));
      }
    }
    java.util.Collections.reverse(items); // the commitment orders them itself
    return new Declaration("new-start-voluntary-2026", "US", LocalDate.of(2026, 3, 1), null, fs, items);
  }
}
