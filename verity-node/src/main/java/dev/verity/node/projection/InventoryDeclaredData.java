package dev.verity.node.projection;

import dev.verity.core.inspection.DeclaredData;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Party has declared, answered from the node's inventory projection: its latest data
 * exchange updated by every notification with an event before the instant (not the raw
 * declaration, which an item moved since would contradict). The ledger refolds often (every
 * submitted step), so each (Party, instant) is answered once while the Party's entries stay the
 * same; a snapshot copies the maps because the projection's inventory is live.
 */
final class InventoryDeclaredData implements DeclaredData {
  private static final int MAX_CACHED = 4096;

  private record Snapshot(Map<String, Facility> facilities, Map<String, Item> items) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());
  }

  private final Projections projections;
  private final Map<String, Snapshot> cache = new HashMap<>();

  InventoryDeclaredData(Projections projections) {
    this.projections = projections;
  }

  private Snapshot at(String party, Instant at) {
    String key = party + "|" + at + "|" + projections.inventoryInputs(party);
    synchronized (projections) {
      if (cache.size() > MAX_CACHED) {
        cache.clear();
      }
      return cache.computeIfAbsent(key, k -> snapshot(party, at));
    }
  }

  private Snapshot snapshot(String party, Instant at) {
    try {
      Optional<Inventory> inv = projections.inventoryAt(party, at);
      return inv.map(i -> new Snapshot(Map.copyOf(i.facilities()), Map.copyOf(i.items()))).orElse(Snapshot.EMPTY);
    } catch (DeclarationException | InventoryException e) {
      return Snapshot.EMPTY; // nothing declared yet at that instant (or a broken record): nothing to inspect
    }
  }

  @Override
  public Optional<Facility> facility(String party, String id, Instant at) {
    return Optional.ofNullable(at(party, at).facilities().get(id));
  }

  @Override
  public Optional<Item> item(String party, String id, Instant at) {
    return Optional.ofNullable(at(party, at).items().get(id));
  }

  @Override
  public List<Item> itemsAt(String party, String facility, Instant at) {
    return at(party, at).items().values().stream().filter(i -> facility.equals(i.facility()))
        .sorted(java.util.Comparator.comparing(Item::id)).toList();
  }
}
