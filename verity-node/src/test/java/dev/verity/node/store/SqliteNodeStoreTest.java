package dev.verity.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

class SqliteNodeStoreTest extends NodeStoreContract {
  @TempDir Path dir;

  @Override
  NodeStore open(Clock clock) throws Exception {
    return SqliteNodeStore.open(dir.resolve("node.db"), clock);
  }

  @Override
  Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("node.db"));
  }
}
