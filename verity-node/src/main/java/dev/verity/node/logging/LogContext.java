package dev.verity.node.logging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The context a log line is about, as SLF4J MDC keys that the JSON lines carry as fields ({@code
 * "mdc": {"agreement": …}}) and the text format prints in brackets. Values are identifiers only (an
 * agreement id, a Party, an entry index, a request id), never message content or anything secret.
 *
 * <pre>{@code
 * try (LogContext c = LogContext.of(LogContext.AGREEMENT, "new-start")
 *     .and(LogContext.PEER, "RU")) {
 *   log.info("cosigned {}", size);
 * }
 * }</pre>
 *
 * Closing restores the values the keys had before, so scopes nest.
 */
public final class LogContext implements AutoCloseable {
  /** The agreement id, e.g. {@code new-start}. */
  public static final String AGREEMENT = "agreement";

  /** The peer Party a line is about, e.g. {@code RU}. */
  public static final String PEER = "peer";

  /** An entry index in a Party's log. */
  public static final String ENTRY = "entry";

  /** The operator API request this line belongs to ({@link RequestIds}). */
  public static final String REQUEST_ID = "requestId";

  private record Previous(String key, String value) {}

  private final List<Previous> previous = new ArrayList<>();

  private LogContext() {}

  /** A scope with {@code key} set to {@code value} (a null value removes the key). */
  public static LogContext of(String key, Object value) {
    return new LogContext().and(key, value);
  }

  /** This scope with {@code key} also set to {@code value}. */
  public LogContext and(String key, Object value) {
    previous.add(new Previous(key, MDC.get(key)));
    put(key, value == null ? null : value.toString());
    return this;
  }

  @Override
  public void close() {
    for (int i = previous.size() - 1; i >= 0; i--) {
      put(previous.get(i).key(), previous.get(i).value());
    }
    previous.clear();
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
