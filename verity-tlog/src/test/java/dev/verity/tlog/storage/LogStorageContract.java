package dev.verity.tlog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileId;
import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link LogStorage} driver must do; one subclass per driver (public, and shipped in
 * this module's test-jar, for drivers outside it: the node's PostgreSQL one).
 */
public abstract class LogStorageContract {
  @TempDir protected Path tmp;

  /** A new, empty storage; {@code dir} is free for a driver that keeps files. */
  protected abstract LogStorage create(Path dir) throws IOException;

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  public void startsEmpty() throws Exception {
    try (LogStorage s = create(tmp.resolve("log"))) {
      assertThat(s.readCheckpoint()).isEmpty();
      assertThat(s.read(TileId.full(0, 0))).isEmpty();
      assertThat(s.partialWidths(TileId.full(0, 0))).isEmpty();
      assertThatThrownBy(() -> s.tileSource().readTile(TileId.full(0, 0)))
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  public void publishesFilesThenTheCheckpoint() throws Exception {
    try (LogStorage s = create(tmp.resolve("log"))) {
      Map<TilePath, byte[]> files = new LinkedHashMap<>();
      files.put(new BundleId(0, 2), b("bundle2"));
      files.put(new TileId(0, 0, 2), b("tile2"));
      files.put(TileId.full(2, 1234067), b("far"));
      s.publish(new Publication(files, b("cp1")));
      assertThat(s.readCheckpoint()).contains(b("cp1"));
      assertThat(s.read(new BundleId(0, 2))).contains(b("bundle2"));
      assertThat(s.read(new TileId(0, 0, 2))).contains(b("tile2"));
      assertThat(s.read(TileId.full(2, 1234067))).contains(b("far"));
      assertThat(s.tileSource().readTile(new TileId(0, 0, 2))).isEqualTo(b("tile2"));

      s.publish(new Publication(Map.of(new TileId(0, 0, 5), b("tile5"),
          new TileId(0, 0, 2), b("tile2'")), b("cp2")));
      assertThat(s.readCheckpoint()).contains(b("cp2"));
      assertThat(s.read(new TileId(0, 0, 2))).contains(b("tile2'"));
      assertThat(s.partialWidths(TileId.full(0, 0))).containsExactly(2, 5);
      assertThat(s.partialWidths(new TileId(0, 0, 9))).containsExactly(2, 5);
      assertThat(s.partialWidths(BundleId.full(0))).containsExactly(2);
      assertThat(s.partialWidths(TileId.full(1, 0))).isEmpty();

      s.delete(new TileId(0, 0, 5));
      s.delete(new TileId(0, 0, 77)); // absent: no error
      assertThat(s.partialWidths(TileId.full(0, 0))).containsExactly(2);
      assertThat(s.read(new TileId(0, 0, 5))).isEmpty();
    }
  }

  @Test
  public void admitsOneWriterAtATime() throws Exception {
    LogStorage a = create(tmp.resolve("log"));
    a.lockForWriting();
    assertThatThrownBy(a::lockForWriting).isInstanceOf(IOException.class);
    a.close();
    a.lockForWriting();
    a.close();
  }
}
