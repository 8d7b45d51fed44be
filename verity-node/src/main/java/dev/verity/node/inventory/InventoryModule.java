package dev.verity.node.inventory;

import dev.verity.core.inventory.InventoryRegime;
import dev.verity.node.cli.treaty.ComplianceCommand;
import dev.verity.node.cli.treaty.ReconcileCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * New START's inventory and notifications (Part Four): the inventory, compliance, reconciliation,
 * history and item routes, {@code verity compliance} and {@code verity reconcile}, and the
 * dashboard's inventory and reconciliation pages.
 */
public final class InventoryModule implements RegimeModule {
  @Override
  public String id() {
    return "inventory";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(InventoryRegime.ID);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new InventoryRoutes(queries).routes();
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(ComplianceCommand.class, ReconcileCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("inventory", "reconciliation");
  }
}
