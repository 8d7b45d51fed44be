package dev.verity.node.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteNodeStoreTest extends NodeStoreContract {
  @TempDir Path dir;

  @Override
  NodeStore open() throws Exception {
    return SqliteNodeStore.open(dir.resolve("node.db"));
  }

  @Override
  NodeStore reopen() throws Exception {
    store.close();
    return open();
  }
}
