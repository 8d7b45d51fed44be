package dev.verity.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verity.core.message.JsonProblems;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into one clear line on stderr and a non-zero exit code; users
 * never see a stack trace. {@code VERITY_DEBUG=1} prints the trace for developers.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_IO = 74; // sysexits.h EX_IOERR

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    cl.getErr().println("verity: " + message(e));
    if ("1".equals(System.getenv("VERITY_DEBUG"))) {
      e.printStackTrace(cl.getErr());
    }
    boolean io = (e instanceof IOException && !(e instanceof JsonProcessingException))
        || e instanceof UncheckedIOException;
    return io ? EXIT_IO : EXIT_FAILURE;
  }

  private static String message(Throwable e) {
    if (e instanceof JsonProcessingException j) { // Jackson's own words name its internals
      return JsonProblems.describe(j);
    }
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
