package dev.verity.node.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verity.node.cli.VerityCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the verity command line in process, capturing stdout and stderr, and finds the shared
 * data and peer vectors beside the project (a test that needs them and cannot find them is
 * skipped, naming the path it looked for).
 */
public final class Cli {
  public record Result(int exit, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    return run(null, args);
  }

  /** Runs with {@code stdin} as standard input (when not null). */
  public static synchronized Result run(byte[] stdin, String... args) {
    CommandLine cl = VerityCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    InputStream saved = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin));
      }
      int exit = cl.execute(args);
      return new Result(exit, out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  /**
   * {@code verity node init} of an exercise node of {@code party} in {@code dir} on free ports,
   * its clock at {@code start} (an ISO instant); fails the test if init fails.
   */
  public static Result initExercise(Path dir, String party, String agreement, String start) {
    Result r = run("node", "init", "--party", party, "--agreement", agreement, "--dir",
        dir.toString(), "--api-port", "0", "--peer-port", "0", "--exercise", "--exercise-start",
        start);
    if (r.exit() != 0) {
      throw new AssertionError("verity node init: " + r.err());
    }
    return r;
  }

  /** The {@code role} ("operator", "viewer") token that {@code verity node init} printed. */
  public static String token(Result init, String role) {
    String label = role + " token:";
    return init.out().lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow()
        .substring(label.length()).trim();
  }

  /** ../shared/data/NAME (the verity.shared property, else ../shared beside the project). */
  public static Path shared(String name) {
    Path p = configured(System.getProperty("verity.shared"), "shared").resolve("data").resolve(name);
    assumeTrue(Files.isRegularFile(p), "shared data file not found: " + p);
    return p;
  }

  /** A peer vector ($VERITY_VECTORS, the verity.vectors property, else ../shared/vectors). */
  public static Path vectors(String relative) {
    String env = System.getenv("VERITY_VECTORS");
    String given = env != null && !env.isBlank() ? env : System.getProperty("verity.vectors");
    Path p = configured(given, "shared/vectors").resolve(relative);
    assumeTrue(Files.exists(p), "peer vectors not found at " + p);
    return p;
  }

  private static Path configured(String given, String besideProject) {
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    Path here = Path.of("").toAbsolutePath();
    Path project = Files.exists(here.resolve("verity-node")) ? here : here.getParent();
    return project.resolveSibling(besideProject).normalize();
  }
}
