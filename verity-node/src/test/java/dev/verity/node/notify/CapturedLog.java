package dev.verity.node.notify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log lines of the notify package, captured in memory while open. */
final class CapturedLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.verity.node.notify");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLog() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Each line as its message followed by its MDC. */
  List<String> lines() {
    return appender.list.stream()
        .map(e -> e.getLevel() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap())
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
