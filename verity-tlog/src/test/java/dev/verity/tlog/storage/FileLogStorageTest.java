package dev.verity.tlog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.Vectors;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FileLogStorageTest extends LogStorageContract {
  @Override
  protected LogStorage create(Path dir) throws IOException {
    return LogStorage.directory(dir);
  }

  @Test
  void laysFilesOutExactlyAsTlogTilesNamesThem() throws Exception {
    Path dir = tmp.resolve("log");
    try (LogStorage s = create(dir)) {
      s.publish(new Publication(Map.of(new TileId(0, 1234067, 8), new byte[] {1},
          BundleId.full(3), new byte[] {2}), new byte[] {3}));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> names = files.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
      assertThat(names).containsExactly("checkpoint", "tile/0/x001/x234/067.p/8",
          "tile/entries/003");
    }
  }

  @Test
  void readsTheTesseraLogDirectory() throws Exception {
    LogStorage s = create(Vectors.file("tessera-testdata-log/log"));
    assertThat(new String(s.readCheckpoint().orElseThrow())).startsWith(
        "example.com/log/testdata\n15\n");
    assertThat(s.read(new TileId(0, 0, 15)).orElseThrow()).hasSize(15 * 32);
    assertThat(s.partialWidths(BundleId.full(0))).hasSize(15).contains(1, 15);
  }

  @Test
  void ignoresTemporaryLeftoversWhenListingPartials() throws Exception {
    Path dir = tmp.resolve("log");
    Files.createDirectories(dir.resolve("tile/0/000.p"));
    Files.write(dir.resolve("tile/0/000.p/.7.tmp-1-2"), new byte[] {1});
    Files.write(dir.resolve("tile/0/000.p/07"), new byte[] {1});
    Files.write(dir.resolve("tile/0/000.p/3"), new byte[] {1});
    assertThat(create(dir).partialWidths(TileId.full(0, 0))).containsExactly(3);
  }

  @Test
  void aLockIsHeldAcrossInstances() throws Exception {
    Path dir = tmp.resolve("log");
    try (LogStorage a = create(dir); LogStorage b = create(dir)) {
      a.lockForWriting();
      assertThatThrownBy(b::lockForWriting).isInstanceOf(IOException.class)
          .hasMessageContaining("another writer");
    }
  }
}
