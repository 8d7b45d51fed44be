package dev.verity.tlog.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 hash: exactly 32 bytes, immutable. RFC 9162 §2.1 fixes the hash length per log; any
 * other length is refused here so that no proof or tile can smuggle in a short or long value.
 */
public final class Hash implements Comparable<Hash> {
  /** The length of every hash, in bytes. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A hash from exactly 32 bytes (copied). */
  public static Hash of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** A hash from {@code length} bytes of {@code buf} starting at {@code off}; length must be 32. */
  public static Hash of(byte[] buf, int off, int length) {
    if (length != SIZE) {
      throw new IllegalArgumentException("hash must be " + SIZE + " bytes, got " + length);
    }
    return new Hash(Arrays.copyOfRange(buf, off, off + SIZE));
  }

  /** Wraps a fresh array without copying; the caller must not keep or change it. */
  static Hash wrap(byte[] fresh) {
    if (fresh.length != SIZE) {
      throw new IllegalArgumentException("hash must be " + SIZE + " bytes, got " + fresh.length);
    }
    return new Hash(fresh);
  }

  /** Parses standard base64 (as in checkpoints and Go's proof JSON); it must decode to 32 bytes. */
  public static Hash fromBase64(String b64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hash is not valid base64: " + e.getMessage(), e);
    }
    return wrap(raw);
  }

  /** Parses lower- or upper-case hex; the result must be 32 bytes. */
  public static Hash fromHex(String hex) {
    return wrap(HexFormat.of().parseHex(hex));
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code dst} at {@code off}. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, SIZE);
  }

  byte[] unsafeBytes() {
    return bytes;
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash && Arrays.equals(bytes, ((Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
