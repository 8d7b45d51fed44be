package dev.verity.node.store;

import java.sql.Connection;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against a real PostgreSQL server, a fresh database for each test. */
@ExtendWith(PostgresServer.class)
class PostgresNodeStoreTest extends NodeStoreContract {
  private PostgresServer.Database db;

  @Override
  NodeStore open(Clock clock) throws Exception {
    if (db == null) {
      db = PostgresServer.newDatabase();
    }
    return PostgresNodeStore.open(db.url(), db.password(), clock);
  }

  @Override
  Connection connect() throws Exception {
    return db.connect();
  }
}
