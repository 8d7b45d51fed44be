package dev.verity.node.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatTest {
  @Test
  void aTerminalGetsTextAndAnythingElseJsonLines() {
    assertThat(LogFormat.select(null, null, true)).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.select(null, null, false)).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.select("", " ", false)).isEqualTo(LogFormat.JSON);
  }

  @Test
  void theOptionWinsOverTheEnvironmentWhichWinsOverTheTerminal() {
    assertThat(LogFormat.select("json", "text", true)).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.select(null, "TEXT", false)).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.select(null, "json", true)).isEqualTo(LogFormat.JSON);
    // an unknown name never stops logging from starting: the terminal decides
    assertThat(LogFormat.select(null, "xml", true)).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void anUnknownNameIsRefusedInPlainWords() {
    assertThat(LogFormat.parse(" Json ")).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.parse("yaml"))
        .hasMessage("log format \"yaml\": expected text or json");
  }
}
