package dev.verity.node.exchange;

import dev.verity.core.exchange.BodiesRegime;
import dev.verity.core.exchange.ExchangeRegime;
import dev.verity.core.exchange.TallyRegime;
import dev.verity.node.cli.exchange.ExchangeCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * Mediated prisoner exchanges (docs/formats/exchange.md; issue 16): every arranged exchange as
 * the evaluator folds it (lists by count and root, matches, consent, stages and their
 * discrepancies), the mediators' tallies and the bodies ledger; the public entries of each
 * committed list for the other Party's blinding and the ICRC's check of an opening;
 * {@code verity exchange} and the dashboard's exchange page. The node itself holds no personal
 * data: the lists' names stay in the vault, which only the command line opens (decision
 * "Personal data stay out of the node's process").
 */
public final class ExchangeModule implements RegimeModule {
  @Override
  public String id() {
    return "exchange";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(ExchangeRegime.ID, TallyRegime.ID, BodiesRegime.ID);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new ExchangeRoutes(queries).routes();
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(ExchangeCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("exchanges");
  }
}
