package dev.verity.node.tlogcli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peer vectors in {@code ../shared/vectors} (or {@code $VERITY_VECTORS}, or the
 * {@code verity.vectors} property), for the command-line tests; missing → skipped, with the path.
 */
final class VectorsForCli {
  private VectorsForCli() {}

  static Path tesseraLog() {
    String env = System.getenv("VERITY_VECTORS");
    String prop = System.getProperty("verity.vectors");
    Path root = env != null && !env.isBlank() ? Path.of(env)
        : prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "..", "shared", "vectors");
    Path log = root.resolve("tessera-testdata-log/log");
    assumeTrue(Files.isDirectory(log), () -> "peer vectors not found at " + log.toAbsolutePath());
    return log;
  }
}
