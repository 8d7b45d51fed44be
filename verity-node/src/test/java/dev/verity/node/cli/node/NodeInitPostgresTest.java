package dev.verity.node.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.node.NodeCommandTest.Run;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.runtime.Node;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.PostgresServer;
import dev.verity.node.submit.SubmitRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;


/** {@code verity node init --storage postgresql}: the node's state in the database, not node.db. */
@ExtendWith(PostgresServer.class)
class NodeInitPostgresTest {
  @TempDir Path root;

  private static Run init(Path dir, String... more) {
    String[] base = {"node", "init", "--party", "US", "--agreement", "new-start", "--dir",
        dir.toString()};
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return NodeCommandTest.cli(all);
  }

  @Test
  void initKeepsTokensAndTheTrailInTheDatabase() throws Exception {
    PostgresServer.Database db = PostgresServer.newDatabase();
    Path us = root.resolve("us");
    Run r = init(us, "--storage", "postgresql", "--jdbc-url", db.url(), "--jdbc-password",
        "file:" + db.passwordFile());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(us.resolve("node.db")).doesNotExist();
    NodeConfig c = NodeConfig.read(us);
    assertThat(c.storage()).isEqualTo("postgresql");
    assertThat(Files.readString(us.resolve("node.yaml"))).doesNotContain(db.password());
    assertThat(NodeCommandTest.cli("node", "token", "create", "--dir", us.toString(), "--role",
        "viewer", "--name", "analyst").out()).startsWith("vt_");
    try (NodeStore store = NodeStore.open(c, us)) {
      assertThat(store.auditTrail(10)).extracting(a -> a.detail())
          .contains("created viewer token 'analyst'", "created operator token 'operator'");
    }
    try (Connection conn = db.connect(); Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM tokens")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(3);
    }
    Run again = init(root.resolve("other"), "--storage", "postgresql", "--jdbc-url", db.url(),
        "--jdbc-password", "file:" + db.passwordFile());
    assertThat(again.err()).contains("already holds a node's state");
    assertThat(root.resolve("other/node.yaml")).doesNotExist();
  }

  @Test
  void eachOtherAgreementKeepsItsStateInASchemaOfItsOwn() throws Exception {
    PostgresServer.Database db = PostgresServer.newDatabase();
    Path us = root.resolve("us");
    Run r = NodeCommandTest.cli("node", "init", "--party", "US", "--agreements",
        "new-start,us-ru-military-line", "--dir", us.toString(), "--api-port", "0",
        "--peer-port", "0", "--storage", "postgresql", "--jdbc-url", db.url(),
        "--jdbc-password", "file:" + db.passwordFile());
    assertThat(r.code()).as(r.err()).isZero();
    try (Node n = Node.start(us)) {
      var msg = CanonicalJson.mapper().readTree("{\"message\":\"m-1\",\"to\":\"RU\","
          + "\"priority\":\"routine\",\"text\":\"hello\",\"language\":\"en\"}");
      n.participation("us-ru-military-line").orElseThrow().submitter()
          .submit(new SubmitRequest("m-1", "line-message", msg), "test");
    }
    try (Connection conn = db.connect(); Statement s = conn.createStatement()) {
      assertThat(count(s, "agreement_us_ru_military_line.messages")).isEqualTo(1);
      assertThat(count(s, "public.messages")).isZero();
      assertThat(count(s, "public.tokens")).isEqualTo(2);
    }
  }

  private static long count(Statement s, String table) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  @Test
  void anUnreachableDatabaseLeavesNoNodeBehind() throws Exception {
    Path us = root.resolve("us");
    Run r = init(us, "--storage", "postgresql", "--jdbc-url", "jdbc:postgresql://127.0.0.1:"
        + PostgresServer.closedPort() + "/verity?user=verity");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).startsWith("verity: cannot reach the PostgreSQL database")
        .doesNotContain("Exception");
    assertThat(us.resolve("node.yaml")).doesNotExist();
    assertThat(us.resolve("keys")).doesNotExist();
  }

  @Test
  void storageOptionsAreCheckedBeforeAnythingIsMade() {
    Path us = root.resolve("us");
    assertThat(init(us, "--jdbc-url", "jdbc:postgresql://db/verity").err())
        .contains("--jdbc-url and --jdbc-password go with --storage postgresql");
    assertThat(init(us, "--storage", "oracle").err())
        .contains("--storage: sqlite or postgresql, not 'oracle'");
    assertThat(init(us, "--storage", "postgresql", "--jdbc-url", "jdbc:postgresql://db/v",
        "--jdbc-password", "hunter2").err())
        .contains("--jdbc-password: name the secret").doesNotContain("hunter2");
    assertThat(us.resolve("node.yaml")).doesNotExist();
  }
}
