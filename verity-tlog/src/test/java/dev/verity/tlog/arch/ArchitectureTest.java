package dev.verity.tlog.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's shape: its packages form no cycle (each can be understood, and adopted, from the
 * ones below it), and the non-exported {@code internal} package is the bottom layer and never shows
 * through the API.
 */
@AnalyzeClasses(packages = "dev.verity.tlog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String INTERNAL = "dev.verity.tlog.internal";

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.verity.tlog.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule internalIsTheBottomLayer =
      noClasses()
          .that()
          .resideInAPackage(INTERNAL)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.verity.tlog..").and(resideOutsideOfPackage(INTERNAL)));

  @ArchTest
  static final ArchRule theApiShowsNoInternalType =
      noMembers()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .resideOutsideOfPackage(INTERNAL)
          .should(showATypeOf(INTERNAL));

  /** A field's type, or a method's or constructor's return or parameter type, is in the package. */
  private static ArchCondition<JavaMember> showATypeOf(String pkg) {
    return new ArchCondition<>("show a type of " + pkg + " in their signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaField f) {
          types.add(f.getRawType());
        }
        if (member instanceof JavaCodeUnit c) {
          types.add(c.getRawReturnType());
          types.addAll(c.getRawParameterTypes());
        }
        boolean shows = types.stream().anyMatch(t -> t.getPackageName().equals(pkg));
        events.add(
            new SimpleConditionEvent(
                member,
                shows,
                member.getFullName() + " has a type of " + pkg + " in its signature"));
      }
    };
  }
}
