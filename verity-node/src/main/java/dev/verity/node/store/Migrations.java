package dev.verity.node.store;

import dev.verity.node.store.StoreException.Reason;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The stores' schemas, migrated by Flyway from the scripts under {@code
 * dev/verity/node/store/migration/<database>/}, one history table ({@code flyway_schema_history})
 * in each database. Before migrating it refuses a database whose history holds a version this
 * Verity does not know (a newer Verity migrated it: running on would write rows that version does
 * not expect), and a database holding tables but no history (not Verity's, or not empty).
 *
 * <p>A SQLite {@code node.db} from before versioned migrations (its {@code messages} table and no
 * history) is adopted: first completed by what that version did at every open (the columns added
 * since its first schema), then baselined at version 0, so that V1, whose statements all say
 * {@code IF NOT EXISTS}, runs on it as a real migration and adds whatever table or index the file
 * lacks, without touching a row (decisions.md, "Adopting a node.db from before Flyway").
 */
final class Migrations {
  private Migrations() {}

  /** The databases a store runs on; each has its own scripts. */
  enum Database {
    SQLITE,
    POSTGRESQL;

    String location() {
      return "classpath:dev/verity/node/store/migration/" + name().toLowerCase(Locale.ROOT);
    }
  }

  static final String HISTORY = "flyway_schema_history";

  /** Columns added by hand before migrations were versioned: table, column, definition. */
  private static final String[][] LEGACY_COLUMNS = {
    {"peers", "mirror_pending", "TEXT"},
    {"peers", "mirror_proof", "TEXT"},
    {"alarms", "source", "TEXT NOT NULL DEFAULT 'push'"},
    {"alarms", "count", "INTEGER NOT NULL DEFAULT 1"},
    {"alarms", "last_seen", "TEXT"},
  };

  /** Brings the database in {@code source} to this version's schema; {@code where} names it. */
  static void migrate(DataSource source, Database db, String where) throws StoreException {
    try {
      Set<String> tables = tables(source);
      boolean legacy = db == Database.SQLITE && tables.contains("messages")
          && !tables.contains(HISTORY);
      if (!legacy && !tables.isEmpty() && !tables.contains(HISTORY)) {
        throw new StoreException(Reason.NOT_EMPTY, where + " holds tables " + tables
            + " but no Verity schema history: give the node an empty database of its own", null);
      }
      if (legacy) {
        addLegacyColumns(source);
      }
      Flyway flyway = configure(source, db).baselineOnMigrate(legacy).load();
      refuseNewer(flyway, where);
      flyway.migrate();
    } catch (SQLException | FlywayException e) {
      throw new StoreException("cannot migrate the schema of " + where + ": " + e.getMessage(), e);
    }
  }

  /** Whether the applied migrations are the ones this version has; the differences if not. */
  static List<String> validate(DataSource source, Database db) {
    ValidateResult result = configure(source, db).load().validateWithResult();
    List<String> problems = new ArrayList<>();
    for (ValidateOutput o : result.invalidMigrations) {
      problems.add("schema migration " + o.version + " (" + o.description + "): "
          + o.errorDetails.errorMessage);
    }
    if (problems.isEmpty() && !result.validationSuccessful) {
      problems.add("schema: " + result.getAllErrorMessages());
    }
    return problems;
  }

  private static FluentConfiguration configure(DataSource source, Database db) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(source)
        .locations(db.location())
        .failOnMissingLocations(true)
        .validateMigrationNaming(true)
        .table(HISTORY)
        .baselineVersion("0")
        .baselineDescription("node.db from before versioned migrations");
  }

  private static void refuseNewer(Flyway flyway, String where) throws StoreException {
    MigrationInfo[] all = flyway.info().all();
    List<String> future = Arrays.stream(all)
        .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS
            || i.getState() == MigrationState.FUTURE_FAILED)
        .map(i -> i.getVersion().toString()).toList();
    if (future.isEmpty()) {
      return;
    }
    String known = Arrays.stream(all).filter(i -> i.getState().isResolved())
        .map(i -> i.getVersion().toString()).reduce((a, b) -> b).orElse("none");
    throw new StoreException(Reason.SCHEMA_NEWER, where + " has schema version "
        + future.get(future.size() - 1) + ", newer than this Verity knows (" + known
        + "): run the Verity that migrated it, or a newer one", null);
  }

  /** The tables of the connection's schema, in lower case. */
  private static Set<String> tables(DataSource source) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Connection c = source.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%",
            new String[] {"TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The legacy store's own upgrade: each column it added at open, where the table lacks it. */
  private static void addLegacyColumns(DataSource source) throws SQLException {
    try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
      for (String[] col : LEGACY_COLUMNS) {
        List<String> present = Sql.list(c, "SELECT name FROM pragma_table_info(?)",
            rs -> rs.getString(1), col[0]);
        if (!present.isEmpty() && !present.contains(col[1])) {
          s.execute("ALTER TABLE " + col[0] + " ADD COLUMN " + col[1] + " " + col[2]);
        }
      }
    }
  }
}
