package dev.verity.node.cli.treaty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandTest {

  @Test
  void writesDeclarationsNotificationsAndKey(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.json");
    Cli.Result r = Cli.run("scenario", "generate", "--agreement", "new-start", "--as-of", "2011-02-05",
        "--discrepancies", "3", "--key", key.toString(), "--seed", "5", "--out", dir.resolve("out").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(dir.resolve("out/declarations/US-2011-02-05.json")).exists();
    assertThat(dir.resolve("out/declarations/RU-2011-09-01.json")).exists();
    assertThat(dir.resolve("out/notifications/US-2011-02-05--2011-09-01.json")).exists();
    assertThat(Files.readString(key)).contains("\"kind\"");
    assertThat(r.out()).contains("deployed_icbm_slbm_hb=882, warheads=1800, deployed_and_nondeployed_launchers=1124");
  }

  @Test
  void usesTheSharedTableWhenGiven(@TempDir Path dir) {
    Cli.Result r = Cli.run("scenario", "generate", "--as-of", "2022-09-01", "--data",
        Cli.shared("new-start-aggregates.csv").toString(), "--out", dir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("skipped RU: no published figures as of 2023-03-01");
  }

  @Test
  void badArgumentsAreOneLine(@TempDir Path dir) {
    Cli.Result r = Cli.run("scenario", "generate", "--as-of", "2011-02-06", "--out", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().trim()).startsWith("verity: --as-of 2011-02-06: not an exchange date");
    assertThat(Cli.run("scenario", "generate", "--as-of", "2011-02-05", "--discrepancies", "2", "--out", dir.toString()).err())
        .contains("--key FILE is required");
  }
}
