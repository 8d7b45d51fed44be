package dev.verity.tlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StdBase64Test {
  @Test
  void requiresPaddingAndTheStandardAlphabet() {
    assertThat(StdBase64.decodeOrNull("AQID")).containsExactly(1, 2, 3);
    assertThat(StdBase64.decodeOrNull("AQI=")).containsExactly(1, 2);
    assertThat(StdBase64.decodeOrNull("")).isEmpty();
    assertThat(StdBase64.decodeOrNull("AQI")).isNull(); // unpadded: Go's StdEncoding refuses
    assertThat(StdBase64.decodeOrNull("AQ-_")).isNull(); // URL alphabet
    assertThat(StdBase64.decodeOrNull("AQ I")).isNull();
    assertThat(StdBase64.decodeOrNull("A=AA")).isNull();
    assertThat(StdBase64.decodeOrNull(null)).isNull();
  }

  @Test
  void acceptsNonZeroTrailingBitsLikeGo() {
    // "AQJ=" differs from the canonical "AQI=" only in the unused bits (torchwood relies on it).
    assertThat(StdBase64.decodeOrNull("AQJ=")).containsExactly(1, 2);
    assertThat(StdBase64.encode(new byte[] {1, 2})).isEqualTo("AQI=");
  }
}
