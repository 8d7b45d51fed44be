package dev.verity.core.exchange;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * One Party's secret for one exchange: an X25519 scalar (RFC 7748 §5, clamped as X25519 clamps
 * it). Blinding raises a match key's curve point to it: b(x) = k·H(x). Because X25519 scalar
 * multiplication commutes, the other Party's key applied on top gives k'·k·H(x) = k·k'·H(x):
 * two lists blinded by both keys compare directly, yet no one holding only one key — nor the
 * mediator, holding none — can test a candidate name against them (the decisional
 * Diffie-Hellman assumption on Curve25519). This is ECDH private set intersection
 * (Meadows 1986; Huberman, Franklin, Hogg 1999); docs/dev/decisions.md explains the choice.
 *
 * <p>A fresh key per exchange keeps one exchange's lists unlinkable to the next. The key never
 * leaves the owning node; {@link #toString()} hides it.
 */
public final class BlindingKey {
  private static final int SIZE = X25519.SCALAR_SIZE;
  private final byte[] scalar;

  private BlindingKey(byte[] scalar) {
    this.scalar = scalar;
  }

  /** A fresh random key. */
  public static BlindingKey generate(SecureRandom random) {
    byte[] k = new byte[SIZE];
    X25519.generatePrivateKey(random, k);
    return new BlindingKey(k);
  }

  /** A key from its 32 bytes (as kept in the owner's vault). */
  public static BlindingKey of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a blinding key is " + SIZE + " bytes, not "
          + bytes.length);
    }
    return new BlindingKey(bytes.clone());
  }

  /** The 32 secret bytes, for the owner's vault only. */
  public byte[] bytes() {
    return scalar.clone();
  }

  /** k·H(key), with the exchange's identifier as the hash's context. */
  public Blinded blind(String exchange, MatchKey key) {
    return multiply(HashToCurve.map(exchange.getBytes(StandardCharsets.UTF_8), key.bytes()));
  }

  /** k·P for a value already blinded by the other Party. */
  public Blinded reblind(Blinded other) {
    return multiply(other.unsafeBytes());
  }

  /** {@link #blind} for every key, in order, spread over the common fork-join pool. */
  public List<Blinded> blindAll(String exchange, List<MatchKey> keys) {
    return parallel(keys, k -> blind(exchange, k));
  }

  /** {@link #reblind} for every value, in order, spread over the common fork-join pool. */
  public List<Blinded> reblindAll(List<Blinded> values) {
    return parallel(values, this::reblind);
  }

  private static <T> List<Blinded> parallel(List<T> in, Function<T, Blinded> f) {
    return IntStream.range(0, in.size()).parallel().mapToObj(i -> f.apply(in.get(i))).toList();
  }

  private Blinded multiply(byte[] u) {
    byte[] out = new byte[Blinded.SIZE];
    X25519.scalarMult(scalar, 0, u, 0, out, 0);
    return Blinded.wrap(out);
  }

  @Override
  public String toString() {
    return "BlindingKey[secret]";
  }
}
