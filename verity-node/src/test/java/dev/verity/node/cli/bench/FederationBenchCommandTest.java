package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.store.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench runs and reports every offered message as receipted (figures are not asserted). */
@ExtendWith(PostgresServer.class)
class FederationBenchCommandTest {
  @TempDir Path dir;

  private String bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new FederationBenchCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute(args)).as(() -> out + "\n" + err).isZero();
    return out.toString();
  }

  @Test
  @Timeout(120)
  void reportsLatencyAndThroughput() {
    String out = bench("--rates", "50", "--seconds", "1", "--warmup", "1", "--dir",
        dir.toString());
    assertThat(out).contains("p50 ms").contains("append p50").contains("append p99")
        .contains("gc ms")
        .containsPattern("(?m)^50\\s+50\\s+50\\s")
        .containsPattern("(?m)^max\\s+1000\\s+1000\\s").doesNotContain("PostgreSQL / SQLite");
  }

  /** Both storages in one run on the bench's own cluster; PostgreSQL's figures over SQLite's. */
  @Test
  @Timeout(300)
  void comparesPostgresqlWithSqliteInOneRun() throws Exception {
    PostgresServer.newDatabase(); // skipped, naming what is missing, without PostgreSQL
    String out = bench("--rates", "20", "--seconds", "1", "--warmup", "1", "--storage", "both",
        "--dir", dir.toString());
    assertThat(out).contains("postgresql: a temporary cluster")
        .contains("storage sqlite: sender US").contains("storage postgresql: sender US")
        .containsPattern("(?m)^20\\s+20\\s+20\\s").containsPattern("(?m)^max\\s+1000\\s+1000\\s")
        .contains("PostgreSQL / SQLite, same run")
        .containsPattern("(?m)^20(\\s+\\d+\\.\\d\\d?){5}$")
        .containsPattern("(?m)^max(\\s+\\d+\\.\\d\\d?){5}$");
    assertThat(dir.resolve("sqlite/US/node.db")).exists();
    assertThat(dir.resolve("postgresql/US/node.db")).doesNotExist();
    assertThat(dir.resolve("postgresql/US/node.yaml")).content().contains("postgresql");
  }

  @Test
  void refusesAnUnknownStorage() {
    CommandLine cl = new CommandLine(new FederationBenchCommand());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("--storage", "mysql", "--dir", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("--storage: sqlite, postgresql or both, not 'mysql'");
  }
}
