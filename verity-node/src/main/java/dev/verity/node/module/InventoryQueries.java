package dev.verity.node.module;

import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.inventory.Inventory;
import dev.verity.node.projection.InventoryView;
import dev.verity.node.projection.Reconciliations;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inventory and notifications regime as the routes read it (New START Part Four). */
public interface InventoryQueries {
  /** How many entries the projections have applied: a cache key for what they fold. */
  long applied();

  /** The day of the first declaration of any Party, if one was made. */
  Optional<LocalDate> firstDeclarationDay();

  /** Each Party's inventory view at the end of {@code day}. */
  Map<String, InventoryView> inventory(LocalDate day);

  /** {@code party}'s inventory at the end of {@code day}. */
  Optional<Inventory> inventoryAsOf(String party, LocalDate day) throws Exception;

  /** Each Party's compliance with the central limits on {@code day}. */
  List<PartyCompliance> compliance(LocalDate day);

  /** Each Party's data exchanges reconciled, with their receipt times. */
  List<Reconciliations.Result> reconciliations() throws Exception;
}
