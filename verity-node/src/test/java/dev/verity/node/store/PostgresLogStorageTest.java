package dev.verity.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.store.PostgresServer.Database;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.LogStorageContract;
import dev.verity.tlog.storage.Publication;
import dev.verity.tlog.tiles.TileId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * tlog's storage contract against the PostgreSQL log (a fresh database each), and what a standby
 * rests on: one writer lock per schema, and a writer fenced once its session or its
 * compare-and-set is lost.
 */
@ExtendWith(PostgresServer.class)
class PostgresLogStorageTest extends LogStorageContract {
  private final List<PostgresNodeStore> stores = new ArrayList<>();
  private Database db;

  @Override
  protected LogStorage create(Path dir) throws IOException {
    try {
      if (db == null) {
        db = PostgresServer.newDatabase();
      }
      PostgresNodeStore s = PostgresNodeStore.open(db.url(), db.password());
      stores.add(s);
      return s.logStorage(dir);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  @AfterEach
  void closeStores() {
    stores.forEach(PostgresNodeStore::close);
  }

  private static Publication cp(String checkpoint) {
    return new Publication(Map.of(new TileId(0, 0, 1), b("tile of " + checkpoint)), b(checkpoint));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSecondProcessIsToldTheLockIsHeldAndGetsItOnceFreed() throws Exception {
    LogStorage active = create(tmp);
    LogStorage standby = create(tmp);
    active.lockForWriting();
    assertThatThrownBy(standby::lockForWriting).isInstanceOf(WriterLockHeldException.class)
        .hasMessageContaining("another process writes this log");
    active.publish(cp("cp1"));
    active.close();
    standby.lockForWriting();
    standby.publish(cp("cp2"));
    assertThat(active.readCheckpoint()).contains(b("cp2"));
    standby.close();
  }

  @Test
  void aWriterWhoseSessionIsLostIsFencedAndPublishesNothing() throws Exception {
    LogStorage stale = create(tmp);
    stale.lockForWriting();
    stale.publish(cp("cp1"));
    try (Connection c = db.connect();
        PreparedStatement st = c.prepareStatement("SELECT pg_terminate_backend(pid)"
            + " FROM pg_stat_activity WHERE application_name = 'verity-log-writer'")) {
      st.executeQuery().close();
    }
    assertThat(((WriterLock) stale).lost()).hasValueSatisfying(
        why -> assertThat(why).contains("lost its database session"));
    LogStorage next = create(tmp);
    next.lockForWriting();
    assertThat(((WriterLock) next).lost()).isEmpty();
    next.publish(cp("cp2 by the new writer"));
    assertThatThrownBy(() -> stale.publish(cp("cp2 by the stale writer")))
        .isInstanceOf(IOException.class).hasMessageContaining("fenced");
    assertThat(next.readCheckpoint()).contains(b("cp2 by the new writer"));
    assertThat(next.read(new TileId(0, 0, 1))).contains(b("tile of cp2 by the new writer"));
    next.close();
    stale.close();
  }

  @Test
  void ofTwoUnlockedWritersOnlyOneReplacesACheckpoint() throws Exception {
    LogStorage a = create(tmp);
    LogStorage b = create(tmp);
    a.publish(cp("cp1"));
    b.publish(cp("cp2")); // b first sees generation 1, a's: replaces it
    assertThatThrownBy(() -> a.publish(cp("cp2 by a")))
        .isInstanceOf(IOException.class).hasMessageContaining("replaced by another writer");
    assertThat(b.readCheckpoint()).contains(b("cp2"));
    assertThat(b.read(new TileId(0, 0, 1))).contains(b("tile of cp2"));
  }
}
