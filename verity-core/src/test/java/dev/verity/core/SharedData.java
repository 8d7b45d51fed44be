package dev.verity.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public data in ../shared/data. The path comes from the system property {@code
 * verity.shared} (set by the parent pom), else ../shared from the repository root; when the
 * folder is missing, tests using it are skipped with the path they looked for.
 */
public final class SharedData {
  private SharedData() {}

  public static Path dir() {
    String prop = System.getProperty("verity.shared");
    Path shared;
    if (prop != null && !prop.isBlank()) {
      shared = Path.of(prop);
    } else {
      Path here = Path.of("").toAbsolutePath();
      Path root = Files.exists(here.resolve("verity-core")) ? here : here.getParent();
      shared = root.resolveSibling("shared");
    }
    Path data = shared.resolve("data").normalize().toAbsolutePath();
    assumeTrue(Files.isDirectory(data), "shared data folder not found: " + data);
    return data;
  }

  public static Path file(String name) {
    Path p = dir().resolve(name);
    assumeTrue(Files.isRegularFile(p), "shared data file not found: " + p);
    return p;
  }

  public static Reader reader(String name) throws IOException {
    return Files.newBufferedReader(file(name), StandardCharsets.UTF_8);
  }
}
