package dev.verity.tlog.storage;

import dev.verity.tlog.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers for log directories. */
public final class TestLogs {
  private TestLogs() {}

  /**
   * A writable copy of the Tessera test log's tlog-tiles files (checkpoint and tile/...) in
   * {@code dir}; Tessera's private {@code .state} and its numbered checkpoint copies are left out.
   */
  public static Path tesseraCopy(Path dir) throws IOException {
    Path src = Vectors.file("tessera-testdata-log/log");
    Path dst = dir.resolve("tessera-log");
    Files.createDirectories(dst);
    Files.copy(src.resolve("checkpoint"), dst.resolve("checkpoint"));
    for (Path f : files(src.resolve("tile"))) {
      Path to = dst.resolve(src.relativize(f).toString());
      Files.createDirectories(to.getParent());
      Files.copy(f, to);
      to.toFile().setWritable(true);
    }
    dst.resolve("checkpoint").toFile().setWritable(true);
    return dst;
  }

  /** Every regular file below {@code dir}, sorted. */
  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(Files::isRegularFile).sorted().forEach(out::add);
      return out;
    }
  }
}
