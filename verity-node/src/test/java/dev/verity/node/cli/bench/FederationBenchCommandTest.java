package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.federation.PushEvent;
import dev.verity.node.federation.WitnessPushEvent;
import dev.verity.node.store.PostgresServer;
import dev.verity.node.submit.AppendEvent;
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
        .containsPattern("(?m)^max\\s+1000\\s+1000\\s").doesNotContain("PostgreSQL / SQLite")
        .doesNotContain("where a receipt's time goes");
  }

  /** --stages: a paragraph per row from the JFR events of both nodes (D95). */
  @Test
  @Timeout(120)
  void printsWhereAReceiptsTimeGoes() {
    String out = bench("--rates", "50", "--seconds", "1", "--warmup", "1", "--stages", "--dir",
        dir.toString());
    String cell = "\\d+\\.\\d\\d/\\d+\\.\\d\\d";
    String hop = "-?\\d+\\.\\d\\d/-?\\d+\\.\\d\\d";
    assertThat(out).contains("where a receipt's time goes (JFR events " + AppendEvent.NAME
            + ", " + PushEvent.NAME + " and " + WitnessPushEvent.NAME + ")")
        .containsPattern("(?m)^rate 50: 50 appends; [1-9]\\d* pushes answered 200, \\d+\\.\\d"
            + " entries each")
        .containsPattern("(?m)^rate max: 1000 appends; [1-9]\\d* pushes answered 200")
        .containsPattern("(?m)^  sender    request " + cell + "  lock " + cell + "  check "
            + cell + "  durable " + cell + "  append " + cell + "$")
        .containsPattern("(?m)^  publisher read " + cell + "  exchange " + cell + "  receipt "
            + cell + "  push " + cell + "$")
        .containsPattern("(?m)^  witness   check " + cell + "  queue " + cell + "  verify "
            + cell + "  cosign " + cell + "  durable " + cell + "  request " + cell + "$")
        .containsPattern("(?m)^  between   network, TLS and HTTP, both ways \\(exchange -"
            + " request\\) " + hop + "$")
        .containsPattern("(?m)^  tail      slowest 1% of receipts \\([1-9]\\d*\\) / middle tenth,"
            + " mean ms: receipt " + cell + "  append " + cell + "  wait " + hop + "  push " + cell
            + "  witness " + cell + "  receipt store " + cell + "$");
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
