package dev.verity.node.talks;

import dev.verity.core.talks.TalksRegime;
import dev.verity.node.cli.talks.TalksCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * Multi-party talks (docs/formats/talks.md): rounds, rosters, tracks, sessions, texts with their
 * versions, redlines and each delegation's marks, the glossary, action items as obligations, and
 * each delegation's reports to its capital, kept on its own node with only the anchor on the log.
 */
public final class TalksModule implements RegimeModule {
  @Override
  public String id() {
    return "talks";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(TalksRegime.ID);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new TalksRoutes(queries).routes();
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(TalksCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("talks");
  }
}
