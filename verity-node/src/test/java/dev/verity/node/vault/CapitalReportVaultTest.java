package dev.verity.node.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.talks.CapitalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delegation's reports to its capital stay in its node's {@code capital-reports/}, readable by
 * the node's user only; each opens the anchor that went on the log, and nothing else does.
 */
class CapitalReportVaultTest {
  @TempDir Path dir;

  @Test
  void aReportIsKeptPrivatelyAndOpensItsAnchor() throws Exception {
    CapitalReportVault vault = CapitalReportVault.of(dir);
    CapitalReport r = CapitalReport.of("RU", 2, "no progress on territory", new SecureRandom());
    vault.write(r, Instant.parse("2026-02-05T11:00:00Z"));
    Path folder = dir.resolve(CapitalReportVault.FOLDER);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    Path file = folder.resolve(r.anchor() + ".json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    CapitalReport opened = vault.open(r.anchor()).orElseThrow();
    assertThat(opened.content()).isEqualTo("no progress on territory");
    assertThat(opened.opens(r.anchor())).isTrue();
    assertThat(vault.list()).singleElement().satisfies(s -> {
      assertThat(s.anchor()).isEqualTo(r.anchor());
      assertThat(s.round()).isEqualTo(2);
      assertThat(s.bytes()).isEqualTo(24);
    });
  }

  @Test
  void anotherContentOrSaltDoesNotOpenTheAnchor() throws Exception {
    CapitalReport r = CapitalReport.of("UA", 1, "report", new SecureRandom());
    assertThat(CapitalReport.opened("UA", 1, "report.", r.salt()).opens(r.anchor())).isFalse();
    assertThat(CapitalReport.opened("UA", 1, "report", new byte[32]).opens(r.anchor())).isFalse();
    assertThat(CapitalReport.opened("RU", 1, "report", r.salt()).opens(r.anchor())).isFalse();
  }

  @Test
  void aNameThatIsNoAnchorReadsNothing() throws Exception {
    CapitalReportVault vault = CapitalReportVault.of(dir);
    assertThat(vault.open("../../etc/passwd")).isEmpty();
    assertThat(vault.open("00".repeat(32))).isEmpty();
    assertThat(vault.list()).isEmpty();
  }

  @Test
  void aFileOpenToOthersIsRefused() throws Exception {
    CapitalReportVault vault = CapitalReportVault.of(dir);
    CapitalReport r = CapitalReport.of("RU", 2, "x", new SecureRandom());
    vault.write(r, Instant.EPOCH);
    Path file = dir.resolve(CapitalReportVault.FOLDER).resolve(r.anchor() + ".json");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> vault.open(r.anchor())).isInstanceOf(VaultException.class)
        .hasMessageContaining("chmod 600");
  }
}
