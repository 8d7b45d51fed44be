package dev.verity.node.treaty;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verity.node.cli.VerityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the verity command line in-process with captured output. */
final class Cli {
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    CommandLine cl = VerityCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** ../shared/data/NAME (system property verity.shared, else ../shared); skipped when absent. */
  static Path shared(String name) {
    String prop = System.getProperty("verity.shared");
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("verity-node")) ? here : here.getParent();
    Path shared = prop != null && !prop.isBlank() ? Path.of(prop) : root.resolveSibling("shared");
    Path p = shared.resolve("data").resolve(name).normalize().toAbsolutePath();
    assumeTrue(Files.isRegularFile(p), "shared data file not found: " + p);
    return p;
  }
}
