package dev.verity.node.module;

import java.util.List;
import java.util.Set;

/**
 * What one provision adds to the node (issue 12; docs/dev/adding-a-provision.md): the regimes it
 * serves, its read routes, its {@code verity} subcommands and its dashboard pages. The node knows
 * no provision by name: the API's route table, the OpenAPI check and the command line are built
 * from {@link NodeModules#ALL}, so a provision is its agreement YAML, its regime in verity-core and
 * one module listed there.
 */
public interface RegimeModule {
  /** The module's id, unique among the node's modules ({@code inventory}, {@code inspections}). */
  String id();

  /** The ids of the core regimes ({@code dev.verity.core.regime.Regime#id}) this module shows. */
  Set<String> regimes();

  /**
   * The module's routes under {@code /api/v1}, bound to one node's {@code queries}. Building the
   * list must not call {@code queries}: the OpenAPI check lists the routes with no node (null).
   */
  List<Route> routes(NodeQueries queries);

  /**
   * The module bound to one running node in one of its agreements ({@code queries} read that
   * agreement; the API binds every module in each agreement and answers a route with the binding
   * of the request's agreement): its routes, and the work it runs in the background until the
   * node stops (the military line's escalation clock, its live events). By default its routes
   * and nothing running.
   */
  default Bound bind(NodeQueries queries) {
    return new Bound(routes(queries), () -> { });
  }

  /** A module's routes on one node, and what it runs until {@code running} is closed. */
  record Bound(List<Route> routes, AutoCloseable running) {}

  /** Its picocli command classes, added to {@code verity}'s subcommands. */
  default List<Class<?>> commands() {
    return List.of();
  }

  /** The ids of its dashboard pages ({@code #/<id>}). */
  default List<String> pages() {
    return List.of();
  }
}
