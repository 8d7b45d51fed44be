package dev.verity.node.store;

import dev.verity.node.store.PostgresServer.Database;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against a real PostgreSQL server, a fresh database for each test. */
@ExtendWith(PostgresServer.class)
class PostgresNodeStoreTest extends NodeStoreContract {
  private Database db;

  @Override
  NodeStore open(Clock clock) throws Exception {
    if (db == null) {
      db = PostgresServer.newDatabase();
    }
    return PostgresNodeStore.open(db.url(), db.password(), clock);
  }

  /** V3 holds the log (PostgresLogStorage): only PostgreSQL has it. */
  @Override
  List<String> migrations() {
    return List.of("1", "2", "3");
  }

  @Override
  Connection connect() throws Exception {
    return db.connect();
  }
}
