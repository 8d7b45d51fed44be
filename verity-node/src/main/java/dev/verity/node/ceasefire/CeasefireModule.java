package dev.verity.node.ceasefire;

import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.node.cli.ceasefire.CeasefireCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * The joint ceasefire register (docs/formats/ceasefire.md): commitments with their
 * countersignatures, every claim and observation with its standing and answers side by side,
 * the monitor's findings and restrictions, register pages, daily reports and each day's tallies.
 */
public final class CeasefireModule implements RegimeModule {
  @Override
  public String id() {
    return "ceasefire";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(CeasefireRegime.ID);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new CeasefireRoutes(queries).routes();
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(CeasefireCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("ceasefire");
  }
}
