package dev.verity.node.escrow;

import dev.verity.core.escrow.EscrowRegime;
import dev.verity.node.cli.inspection.EscrowCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * Escrowed declarations (docs/formats/escrow.md): every Party's commitments and reveals, the
 * operator's reveal, the findings check, {@code verity escrow} and the dashboard's escrow page.
 */
public final class EscrowModule implements RegimeModule {
  @Override
  public String id() {
    return "escrow";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(EscrowRegime.ID);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new EscrowRoutes(queries).routes();
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(EscrowCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("escrow");
  }
}
