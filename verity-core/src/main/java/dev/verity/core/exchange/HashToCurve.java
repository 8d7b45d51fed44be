package dev.verity.core.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Maps a match key to a point of Curve25519 whose discrete logarithm nobody knows, as the
 * u-coordinate X25519 takes (RFC 7748 §5): try-and-increment. For counter 0, 1, ...:
 * u = SHA-512("verity-exchange-h2c/v1" || 0x00 || context || 0x00 || counter || key), first 32
 * bytes little-endian with the top bit cleared; accept the first u for which u³ + 486662u² + u is
 * a non-zero square mod 2^255 − 19, i.e. u is on the curve (not its twist) and not of small
 * order. A blinded value then reveals nothing about which candidate it came from: were twist
 * points allowed, the side of the twist would leak a bit of the hash to anyone.
 *
 * <p>Half of all u are accepted, so two tries on average. The number of tries depends on the key,
 * so this is not constant-time: it runs only in the owning Party's node, on its own data. A
 * mapping such as u = scalar × base point would be unsafe: with the scalar known, anyone could
 * test pairs of blinded values against pairs of candidates without any key.
 */
final class HashToCurve {
  private static final byte[] DOMAIN = "verity-exchange-h2c/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int A = 486662;

  private HashToCurve() {}

  /** The 32-byte u-coordinate for {@code key} under {@code context} (the exchange). */
  static byte[] map(byte[] context, byte[] key) {
    MessageDigest sha = sha512();
    int[] u = X25519Field.create();
    for (int counter = 0; counter < 256; counter++) {
      sha.update(DOMAIN);
      sha.update((byte) 0);
      sha.update(context);
      sha.update((byte) 0);
      sha.update((byte) counter);
      byte[] h = sha.digest(key);
      h[31] &= 0x7f;
      X25519Field.decode(h, 0, u);
      if (onCurve(u)) {
        byte[] out = new byte[32];
        X25519Field.normalize(u);
        X25519Field.encode(u, out, 0);
        return out;
      }
    }
    throw new IllegalStateException("no curve point in 256 tries (probability 2^-256)");
  }

  /** Whether u³ + A·u² + u = u·(u² + A·u + 1) is a non-zero square. */
  private static boolean onCurve(int[] u) {
    int[] t = X25519Field.create();
    int[] au = X25519Field.create();
    X25519Field.sqr(u, t);
    X25519Field.mul(u, A, au);
    X25519Field.add(t, au, t);
    X25519Field.addOne(t);
    X25519Field.mul(t, u, t);
    X25519Field.normalize(t);
    if (X25519Field.isZeroVar(t)) {
      return false;
    }
    int[] one = X25519Field.create();
    X25519Field.one(one);
    return X25519Field.sqrtRatioVar(t, one, X25519Field.create());
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
