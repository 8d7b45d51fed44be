package dev.verity.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code, found by Logback through {@code META-INF/services}: one console
 * appender on standard error in the {@link LogFormat} this process selects; Verity's own loggers at
 * INFO (or {@value #LEVEL_ENV}), everything else (Jetty, Javalin, SQLite) at WARN. An operator's
 * own Logback file ({@code -Dlogback.configurationFile=…}) takes precedence.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The level of Verity's own loggers: TRACE, DEBUG, INFO, WARN or ERROR. */
  public static final String LEVEL_ENV = "VERITY_LOG_LEVEL";

  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{20}%replace( [%mdc]){' \\[\\]', ''} -"
          + " %msg%n";
  private static final String APPENDER = "stderr";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    install(context, LogFormat.ofThisProcess());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Switches this process's log to {@code format} (for {@code --log-format}). */
  public static void use(LogFormat format) {
    System.setProperty(LogFormat.PROPERTY, format.name().toLowerCase(Locale.ROOT));
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.reset();
      install(context, format);
    }
  }

  static void install(LoggerContext context, LogFormat format) {
    ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
    out.setContext(context);
    out.setName(APPENDER);
    out.setTarget("System.err");
    out.setEncoder(encoder(context, format));
    out.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(out);
    context.getLogger("dev.verity").setLevel(Level.toLevel(System.getenv(LEVEL_ENV), Level.INFO));
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonLinesEncoder json = new JsonLinesEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}
