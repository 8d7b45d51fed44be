package dev.verity.node.tlogcli;

import dev.verity.node.cli.VerityCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the verity command line in process, capturing stdout and stderr. */
final class Cli {
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    return run(null, args);
  }

  static synchronized Result run(byte[] stdin, String... args) {
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
}
