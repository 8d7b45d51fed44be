package dev.verity.node.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.inventory.Inventory;
import dev.verity.node.projection.EscrowLedger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A Party's inventory as the API shows it: aggregates, items per facility, or why it failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryView(Instant clock, Integer items, Map<String, Long> aggregates,
    Map<String, Integer> itemsByFacility, String error, Escrow escrow) {

  /**
   * An escrowed declaration: {@code committed} items behind the root, of which {@code revealed}
   * were opened with a valid proof ({@code items} and {@code itemsByFacility} count only those);
   * the aggregates are the committed ones.
   */
  public record Escrow(java.time.LocalDate asOf, String root, long committed, int revealed, long notRevealed,
      EscrowLedger.EntryRef entry) {}

  static InventoryView of(Inventory inv) {
    Map<String, Integer> byFacility = new TreeMap<>();
    inv.items().values().forEach(it -> {
      if (it.facility() != null) {
        byFacility.merge(it.facility(), 1, Integer::sum);
      }
    });
    return new InventoryView(inv.clock(), inv.size(), new LinkedHashMap<>(inv.aggregates()), byFacility, null, null);
  }

  static InventoryView escrowed(EscrowLedger.Escrowed x) {
    Map<String, Integer> byFacility = new TreeMap<>();
    x.revealed().forEach(it -> {
      if (it.facility() != null) {
        byFacility.merge(it.facility(), 1, Integer::sum);
      }
    });
    var c = x.commitment();
    return new InventoryView(null, x.revealed().size(), new LinkedHashMap<>(c.aggregates()), byFacility, null,
        new Escrow(c.asOf(), c.root(), c.size(), x.revealed().size(), c.size() - x.revealed().size(), x.entry()));
  }

  static InventoryView error(String message) {
    return new InventoryView(null, null, null, null, message, null);
  }
}
