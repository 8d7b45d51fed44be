package dev.verity.node.inspection;


import dev.verity.node.cli.VerityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
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

}
