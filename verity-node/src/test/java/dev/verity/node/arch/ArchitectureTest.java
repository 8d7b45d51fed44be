package dev.verity.node.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The node's packages form a hierarchy (issue 12): the command line on top, then the runtime that
 * starts the servers, the provisions' modules, the API, and below them the projections, the
 * store and the log. No package depends on itself through others.
 */
@AnalyzeClasses(packages = "dev.verity.node", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Packages by feature form a hierarchy: no package depends on itself through others. */
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.verity.node.(*)..").should().beFreeOfCycles();

  /** Routes get narrow queries: no module and no server reaches for the running node. */
  @ArchTest
  static final ArchRule routesDoNotSeeTheNode =
      noClasses().that().resideInAnyPackage("dev.verity.node.api..", "dev.verity.node.module..",
              "dev.verity.node.inventory..", "dev.verity.node.inspection..",
              "dev.verity.node.escrow..", "dev.verity.node.launch..", "dev.verity.node.talks..",
              "dev.verity.node.ceasefire..")
          .should().dependOnClassesThat().resideInAPackage("dev.verity.node.runtime..");

  /** Daemon code logs through SLF4J; only the command line writes to the user's terminal. */
  @ArchTest
  static final ArchRule daemonCodeDoesNotPrintToStandardError =
      noClasses().that().resideInAPackage("dev.verity.node..")
          .and().resideOutsideOfPackage("dev.verity.node.cli..")
          .should().accessField(System.class, "err");
}
