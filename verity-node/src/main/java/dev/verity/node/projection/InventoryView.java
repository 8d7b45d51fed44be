package dev.verity.node.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.inventory.Inventory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A Party's inventory as the API shows it: aggregates, items per facility, or why it failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryView(Instant clock, Integer items, Map<String, Long> aggregates,
    Map<String, Integer> itemsByFacility, String error) {

  static InventoryView of(Inventory inv) {
    Map<String, Integer> byFacility = new TreeMap<>();
    inv.items().values().forEach(it -> {
      if (it.facility() != null) {
        byFacility.merge(it.facility(), 1, Integer::sum);
      }
    });
    return new InventoryView(inv.clock(), inv.size(), new LinkedHashMap<>(inv.aggregates()), byFacility, null);
  }

  static InventoryView error(String message) {
    return new InventoryView(null, null, null, null, message);
  }
}
