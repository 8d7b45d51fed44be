package dev.verity.tlog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the peer test vectors in {@code ../shared/vectors} (or {@code $VERITY_VECTORS}, or the
 * {@code verity.vectors} system property). A test that needs them and cannot find them reports
 * itself skipped, naming the path it looked at; it never passes silently.
 */
public final class Vectors {
  private Vectors() {}

  /** The vectors folder, or the test is skipped with the path it looked for. */
  public static Path root() {
    Path p = candidate();
    assumeTrue(Files.isDirectory(p), () -> "peer vectors not found at " + p.toAbsolutePath()
        + " (set VERITY_VECTORS or put shared/ beside the project)");
    return p;
  }

  /** A path inside the vectors folder, which must exist (else the test is skipped). */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(Files.exists(p), () -> "peer vector not found at " + p.toAbsolutePath());
    return p;
  }

  private static Path candidate() {
    String env = System.getenv("VERITY_VECTORS");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String prop = System.getProperty("verity.vectors");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    return Path.of("..", "..", "shared", "vectors");
  }
}
