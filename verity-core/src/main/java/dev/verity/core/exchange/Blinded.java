package dev.verity.core.exchange;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A person's match key hashed onto Curve25519 and raised to one or both Parties' blinding keys
 * ({@link BlindingKey}): the 32-byte X25519 u-coordinate, little-endian. Once blinded by one
 * Party it can be published: without that Party's key no one can tell which name it came from.
 */
public final class Blinded implements Comparable<Blinded> {
  /** Length of every blinded value, in bytes. */
  public static final int SIZE = 32;
  private final byte[] u;
  private final int hash;

  private Blinded(byte[] u) {
    this.u = u;
    this.hash = Arrays.hashCode(u);
  }

  /** From 32 bytes (copied); refuses any other length and the all-zero value (no point). */
  public static Blinded of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a blinded value is " + SIZE + " bytes, not "
          + bytes.length);
    }
    return wrap(bytes.clone());
  }

  static Blinded wrap(byte[] fresh) {
    boolean zero = true;
    for (byte b : fresh) {
      zero &= b == 0;
    }
    if (zero) {
      throw new IllegalArgumentException("a blinded value of all zeros is no curve point");
    }
    if ((fresh[31] & 0x80) != 0) {
      throw new IllegalArgumentException("a blinded value has its top bit clear (RFC 7748 §5)");
    }
    return new Blinded(fresh);
  }

  /** From 64 hex digits. */
  public static Blinded fromHex(String hex) {
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException("a blinded value is " + 2 * SIZE + " hex digits, not "
          + hex.length());
    }
    return wrap(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return u.clone();
  }

  byte[] unsafeBytes() {
    return u;
  }

  public String hex() {
    return HexFormat.of().formatHex(u);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Blinded b && hash == b.hash && Arrays.equals(u, b.u);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Blinded o) {
    return Arrays.compareUnsigned(u, o.u);
  }

  @Override
  public String toString() {
    return hex();
  }
}
