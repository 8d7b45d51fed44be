package dev.verity.node.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.api.ApiServer;
import dev.verity.node.cli.VerityCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The node's modules come from one list, and the route table and the command line are built from
 * it: each module's routes are in {@link ApiServer#ROUTES} (which the OpenAPI test checks) and its
 * commands are {@code verity} subcommands.
 */
class NodeModulesTest {
  @Test
  void theListHoldsTheProvisionsInOrder() {
    assertThat(NodeModules.ALL.stream().map(RegimeModule::id))
        .containsExactly("inventory", "inspections", "escrow", "launches", "talks", "ceasefire",
            "exchange", "hotline");
    assertThat(NodeModules.ALL).allSatisfy(m -> assertThat(m.regimes()).isNotEmpty());
  }

  @Test
  void everyModuleRouteIsInTheRouteTableOnce() {
    List<String> routes = NodeModules.routes().stream().map(Route::signature).toList();
    assertThat(routes).contains("GET /api/v1/inventory", "GET /api/v1/inspections/{id}",
        "POST /api/v1/escrow/reveals");
    assertThat(ApiServer.ROUTES).containsAll(routes);
    assertThat(new HashSet<>(ApiServer.ROUTES)).hasSameSizeAs(ApiServer.ROUTES);
  }

  @Test
  void aRouteThatChangesSomethingNeedsTheOperator() {
    Route reveal = NodeModules.routes().stream()
        .filter(r -> r.path().equals("/api/v1/escrow/reveals")).findFirst().orElseThrow();
    assertThat(reveal.role()).isEqualTo(Route.Role.OPERATOR);
    assertThat(NodeModules.routes()).filteredOn(r -> r.method().equals("GET"))
        .allSatisfy(r -> assertThat(r.role()).isEqualTo(Route.Role.ANY));
  }

  @Test
  void aRouteOutsideTheAuthenticatedApiIsRefused() {
    assertThatThrownBy(() -> Route.get("/escrow", ctx -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/api/v1/");
    assertThat(NodeModules.routes())
        .allSatisfy(r -> assertThat(r.path()).startsWith(Route.API));
  }

  @Test
  void everyModuleCommandIsAVeritySubcommand() {
    Set<String> names = VerityCommand.newCommandLine().getSubcommands().keySet();
    for (Class<?> c : NodeModules.commands()) {
      assertThat(names).contains(c.getAnnotation(Command.class).name());
    }
    assertThat(names).contains("compliance", "reconcile", "inspection", "escrow");
    CommandLine escrow = VerityCommand.newCommandLine().getSubcommands().get("escrow");
    assertThat(escrow.getCommand().getClass()).isIn(NodeModules.commands());
  }
}
