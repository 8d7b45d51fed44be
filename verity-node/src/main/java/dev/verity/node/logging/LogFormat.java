package dev.verity.node.logging;

import java.util.Locale;
import java.util.Optional;

/**
 * How the node writes its log to standard error: {@link #JSON} lines for a collector, or {@link
 * #TEXT} for a person at a terminal. Chosen, first match wins, by {@code --log-format} (the system
 * property {@value #PROPERTY}), the environment variable {@value #ENV}, and otherwise by whether
 * the process runs in a terminal (docs/user/operate.md).
 */
public enum LogFormat {
  TEXT,
  JSON;

  /** The system property that {@code --log-format} sets. */
  public static final String PROPERTY = "verity.log.format";

  public static final String ENV = "VERITY_LOG_FORMAT";

  /** The format named {@code s} ({@code text} or {@code json}, any case). */
  public static LogFormat parse(String s) {
    return named(s)
        .orElseThrow(
            () -> new IllegalArgumentException("log format \"" + s + "\": expected text or json"));
  }

  /**
   * The format to use: the explicit choice ({@code option}, then {@code env}) when either is set,
   * else text in a terminal and JSON lines elsewhere (a service, a pipe, a file). An unknown name
   * is ignored here (logging must start whatever the environment says), and {@link #parse} reports
   * it where the user typed it.
   */
  public static LogFormat select(String option, String env, boolean terminal) {
    return named(option).or(() -> named(env)).orElse(terminal ? TEXT : JSON);
  }

  /** The format this process would choose now. */
  public static LogFormat ofThisProcess() {
    return select(System.getProperty(PROPERTY), System.getenv(ENV), System.console() != null);
  }

  private static Optional<LogFormat> named(String s) {
    if (s == null || s.isBlank()) {
      return Optional.empty();
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> Optional.of(TEXT);
      case "json" -> Optional.of(JSON);
      default -> Optional.empty();
    };
  }
}
