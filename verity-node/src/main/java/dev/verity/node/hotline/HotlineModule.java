package dev.verity.node.hotline;

import dev.verity.node.cli.hotline.HotlineCommand;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * The military line (issue 14; us-ru-military-line.yaml): the board of messages with their three
 * states, the escalation through the duty roster on the node's clock, its notifications, the
 * live event stream, {@code verity hotline} and the dashboard's hotline page. On a node whose
 * agreement has no protocol {@code line} the routes answer 404 and nothing runs.
 */
public final class HotlineModule implements RegimeModule {
  @Override
  public String id() {
    return "hotline";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(LineBoard.PROTOCOL);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return new HotlineRoutes(queries, null).routes();
  }

  @Override
  public Bound bind(NodeQueries queries) {
    boolean line = queries.agreement().protocols().stream()
        .anyMatch(p -> p.id().equals(LineBoard.PROTOCOL))
        && queries.agreement().messageType(LineBoard.MESSAGE).isPresent();
    if (!line) {
      return new Bound(routes(queries), () -> { });
    }
    Hotline h = new Hotline(queries).measured(queries).start();
    return new Bound(new HotlineRoutes(queries, h).routes(), h);
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(HotlineCommand.class);
  }

  @Override
  public List<String> pages() {
    return List.of("hotline", "incidents");
  }
}
