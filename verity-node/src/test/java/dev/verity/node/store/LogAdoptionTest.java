package dev.verity.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.store.PostgresServer.Database;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TestCheckpoints;
import dev.verity.tlog.storage.TestLogs;
import dev.verity.tlog.tiles.TilePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL node's log from before it moved into the database: copied once, whole. */
@ExtendWith(PostgresServer.class)
class LogAdoptionTest {
  @TempDir Path tmp;

  @Test
  void theFileLogMovesIntoTheDatabaseWholeAndOnce() throws Exception {
    Path dir = tmp.resolve("log");
    try (LogWriter w = LogWriter.builder(LogStorage.directory(dir))
        .signer(TestCheckpoints.unsignedSigner()).reader(TestCheckpoints.unsignedReader())
        .open()) {
      for (int i = 0; i < 300; i++) {
        w.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] checkpoint = Files.readAllBytes(dir.resolve("checkpoint"));
    var tiles = TestLogs.files(dir.resolve("tile"));
    Database db = PostgresServer.newDatabase();
    try (PostgresNodeStore store = PostgresNodeStore.open(db.url(), db.password());
        LogStorage pg = store.logStorage(dir)) {
      pg.lockForWriting();
      assertThat(LogAdoption.adopt(dir, pg)).isTrue();
      assertThat(pg.readCheckpoint()).contains(checkpoint);
      Path adopted = tmp.resolve(LogAdoption.ADOPTED);
      for (Path f : tiles) {
        String name = dir.relativize(f).toString();
        assertThat(pg.read(TilePath.parse(name)))
            .contains(Files.readAllBytes(adopted.resolve(name)));
      }
      assertThat(LogAuditor.audit(pg, TestCheckpoints.unsignedReader(), 1).isClean()).isTrue();
      assertThat(LogReader.open(pg, TestCheckpoints.unsignedReader()).entry(299))
          .isEqualTo("entry 299".getBytes(StandardCharsets.UTF_8));
      assertThat(dir).doesNotExist();
      assertThat(LogAdoption.adopt(dir, pg)).as("nothing left to adopt").isFalse();
    }
  }
}
