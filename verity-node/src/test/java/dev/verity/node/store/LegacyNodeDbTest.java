package dev.verity.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.verity.node.store.Records.Alarm;
import dev.verity.node.store.Records.MessageRow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code node.db} written before versioned migrations is adopted without losing a row. The
 * fixture {@code node-before-flyway.db} was written by that version's own {@code
 * SqliteNodeStore} (commit 87c9deb): own entries with client ids, a mirror step from RU with a
 * hash tile and a pending checkpoint, a receipt and a cosignature, collapsed alarms, the
 * witness's checkpoint of RU, a token and the audit trail. An older {@code node.db}, from before
 * the columns that version added at open, is made from it by dropping them.
 */
class LegacyNodeDbTest {
  @TempDir Path dir;

  private Path legacy() throws Exception {
    Path file = dir.resolve("node.db");
    try (InputStream in = getClass().getResourceAsStream("node-before-flyway.db")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void aNodeDbFromBeforeFlywayIsAdoptedWithEveryRow() throws Exception {
    Path file = legacy();
    try (SqliteNodeStore s = SqliteNodeStore.open(file)) {
      assertEveryRowOfTheFixture(s);
    }
    assertThat(history(file)).containsExactly("0 BASELINE true", "1 SQL true", "2 SQL true");
    assertThat(schema(file)).isEqualTo(schema(fresh()));
    try (SqliteNodeStore s = SqliteNodeStore.open(file)) {
      assertEveryRowOfTheFixture(s);
    }
    assertThat(history(file)).as("adopted once").hasSize(3);
  }

  @Test
  void anOlderNodeDbGetsTheColumnsAndTablesItLacks() throws Exception {
    Path file = legacy();
    sql(file, "DROP INDEX alarms_key", "DROP TABLE mirror_tiles",
        "ALTER TABLE peers DROP COLUMN mirror_pending",
            "ALTER TABLE peers DROP COLUMN mirror_proof",
        "ALTER TABLE alarms DROP COLUMN source", "ALTER TABLE alarms DROP COLUMN count",
        "ALTER TABLE alarms DROP COLUMN last_seen");
    try (SqliteNodeStore s = SqliteNodeStore.open(file)) {
      assertThat(s.allMessages("US")).hasSize(2);
      assertThat(s.allMessages("RU")).hasSize(1);
      assertThat(s.mirrorTile("RU", 0, 0)).isEmpty();
      assertThat(s.alarms()).extracting(Alarm::source, Alarm::count)
          .containsOnly(tuple("push", 1L));
      s.raiseAlarm("RU", "fork", "again");
      assertThat(s.countAlarms()).isEqualTo(2);
    }
    assertThat(schema(file)).isEqualTo(schema(fresh()));
  }

  private static void assertEveryRowOfTheFixture(NodeStore s) throws Exception {
    assertThat(s.allMessages("US")).extracting(MessageRow::index, MessageRow::clientId)
        .containsExactly(tuple(0L, "c-0"),
            tuple(1L, "c-1"));
    assertThat(s.messageByClientId("US", "c-1").orElseThrow().entry())
        .isEqualTo("{\"n\":1}".getBytes());
    assertThat(s.message("RU", 0).orElseThrow().storedAt().toString())
        .isEqualTo("2026-01-02T03:04:05.123456789Z");
    assertThat(s.mirrorTile("RU", 0, 0)).hasValueSatisfying(t -> assertThat(t).hasSize(32));
    assertThat(s.mirrorPending("RU").orElseThrow().proof()).isEqualTo("proof-line");
    assertThat(s.position("RU").mirroredSize()).isEqualTo(1);
    assertThat(s.position("RU").cosignedSize()).isEqualTo(2);
    assertThat(s.latestCosignature("US", "RU").orElseThrow().cosignedAt()).isEqualTo(1767323045L);
    assertThat(s.firstCosignatureTimes("RU")).containsEntry(1L, 1767323046L);
    assertThat(s.alarms()).extracting(Alarm::kind, Alarm::source, Alarm::count).containsExactly(
        tuple("fork", "poll", 3L),
        tuple("bad-signature", "push", 1L));
    assertThat(s.witnessCheckpoint("ru.example/log")).contains("ru.example/log\n1\nhash\n");
    assertThat(s.token("ab".repeat(32)).orElseThrow().role()).isEqualTo("operator");
    assertThat(s.auditTrail(100)).hasSize(9).first()
        .satisfies(a -> assertThat(a.action()).isEqualTo("peer-add"));
    assertThat(s.checkIntegrity()).isEmpty();
  }

  private Path fresh() throws Exception {
    Path file = dir.resolve("fresh.db");
    if (!Files.exists(file)) {
      SqliteNodeStore.open(file).close();
    }
    return file;
  }

  private static Connection connect(Path file) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  private static void sql(Path file, String... statements) throws Exception {
    try (Connection c = connect(file); Statement s = c.createStatement()) {
      for (String st : statements) {
        s.execute(st);
      }
    }
  }

  private static List<String> history(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, type, success FROM "
            + Migrations.HISTORY + " ORDER BY installed_rank")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
      }
    }
    return out;
  }

  /** Each table's columns (name, type, not null, default, key) and each index's columns. */
  private static Map<String, List<String>> schema(Path file) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    try (Connection c = connect(file); Statement s = c.createStatement()) {
      List<String[]> objects = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE name NOT"
          + " LIKE 'sqlite_%' AND name NOT LIKE 'flyway%'")) {
        while (rs.next()) {
          objects.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] o : objects) {
        String pragma = o[0].equals("table") ? "table_info" : "index_xinfo";
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA " + pragma + "(" + o[1] + ")")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder col = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              col.append(rs.getString(i)).append('|');
            }
            columns.add(col.toString());
          }
        }
        out.put(o[0] + " " + o[1], columns);
      }
    }
    return out;
  }
}
