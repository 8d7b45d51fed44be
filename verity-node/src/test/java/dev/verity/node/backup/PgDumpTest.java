package dev.verity.node.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL tools a node's backup needs: found, or refused in words naming what to do. */
class PgDumpTest {
  @TempDir Path dir;

  private Path script(String name, String versionLine) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  @Test
  void aMissingPgDumpIsNamedWithThePackageToInstall() {
    assertThatThrownBy(() -> PgDump.tool("pg_dump", Map.of("PATH", dir.toString())))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("pg_dump not found (in $VERITY_PG_BIN or on the PATH)")
        .hasMessageContaining("postgresql-client");
  }

  @Test
  void verityPgBinComesBeforeThePath() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.copy(script("pg_dump", "pg_dump (PostgreSQL) 16.2"), bin.resolve("pg_dump"));
    Files.copy(bin.resolve("pg_dump"), other.resolve("pg_dump"));
    assertThat(PgDump.tool("pg_dump", Map.of("VERITY_PG_BIN", bin.toString(), "PATH",
        other.toString()))).isEqualTo(bin.resolve("pg_dump").toString());
  }

  @Test
  void aPgDumpOlderThanTheServerIsRefusedNamingBothVersions() throws Exception {
    Path old = script("pg_dump", "pg_dump (PostgreSQL) 13.14 (Debian 13.14-0+deb11u1)");
    assertThatThrownBy(() -> PgDump.requireVersion(old.toString(), 15))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("is version 13, older than the server's 15")
        .hasMessageContaining("postgresql-client-15");
    PgDump.requireVersion(old.toString(), 13); // the same major: accepted
    PgDump.requireVersion(script("newer", "pg_dump (PostgreSQL) 17.0").toString(), 15);
  }
}
