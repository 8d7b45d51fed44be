package dev.verity.tlog.audit;

import java.util.Objects;

/** One thing wrong in a log: the file (log-relative path) and what is wrong with it. */
public record Problem(String path, String message) {
  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
