package dev.verity.node.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of Verity is: the project version and the git commit it was built from, read from
 * {@code dev/verity/node/build.properties}, which Maven fills in at build time
 * (verity-node/pom.xml: resource filtering and git-commit-id-maven-plugin). Built outside a git
 * checkout, or run from unfiltered classes, the commit is {@link #UNKNOWN}.
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated commit id, or {@link #UNKNOWN}
 * @param modified whether the working tree had uncommitted changes when built
 */
public record BuildInfo(String version, String commit, boolean modified) {
  public static final String UNKNOWN = "unknown";
  static final String RESOURCE = "/dev/verity/node/build.properties";

  private static final BuildInfo CURRENT = load();

  /** This build. */
  public static BuildInfo current() {
    return CURRENT;
  }

  /** One line for people: {@code verity 0.1.0 (commit 0123456789ab)}. */
  public String describe() {
    String c = UNKNOWN.equals(commit) ? "commit unknown" : "commit " + commit;
    return "verity " + version + " (" + c + (modified ? ", modified" : "") + ")";
  }

  static BuildInfo load() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return of(p);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE, e);
    }
  }

  /** The build described by {@code p}; a missing or unfilled value is {@link #UNKNOWN}. */
  static BuildInfo of(Properties p) {
    return new BuildInfo(value(p, "version"), value(p, "commit"), "true".equals(value(p, "dirty")));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").trim();
    // an unresolved Maven placeholder (no git, or classes not built by Maven)
    return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
  }
}
