package dev.verity.node.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;

/**
 * Logback's own {@link JsonEncoder}, one JSON object a line, trimmed to what a collector needs:
 * {@code level}, {@code threadName}, {@code loggerName}, {@code mdc} (the {@link LogContext} keys),
 * {@code kvpList}, {@code formattedMessage}, {@code throwable}, and {@code time} (ISO 8601, UTC,
 * milliseconds) in place of Logback's epoch milliseconds. Left out: the message pattern and its
 * arguments (the formatted message says it once), sequence numbers and the logger context. Format
 * and choice: docs/user/operate.md, decisions.md ("JSON log lines").
 */
public final class JsonLinesEncoder extends JsonEncoder {
  public static final String TIME = "time";

  public JsonLinesEncoder() {
    setWithSequenceNumber(false);
    setWithTimestamp(false);
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
  }

  @Override
  protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
    // the level always precedes, so a separator is always due
    sb.append(VALUE_SEPARATOR);
    appenderMember(sb, TIME, Instant.ofEpochMilli(event.getTimeStamp()).toString());
  }
}
