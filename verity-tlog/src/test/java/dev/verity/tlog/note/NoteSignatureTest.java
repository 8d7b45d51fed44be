package dev.verity.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoteSignatureTest {
  @Test
  void lineLayout() {
    NoteSignature s = NoteSignature.of("k", 0x01020304, new byte[] {9});
    assertThat(s.base64()).isEqualTo("AQIDBAk=");
    assertThat(s.line()).isEqualTo("\u2014 k AQIDBAk=\n");
    assertThat(s.signature()).containsExactly(9);
  }

  @Test
  void refusesInconsistentParts() {
    assertThatThrownBy(() -> new NoteSignature("k", 0x01020305, "AQIDBAk="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSignature("a b", 0x01020304, "AQIDBAk="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSignature("k", 0x01020304, "AQIDBA=="))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
