package dev.verity.node.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  static Properties props(String version, String commit, String dirty) {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("commit", commit);
    p.setProperty("dirty", dirty);
    return p;
  }

  @Test
  void aBuildFromGitNamesItsCommit() {
    BuildInfo b = BuildInfo.of(props("0.1.0", "0123456789ab", "false"));
    assertThat(b).isEqualTo(new BuildInfo("0.1.0", "0123456789ab", false));
    assertThat(b.describe()).isEqualTo("verity 0.1.0 (commit 0123456789ab)");
    assertThat(BuildInfo.of(props("0.1.0", "0123456789ab", "true")).describe())
        .isEqualTo("verity 0.1.0 (commit 0123456789ab, modified)");
  }

  @Test
  void placeholdersLeftByABuildOutsideGitReadAsUnknown() {
    BuildInfo b = BuildInfo.of(props("0.1.0", "${git.commit.id.abbrev}", "${git.dirty}"));
    assertThat(b.commit()).isEqualTo(BuildInfo.UNKNOWN);
    assertThat(b.modified()).isFalse();
    assertThat(b.describe()).isEqualTo("verity 0.1.0 (commit unknown)");
    assertThat(BuildInfo.of(new Properties()).version()).isEqualTo(BuildInfo.UNKNOWN);
  }

  /**
   * The build that ran these tests filtered the resource: Maven's version, and the commit when the
   * project is a git checkout (it is here and in CI; a source tarball has none).
   */
  @Test
  void thisBuildIsDescribedByMavenAndGit() {
    BuildInfo b = BuildInfo.current();
    assertThat(b.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    boolean git = Files.exists(Path.of("..", ".git"));
    assertThat(b.commit()).matches(git ? "[0-9a-f]{12}" : BuildInfo.UNKNOWN);
  }

  @Test
  void versionOptionPrintsTheVersionAndCommit() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith(BuildInfo.current().describe() + System.lineSeparator());
  }
}
