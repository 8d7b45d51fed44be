package dev.verity.core.replay;

import dev.verity.core.inspection.DeclaredData;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.inventory.InventoryState;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each Party had declared at an instant, answered from the folded inventory regime (its
 * latest declaration updated by every notification with an event before the instant), for the
 * inspections' checks of sites and items. The inventory is folded before the inspections, so the
 * answers do not change during their fold; each (Party, instant) is computed once.
 */
final class StateDeclaredData implements DeclaredData {
  private final Supplier<Optional<InventoryState>> inventory;
  private final Map<String, Optional<Inventory>> cache = new HashMap<>();

  StateDeclaredData(Supplier<Optional<InventoryState>> inventory) {
    this.inventory = inventory;
  }

  private Optional<Inventory> at(String party, Instant t) {
    return cache.computeIfAbsent(party + "|" + t, k -> inventory.get().flatMap(s -> {
      try {
        return s.inventoryAt(party, t);
      } catch (DeclarationException | InventoryException e) {
        return Optional.empty(); // a broken record declares nothing to inspect
      }
    }));
  }

  @Override
  public Optional<Facility> facility(String party, String id, Instant t) {
    return at(party, t).map(i -> i.facilities().get(id));
  }

  @Override
  public Optional<Item> item(String party, String id, Instant t) {
    return at(party, t).map(i -> i.item(id));
  }

  @Override
  public List<Item> itemsAt(String party, String facility, Instant t) {
    return at(party, t).map(i -> i.items().values().stream()
        .filter(x -> facility.equals(x.facility())).sorted(Comparator.comparing(Item::id))
        .toList()).orElse(List.of());
  }
}
