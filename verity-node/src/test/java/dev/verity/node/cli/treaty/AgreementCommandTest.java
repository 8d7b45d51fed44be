package dev.verity.node.cli.treaty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
import org.junit.jupiter.api.Test;

class AgreementCommandTest {

  @Test
  void listsTheBundledAgreements() {
    Cli.Result r = Cli.run("agreement", "list");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("new-start ", "new-start-voluntary-2026", "trilateral-hypothetical", "[hypothetical]");
  }

  @Test
  void showsOne() {
    Cli.Result r = Cli.run("agreement", "show", "new-start");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("2011-02-05 .. 2026-02-05", "warheads", "1550", "10 Type One + 8 Type Two");
    assertThat(Cli.run("agreement", "show", "new-start-voluntary-2026").out()).contains("inspections: none");
    assertThat(Cli.run("agreement", "show", "trilateral-hypothetical", "--format", "json").out()).contains("\"CN\"");
  }

  @Test
  void unknownNameIsOneLine() {
    Cli.Result r = Cli.run("agreement", "show", "salt-iii");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("verity: unknown agreement 'salt-iii'").doesNotContain("Exception").hasLineCount(1);
  }
}
