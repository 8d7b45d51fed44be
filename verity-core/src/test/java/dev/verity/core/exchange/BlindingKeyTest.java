package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The curve mapping checked with independent arithmetic, and blinding's algebra. */
class BlindingKeyTest {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MatchKey KEY = MatchKey.of(new PersonRecord("Коваленко", "Олександр",
      LocalDate.of(1991, 4, 2), null));

  @Test
  void mappedPointsAreOnTheCurveNotTheTwist() {
    for (int i = 0; i < 200; i++) {
      byte[] u = HashToCurve.map("x".getBytes(StandardCharsets.UTF_8),
          ("key " + i).getBytes(StandardCharsets.UTF_8));
      BigInteger x = littleEndian(u);
      BigInteger rhs = x.pow(3).add(BigInteger.valueOf(486662).multiply(x.pow(2))).add(x).mod(P);
      // Euler's criterion: a non-zero square has rhs^((p-1)/2) = 1
      assertThat(rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P)).isEqualTo(BigInteger.ONE);
      assertThat(x).isLessThan(P);
    }
  }

  @Test
  void blindingCommutesSoDoublyBlindedValuesCompare() {
    BlindingKey a = BlindingKey.generate(RANDOM);
    BlindingKey b = BlindingKey.generate(RANDOM);
    Blinded ab = b.reblind(a.blind("x", KEY));
    Blinded ba = a.reblind(b.blind("x", KEY));
    assertThat(ab).isEqualTo(ba);
    assertThat(a.blind("x", KEY)).isEqualTo(a.blind("x", KEY)).isNotEqualTo(b.blind("x", KEY));
    assertThat(a.blind("another exchange", KEY)).isNotEqualTo(a.blind("x", KEY));
    assertThat(BlindingKey.of(a.bytes()).blind("x", KEY)).isEqualTo(a.blind("x", KEY));
    assertThat(a.toString()).doesNotContain(Blinded.of(a.bytes()).hex());
  }

  @Test
  void badValuesAreRefused() {
    assertThatThrownBy(() -> Blinded.of(new byte[32])).hasMessageContaining("all zeros");
    assertThatThrownBy(() -> Blinded.fromHex("ab")).hasMessageContaining("64 hex digits");
    byte[] top = new byte[32];
    top[31] = (byte) 0x80;
    assertThatThrownBy(() -> Blinded.of(top)).hasMessageContaining("top bit");
    assertThatThrownBy(() -> BlindingKey.of(new byte[31])).hasMessageContaining("32 bytes");
  }

  private static BigInteger littleEndian(byte[] b) {
    byte[] be = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      be[i] = b[b.length - 1 - i];
    }
    return new BigInteger(1, be);
  }
}
