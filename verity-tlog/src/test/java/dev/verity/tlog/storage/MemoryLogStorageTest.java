package dev.verity.tlog.storage;

import java.nio.file.Path;

class MemoryLogStorageTest extends LogStorageContract {
  @Override
  protected LogStorage create(Path dir) {
    return LogStorage.memory();
  }
}
