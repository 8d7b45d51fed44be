package dev.verity.tlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalTest {
  @Test
  void strictDecimals() {
    assertThat(Decimal.parseOrMinusOne("0")).isZero();
    assertThat(Decimal.parseOrMinusOne("123")).isEqualTo(123);
    assertThat(Decimal.parseOrMinusOne("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    for (String bad : new String[] {"", "00", "01", "-1", "+1", " 1", "1 ", "1e3", "0x1",
        "9223372036854775808", "18446744073709551616", "\u0661"}) {
      assertThat(Decimal.parseOrMinusOne(bad)).as(bad).isEqualTo(-1);
    }
    assertThat(Decimal.parseOrMinusOne(null)).isEqualTo(-1);
  }
}
