package dev.verity.tlog.internal;

import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032) through BouncyCastle's low-level implementation. Lengths are checked here,
 * always: keys and seeds exactly 32 bytes, signatures exactly 64 (JDK 17's own Ed25519 accepts a
 * 65-byte signature with a trailing zero, Wycheproof ed25519 case 37).
 */
public final class Ed25519Crypto {
  public static final int KEY_SIZE = 32;
  public static final int SIGNATURE_SIZE = 64;

  private Ed25519Crypto() {}

  /** The 32-byte public key of a 32-byte seed (RFC 8032 §5.1.5). */
  public static byte[] publicKey(byte[] seed) {
    requireLength(seed, KEY_SIZE, "Ed25519 seed");
    byte[] pk = new byte[KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return pk;
  }

  /** A deterministic 64-byte signature of {@code message} (RFC 8032 §5.1.6). */
  public static byte[] sign(byte[] seed, byte[] message) {
    return sign(seed, publicKey(seed), message);
  }

  /**
   * As {@link #sign(byte[], byte[])}, with the seed's public key already derived: RFC 8032
   * §5.1.6 step 4 hashes the public key into every signature, and deriving it again is a second
   * scalar multiplication that more than doubles the cost (issue 18: a node signs a checkpoint
   * per batch and a cosignature per push). {@code publicKey} must be {@link #publicKey} of the
   * seed, as {@link SigningKey} guarantees: a mismatched one would leak the key.
   */
  static byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
    requireLength(seed, KEY_SIZE, "Ed25519 seed");
    Objects.requireNonNull(message, "message");
    byte[] sig = new byte[SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** A seed with its public key derived once, for signing many messages. */
  public static final class SigningKey {
    private final byte[] seed;
    private final byte[] publicKey;

    public SigningKey(byte[] seed) {
      this.publicKey = Ed25519Crypto.publicKey(seed);
      this.seed = seed.clone();
    }

    /** As {@link Ed25519Crypto#sign(byte[], byte[])}, without deriving the public key again. */
    public byte[] sign(byte[] message) {
      return Ed25519Crypto.sign(seed, publicKey, message);
    }

    public byte[] publicKey() {
      return publicKey.clone();
    }
  }

  /** True only if {@code signature} is exactly 64 bytes and verifies (RFC 8032 §5.1.7). */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    if (publicKey == null || publicKey.length != KEY_SIZE
        || signature == null || signature.length != SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /**
   * A public key decoded once (BouncyCastle's precomputed point), for verifying many signatures
   * without decoding the key each time.
   */
  public static final class PublicKey {
    private final Ed25519.PublicPoint point;
    private final byte[] encoded;

    private PublicKey(Ed25519.PublicPoint point, byte[] encoded) {
      this.point = point;
      this.encoded = encoded;
    }

    /** The 32-byte encoding. */
    public byte[] encoded() {
      return encoded.clone();
    }
  }

  /**
   * Decodes a 32-byte public key; refuses encodings that are not a point on the curve (RFC 8032
   * §5.1.3), which could never verify a signature.
   */
  public static PublicKey decodePublicKey(byte[] publicKey) {
    requireLength(publicKey, KEY_SIZE, "Ed25519 public key");
    Ed25519.PublicPoint p = Ed25519.validatePublicKeyPartialExport(publicKey, 0);
    if (p == null) {
      throw new IllegalArgumentException("not a valid Ed25519 public key");
    }
    return new PublicKey(p, publicKey.clone());
  }

  /** As {@link #verify(byte[], byte[], byte[])} with a decoded key. */
  public static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(message, "message");
    if (signature == null || signature.length != SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, publicKey.point, message, 0, message.length);
  }

  private static void requireLength(byte[] b, int n, String what) {
    Objects.requireNonNull(b, what);
    if (b.length != n) {
      throw new IllegalArgumentException(what + " must be " + n + " bytes, got " + b.length);
    }
  }
}
