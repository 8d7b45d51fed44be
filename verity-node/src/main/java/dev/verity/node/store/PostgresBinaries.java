package dev.verity.node.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL server's programs are (initdb, pg_ctl), for a cluster of one's own: the
 * bench's and the tests'. {@code $VERITY_PG_BIN} first, then the newest of Debian's
 * {@code /usr/lib/postgresql/<major>/bin}.
 */
public final class PostgresBinaries {
  /** The environment variable naming the directory of the PostgreSQL programs. */
  public static final String ENV = "VERITY_PG_BIN";

  private PostgresBinaries() {}

  /** The directory holding initdb and pg_ctl, if any. */
  public static Optional<Path> server() throws IOException {
    String env = System.getenv(ENV);
    if (env != null) {
      return Optional.of(Path.of(env)).filter(PostgresBinaries::serves);
    }
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions.map(v -> v.resolve("bin")).filter(PostgresBinaries::serves)
          .max(Comparator.comparingInt(d -> major(d.getParent())));
    }
  }

  private static boolean serves(Path dir) {
    return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
  }

  private static int major(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
