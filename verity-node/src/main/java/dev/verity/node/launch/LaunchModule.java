package dev.verity.node.launch;

import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.Route;
import java.util.List;
import java.util.Set;

/**
 * The 1988 Ballistic Missile Launch Notification Agreement in the dashboard (issue 13): the
 * launch map page ({@code #/launches}, assets/launches.js), planned and past launches with their
 * launch and impact areas over Natural Earth's boundaries. The notifications themselves are data
 * (launch-notification-1988.yaml, protocol {@code launch-notification}), folded by the core's
 * protocol engine through the node's provision projection; the page reads the node's own routes
 * (messages, obligations), so the module adds no route.
 */
public final class LaunchModule implements RegimeModule {
  /** The protocol of launch-notification-1988.yaml whose notifications the page shows. */
  static final String PROTOCOL = "launch-notification";

  @Override
  public String id() {
    return "launches";
  }

  @Override
  public Set<String> regimes() {
    return Set.of(PROTOCOL);
  }

  @Override
  public List<Route> routes(NodeQueries queries) {
    return List.of();
  }

  @Override
  public List<String> pages() {
    return List.of("launches");
  }
}
