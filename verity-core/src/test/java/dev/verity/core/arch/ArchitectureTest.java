package dev.verity.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain stays pure: no dependency on the node, no network, database or file I/O. */
@AnalyzeClasses(packages = "dev.verity.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreDoesNotDependOnTheNode =
      noClasses().that().resideInAPackage("dev.verity.core..")
          .should().dependOnClassesThat().resideInAPackage("dev.verity.node..");

  @ArchTest
  static final ArchRule coreDoesNoIo =
      noClasses().that().resideInAPackage("dev.verity.core..")
          .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "java.nio.file..");

  @ArchTest
  static final ArchRule coreUsesNoFileStreams =
      noClasses().that().resideInAPackage("dev.verity.core..")
          .should().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader");

  /** Packages by feature form a hierarchy: no package depends on itself through others. */
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.verity.core.(*)..").should().beFreeOfCycles();
}
