package dev.verity.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void scopesSetTheirKeysAndRestoreWhatWasThereBefore() {
    try (LogContext outer =
        LogContext.of(LogContext.AGREEMENT, "new-start").and(LogContext.PEER, "RU")) {
      assertThat(MDC.get(LogContext.AGREEMENT)).isEqualTo("new-start");
      try (LogContext inner = LogContext.of(LogContext.PEER, "UA").and(LogContext.ENTRY, 42L)) {
        assertThat(MDC.get(LogContext.PEER)).isEqualTo("UA");
        assertThat(MDC.get(LogContext.ENTRY)).isEqualTo("42");
      }
      assertThat(MDC.get(LogContext.PEER)).isEqualTo("RU");
      assertThat(MDC.get(LogContext.ENTRY)).isNull();
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aNullValueRemovesTheKeyForTheScope() {
    MDC.put(LogContext.PEER, "RU");
    try (LogContext c = LogContext.of(LogContext.PEER, null)) {
      assertThat(MDC.get(LogContext.PEER)).isNull();
    }
    assertThat(MDC.get(LogContext.PEER)).isEqualTo("RU");
  }
}
