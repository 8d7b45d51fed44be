package dev.verity.node.inspection;

import dev.verity.core.commission.CommissionRegime;
import dev.verity.core.inspection.InspectionRegime;
import dev.verity.node.cli.inspection.InspectionCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * Inspections, exhibitions and the commission (New START Part Five, Section IX; Part Six): their
 * read routes, {@code verity inspection} and the dashboard's inspection and commission pages.
 */
public final class InspectionModule implements RegimeModule {
  @Override
  public String id() {
    return "inspections";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(InspectionRegime.ID, CommissionRegime.ID);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new InspectionRoutes(queries).routes();
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(InspectionCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("inspections", "inspection", "commission");
  }
}
