package dev.verity.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.store.Records.MessageRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store's write-ahead log is copied into the database by a thread of its own, not by
 * the commit that happens to take it past SQLite's default 1,000 pages (issue 18).
 */
class WalCheckpointerTest {
  @TempDir Path dir;

  @Test
  void theWritingConnectionCheckpointsOnlyAsABackstop() throws Exception {
    try (SqliteNodeStore store = SqliteNodeStore.open(dir.resolve("node.db"))) {
      long pages = store.write("read the setting",
          c -> Sql.number(c, "PRAGMA wal_autocheckpoint"));
      assertThat(pages).isEqualTo(WalCheckpointer.BACKSTOP_PAGES);
    }
  }

  @Test
  void commitsReachTheDatabaseFileWithoutACommitCopyingThem() throws Exception {
    Path file = dir.resolve("node.db");
    try (SqliteNodeStore store = SqliteNodeStore.open(file)) {
      store.checkpointNow(); // the migrations' pages, so the file's size is settled
      long before = Files.size(file);
      store.putOwnMessages(rows(200, 2_000), "test"); // ~100 pages: far below 1,000
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.size(file) == before && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // only a checkpoint writes pages into the database file in WAL mode
      assertThat(Files.size(file)).isGreaterThan(before);
      assertThat(store.countMessages("US")).isEqualTo(200);
    }
  }

  @Test
  void aPassiveCheckpointCopiesEveryFrameNoReaderHolds() throws Exception {
    try (SqliteNodeStore store = SqliteNodeStore.open(dir.resolve("node.db"))) {
      store.putOwnMessages(rows(50, 1_000), "test");
      WalCheckpointer.Result r = store.checkpointNow();
      assertThat(r.busy()).isFalse();
      assertThat(r.logFrames()).isPositive();
      assertThat(r.checkpointedFrames()).isEqualTo(r.logFrames());
    }
  }

  @Test
  void whatWasCommittedSurvivesAReopenWhateverTheCheckpointsDid() throws Exception {
    Path file = dir.resolve("node.db");
    try (SqliteNodeStore store = SqliteNodeStore.open(file)) {
      store.putOwnMessages(rows(300, 1_000), "test");
    }
    try (SqliteNodeStore store = SqliteNodeStore.open(file)) {
      assertThat(store.countMessages("US")).isEqualTo(300);
      assertThat(store.checkIntegrity()).isEmpty();
    }
  }

  private static List<MessageRow> rows(int n, int bytes) {
    List<MessageRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] entry = ("{\"i\":" + i + ",\"pad\":\"" + "x".repeat(bytes) + "\"}").getBytes();
      rows.add(new MessageRow("US", i, "item-moved", String.format("%064x", i), entry,
          Instant.EPOCH, "c-" + i));
    }
    return rows;
  }
}
