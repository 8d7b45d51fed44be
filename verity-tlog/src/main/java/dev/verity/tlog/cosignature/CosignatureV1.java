package dev.verity.tlog.cosignature;

import dev.verity.tlog.internal.Ed25519Crypto;
import dev.verity.tlog.internal.Ed25519Crypto.PublicKey;
import dev.verity.tlog.internal.Ed25519Crypto.SigningKey;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteKeys.KeyString;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.NoteVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * C2SP tlog-cosignature {@code cosignature/v1}: Ed25519 over
 * {@code "cosignature/v1\ntime <t>\n" || checkpoint body}, signature line payload
 * {@code keyID(4) || u64 big-endian timestamp || signature(64)}, key ID over type 0x04.
 */
public final class CosignatureV1 {
  /** keyID is not part of the signature bytes a verifier sees: u64 timestamp + 64 bytes. */
  public static final int SIGNATURE_SIZE = 8 + Ed25519Crypto.SIGNATURE_SIZE;

  private CosignatureV1() {}

  /** The signed message: header line, timestamp line, then the whole checkpoint body. */
  public static byte[] signedMessage(String checkpointBody, long timestamp) {
    Objects.requireNonNull(checkpointBody, "checkpointBody");
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must be in [0, 2^63-1]");
    }
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointBody)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A cosignature verifier from a vkey of type 0x04, or, as transparency-dev/formats'
   * NewVerifierForCosignatureV1 does, from a legacy type-0x01 vkey whose key ID is then
   * re-derived with type 0x04.
   */
  public static CosignatureVerifier parseVerifier(String vkey) throws CosignatureException {
    KeyString k;
    try {
      k = NoteKeys.splitVerifierKey(vkey);
    } catch (NoteException e) {
      throw new CosignatureException(e.getMessage(), e);
    }
    if (k.type() != NoteKeys.TYPE_COSIGNATURE_V1 && k.type() != NoteKeys.TYPE_ED25519) {
      throw new CosignatureException(String.format(
          "unsupported cosigner key type 0x%02x (want 0x04, or legacy 0x01)", k.type()));
    }
    byte[] pub = k.key();
    if (pub.length != Ed25519Crypto.KEY_SIZE) {
      throw new CosignatureException("Ed25519 public key must be 32 bytes");
    }
    if (k.keyId() != NoteKeys.keyId(k.name(), k.type(), pub)) {
      throw new CosignatureException("verifier key ID does not match the key");
    }
    PublicKey decoded;
    try {
      decoded = Ed25519Crypto.decodePublicKey(pub);
    } catch (IllegalArgumentException e) {
      throw new CosignatureException("verifier key is not a valid Ed25519 public key");
    }
    return new Verifier(k.name(), decoded);
  }

  /**
   * A cosigner from a signer key of type 0x04 (or a legacy type-0x01 key, signing with the 0x04
   * key ID), stamping times from {@code clock}.
   */
  public static CosignatureSigner parseSigner(String skey, Clock clock)
      throws CosignatureException {
    Objects.requireNonNull(clock, "clock");
    KeyString k;
    try {
      k = NoteKeys.splitSignerKey(skey);
    } catch (NoteException e) {
      throw new CosignatureException(e.getMessage(), e);
    }
    if (k.type() != NoteKeys.TYPE_COSIGNATURE_V1 && k.type() != NoteKeys.TYPE_ED25519) {
      throw new CosignatureException(String.format(
          "unsupported cosigner key type 0x%02x (want 0x04, or legacy 0x01)", k.type()));
    }
    if (k.key().length != Ed25519Crypto.KEY_SIZE) {
      throw new CosignatureException("Ed25519 seed must be 32 bytes");
    }
    byte[] pub = Ed25519Crypto.publicKey(k.key());
    if (k.keyId() != NoteKeys.keyId(k.name(), k.type(), pub)) {
      throw new CosignatureException("signer key ID does not match the key");
    }
    return new Signer(k.name(), k.key(), clock);
  }

  /** A cosigner from a raw 32-byte Ed25519 seed. */
  public static CosignatureSigner signer(String name, byte[] seed, Clock clock) {
    if (!NoteKeys.isValidName(name)) {
      throw new IllegalArgumentException("invalid cosigner name: " + name);
    }
    return new Signer(name, seed, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Any supported verifier key: type 0x01 as a plain Ed25519 note verifier, type 0x04 as a
   * cosignature verifier.
   */
  public static NoteVerifier parseAnyVerifier(String vkey) throws CosignatureException {
    KeyString k;
    try {
      k = NoteKeys.splitVerifierKey(vkey);
      if (k.type() == NoteKeys.TYPE_ED25519) {
        return NoteKeys.parseVerifier(vkey);
      }
    } catch (NoteException e) {
      throw new CosignatureException(e.getMessage(), e);
    }
    if (k.type() == NoteKeys.TYPE_COSIGNATURE_V1) {
      return parseVerifier(vkey);
    }
    throw new CosignatureException(String.format("unsupported verifier key type 0x%02x",
        k.type()));
  }

  /** The timestamp in a cosignature's payload (after the key ID), without verifying it. */
  public static long timestampOf(byte[] signature) throws CosignatureException {
    if (signature.length != SIGNATURE_SIZE) {
      throw new CosignatureException("cosignature/v1 signature must be " + SIGNATURE_SIZE
          + " bytes after the key ID, got " + signature.length);
    }
    long t = ByteBuffer.wrap(signature, 0, 8).getLong();
    if (t < 0) {
      throw new CosignatureException("cosignature timestamp exceeds 2^63-1");
    }
    return t;
  }

  private static final class Verifier implements CosignatureVerifier {
    private final String name;
    private final PublicKey key;
    private final int keyId;

    Verifier(String name, PublicKey key) {
      this.name = name;
      this.key = key;
      this.keyId = NoteKeys.keyId(name, NoteKeys.TYPE_COSIGNATURE_V1, key.encoded());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int keyId() {
      return keyId;
    }

    @Override
    public byte[] publicKey() {
      return key.encoded();
    }

    @Override
    public String verifierKey() {
      return NoteKeys.formatKey(name, NoteKeys.TYPE_COSIGNATURE_V1, key.encoded());
    }

    @Override
    public boolean verify(byte[] text, byte[] signature) {
      if (signature.length != SIGNATURE_SIZE) {
        return false;
      }
      long t = ByteBuffer.wrap(signature, 0, 8).getLong();
      if (t < 0) {
        return false;
      }
      byte[] header = ("cosignature/v1\ntime " + t + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] msg = Arrays.copyOf(header, header.length + text.length);
      System.arraycopy(text, 0, msg, header.length, text.length);
      return Ed25519Crypto.verify(key, msg, Arrays.copyOfRange(signature, 8, SIGNATURE_SIZE));
    }

    @Override
    public long verifyCosignature(String checkpointBody, NoteSignature signature)
        throws CosignatureException {
      if (!signature.name().equals(name) || signature.keyId() != keyId()) {
        throw new CosignatureException("signature is not from cosigner " + name + "+"
            + NoteKeys.hex8(keyId()));
      }
      byte[] sig = signature.signature();
      long t = timestampOf(sig);
      if (!verify(checkpointBody.getBytes(StandardCharsets.UTF_8), sig)) {
        throw new CosignatureException("invalid cosignature from " + name);
      }
      return t;
    }

    @Override
    public String toString() {
      return verifierKey();
    }
  }

  private static final class Signer implements CosignatureSigner {
    private final String name;
    private final SigningKey key;
    private final byte[] publicKey;
    private final Clock clock;

    Signer(String name, byte[] seed, Clock clock) {
      this.name = name;
      this.key = new Ed25519Crypto.SigningKey(seed);
      this.publicKey = key.publicKey();
      this.clock = clock;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int keyId() {
      return NoteKeys.keyId(name, NoteKeys.TYPE_COSIGNATURE_V1, publicKey);
    }

    @Override
    public byte[] sign(byte[] text) {
      long t = Math.floorDiv(clock.millis(), 1000L);
      return sign(t, text);
    }

    private byte[] sign(long t, byte[] text) {
      byte[] header = ("cosignature/v1\ntime " + t + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] msg = Arrays.copyOf(header, header.length + text.length);
      System.arraycopy(text, 0, msg, header.length, text.length);
      byte[] sig = key.sign(msg);
      return ByteBuffer.allocate(SIGNATURE_SIZE).putLong(t).put(sig).array();
    }

    @Override
    public NoteSignature cosign(String checkpointBody, long timestamp) {
      Objects.requireNonNull(checkpointBody, "checkpointBody");
      if (timestamp < 0) {
        throw new IllegalArgumentException("timestamp must be in [0, 2^63-1]");
      }
      return NoteSignature.of(name, keyId(),
          sign(timestamp, checkpointBody.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String verifierKey() {
      return NoteKeys.formatKey(name, NoteKeys.TYPE_COSIGNATURE_V1, publicKey);
    }

    @Override
    public String toString() {
      return "CosignatureSigner[" + name + "+" + NoteKeys.hex8(keyId()) + "]";
    }
  }
}
