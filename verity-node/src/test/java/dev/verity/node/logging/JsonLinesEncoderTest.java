package dev.verity.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLinesEncoderTest {
  // the process's own context: its events read the MDC that SLF4J binds
  final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  final JsonLinesEncoder encoder = new JsonLinesEncoder();

  @AfterEach
  void clear() {
    MDC.clear();
  }

  String encode(Level level, String pattern, Throwable t, Object... args) {
    encoder.setContext(context);
    encoder.start();
    LoggingEvent e =
        new LoggingEvent(
            "x",
            context.getLogger("dev.verity.node.federation.Publisher"),
            level,
            pattern,
            t,
            args);
    e.setTimeStamp(Instant.parse("2026-02-05T10:15:30.123Z").toEpochMilli());
    return new String(encoder.encode(e), StandardCharsets.UTF_8);
  }

  @Test
  void oneObjectALineWithTheContextKeysAndAnIsoTime() throws Exception {
    String line;
    try (LogContext c =
        LogContext.of(LogContext.AGREEMENT, "new-start")
            .and(LogContext.PEER, "RU")
            .and(LogContext.ENTRY, 17)
            .and(LogContext.REQUEST_ID, "r-1")) {
      line =
          encode(Level.WARN, "publishing to {}: {}", null, "RU", "refused \"quoted\"\nsecond line");
    }
    assertThat(line).endsWith("\n").doesNotContain("\n{");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode j = new ObjectMapper().readTree(line);
    assertThat(j.path("level").asText()).isEqualTo("WARN");
    assertThat(j.path("loggerName").asText()).isEqualTo("dev.verity.node.federation.Publisher");
    assertThat(j.path("formattedMessage").asText())
        .isEqualTo("publishing to RU: refused \"quoted\"\nsecond line");
    assertThat(j.path("time").asText()).isEqualTo("2026-02-05T10:15:30.123Z");
    JsonNode mdc = j.path("mdc");
    assertThat(mdc.path("agreement").asText()).isEqualTo("new-start");
    assertThat(mdc.path("peer").asText()).isEqualTo("RU");
    assertThat(mdc.path("entry").asText()).isEqualTo("17");
    assertThat(mdc.path("requestId").asText()).isEqualTo("r-1");
    // the message once, formatted: no pattern, no argument array, no epoch or sequence fields
    assertThat(j.has("message")).isFalse();
    assertThat(j.has("arguments")).isFalse();
    assertThat(j.has("timestamp")).isFalse();
    assertThat(j.has("sequenceNumber")).isFalse();
    assertThat(j.has("context")).isFalse();
  }

  @Test
  void anExceptionIsAStructuredField() throws Exception {
    String line = encode(Level.ERROR, "closing the store", new IllegalStateException("disk full"));
    JsonNode j = new ObjectMapper().readTree(line);
    assertThat(j.path("throwable").path("className").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(j.path("throwable").path("message").asText()).isEqualTo("disk full");
    assertThat(j.path("mdc").size()).as("no context outside a scope").isZero();
  }
}
