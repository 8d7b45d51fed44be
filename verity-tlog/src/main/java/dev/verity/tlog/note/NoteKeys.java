package dev.verity.tlog.note;

import static dev.verity.tlog.note.NoteException.Reason.BAD_KEY;

import dev.verity.tlog.internal.Ed25519Crypto;
import dev.verity.tlog.internal.Ed25519Crypto.PublicKey;
import dev.verity.tlog.internal.Ed25519Crypto.SigningKey;
import dev.verity.tlog.internal.StdBase64;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Key IDs and key strings of C2SP signed-note, byte-compatible with Go's
 * golang.org/x/mod/sumdb/note: verifier keys {@code name+hex8+base64(type||public key)} and
 * signer keys {@code PRIVATE+KEY+name+hex8+base64(type||seed)}.
 */
public final class NoteKeys {
  /** C2SP signed-note: signature type 0x01, Ed25519 over the note text. */
  public static final byte TYPE_ED25519 = 0x01;
  /** C2SP tlog-cosignature: signature type 0x04, timestamped Ed25519 cosignature/v1. */
  public static final byte TYPE_COSIGNATURE_V1 = 0x04;

  private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

  private NoteKeys() {}

  /** The parts of a key string: the key is the bytes after the type byte. */
  public record KeyString(String name, int keyId, byte type, byte[] key) {
    public KeyString {
      Objects.requireNonNull(name, "name");
      key = Objects.requireNonNull(key, "key").clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }
  }

  /** A generated key pair, as Go's note.GenerateKey returns it. */
  public record KeyPair(String signerKey, String verifierKey) {
    public KeyPair {
      Objects.requireNonNull(signerKey, "signerKey");
      Objects.requireNonNull(verifierKey, "verifierKey");
    }
  }

  /**
   * C2SP signed-note: key names are non-empty, valid Unicode, without Unicode spaces or '+'.
   * Go's isValidName uses unicode.IsSpace; Java's Character.isWhitespace misses U+00A0, U+2007,
   * U+202F and U+0085, so those are listed too.
   */
  public static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('+') >= 0) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
        return false; // lone surrogate: not valid UTF-8
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** key ID = SHA-256(name || 0x0A || type || key)[:4], big-endian (C2SP signed-note). */
  public static int keyId(String name, byte type, byte[] key) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    MessageDigest sha = sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update(type);
    sha.update(key);
    byte[] h = sha.digest();
    return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
  }

  /** Splits a verifier key {@code name+hex8+base64(type||key)}; does not check the key ID. */
  public static KeyString splitVerifierKey(String vkey) throws NoteException {
    Objects.requireNonNull(vkey, "vkey");
    // Go's chop: the name cannot contain '+', the base64 can, so split at most twice.
    int a = vkey.indexOf('+');
    int b = a < 0 ? -1 : vkey.indexOf('+', a + 1);
    if (a < 0 || b < 0) {
      throw new NoteException(BAD_KEY, "malformed verifier key: want name+keyid+key");
    }
    return split(vkey.substring(0, a), vkey.substring(a + 1, b), vkey.substring(b + 1),
        "verifier key");
  }

  /** Splits a signer key {@code PRIVATE+KEY+name+hex8+base64(type||seed)}; no key ID check. */
  public static KeyString splitSignerKey(String skey) throws NoteException {
    Objects.requireNonNull(skey, "skey");
    if (!skey.startsWith(PRIVATE_KEY_PREFIX)) {
      throw new NoteException(BAD_KEY, "malformed signer key: must start with PRIVATE+KEY+");
    }
    String rest = skey.substring(PRIVATE_KEY_PREFIX.length());
    int a = rest.indexOf('+');
    int b = a < 0 ? -1 : rest.indexOf('+', a + 1);
    if (a < 0 || b < 0) {
      throw new NoteException(BAD_KEY, "malformed signer key: want PRIVATE+KEY+name+keyid+key");
    }
    return split(rest.substring(0, a), rest.substring(a + 1, b), rest.substring(b + 1),
        "signer key");
  }

  private static KeyString split(String name, String hex, String b64, String what)
      throws NoteException {
    if (!isValidName(name)) {
      throw new NoteException(BAD_KEY, "malformed " + what + ": invalid key name");
    }
    if (hex.length() != 8 || !isHex(hex)) {
      throw new NoteException(BAD_KEY, "malformed " + what + ": key ID must be 8 hex digits");
    }
    byte[] raw = StdBase64.decodeOrNull(b64);
    if (raw == null || raw.length < 1) {
      throw new NoteException(BAD_KEY, "malformed " + what + ": key is not base64");
    }
    return new KeyString(name, Integer.parseUnsignedInt(hex, 16), raw[0],
        Arrays.copyOfRange(raw, 1, raw.length));
  }

  /**
   * An Ed25519 (type 0x01) verifier from a Go verifier key; the key ID must match the key.
   */
  public static NoteVerifier parseVerifier(String vkey) throws NoteException {
    KeyString k = splitVerifierKey(vkey);
    byte[] typed = typed(k.type(), k.key());
    if (k.keyId() != keyId(k.name(), typed)) {
      throw new NoteException(BAD_KEY, "verifier key ID does not match the key");
    }
    if (k.type() != TYPE_ED25519) {
      throw new NoteException(BAD_KEY,
          String.format("unsupported verifier key type 0x%02x (want 0x01 Ed25519)", k.type()));
    }
    if (k.key().length != Ed25519Crypto.KEY_SIZE) {
      throw new NoteException(BAD_KEY, "Ed25519 public key must be 32 bytes");
    }
    PublicKey pk;
    try {
      pk = Ed25519Crypto.decodePublicKey(k.key());
    } catch (IllegalArgumentException e) {
      throw new NoteException(BAD_KEY, "verifier key is not a valid Ed25519 public key");
    }
    return new Ed25519Verifier(k.name(), k.keyId(), pk);
  }

  /** An Ed25519 (type 0x01) signer from a Go signer key; the key ID must match the public key. */
  public static NoteSigner parseSigner(String skey) throws NoteException {
    KeyString k = splitSignerKey(skey);
    if (k.type() != TYPE_ED25519) {
      throw new NoteException(BAD_KEY,
          String.format("unsupported signer key type 0x%02x (want 0x01 Ed25519)", k.type()));
    }
    if (k.key().length != Ed25519Crypto.KEY_SIZE) {
      throw new NoteException(BAD_KEY, "Ed25519 seed must be 32 bytes");
    }
    byte[] pub = Ed25519Crypto.publicKey(k.key());
    if (k.keyId() != keyId(k.name(), TYPE_ED25519, pub)) {
      throw new NoteException(BAD_KEY, "signer key ID does not match the key");
    }
    return new Ed25519Signer(k.name(), k.keyId(), k.key());
  }

  /** The verifier key of a signer key (any type whose key is an Ed25519 seed). */
  public static String verifierKeyOf(String skey) throws NoteException {
    KeyString k = splitSignerKey(skey);
    if (k.key().length != Ed25519Crypto.KEY_SIZE) {
      throw new NoteException(BAD_KEY, "Ed25519 seed must be 32 bytes");
    }
    byte[] pub = Ed25519Crypto.publicKey(k.key());
    if (k.keyId() != keyId(k.name(), k.type(), pub)) {
      throw new NoteException(BAD_KEY, "signer key ID does not match the key");
    }
    return formatKey(k.name(), k.type(), pub);
  }

  /** A new Ed25519 key pair of signature type {@code type} (0x01 notes, 0x04 cosignatures). */
  public static KeyPair generate(String name, byte type, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] seed = new byte[Ed25519Crypto.KEY_SIZE];
    random.nextBytes(seed);
    return fromSeed(name, type, seed);
  }

  /** The key pair of an Ed25519 seed, for signature type {@code type}. */
  public static KeyPair fromSeed(String name, byte type, byte[] seed) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("invalid key name (empty, space or '+'): " + name);
    }
    byte[] pub = Ed25519Crypto.publicKey(seed);
    int id = keyId(name, type, pub);
    String skey = PRIVATE_KEY_PREFIX + name + "+" + hex8(id) + "+"
        + StdBase64.encode(typed(type, seed));
    return new KeyPair(skey, formatKey(name, type, pub));
  }

  /** {@code name+hex8(keyId(name, type, key))+base64(type||key)}. */
  public static String formatKey(String name, byte type, byte[] key) {
    return name + "+" + hex8(keyId(name, type, key)) + "+" + StdBase64.encode(typed(type, key));
  }

  /** Eight lower-case hex digits, as Go's %08x. */
  public static String hex8(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  static int keyId(String name, byte[] typedKey) {
    return keyId(name, typedKey[0], Arrays.copyOfRange(typedKey, 1, typedKey.length));
  }

  private static byte[] typed(byte type, byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = type;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private record Ed25519Verifier(String name, int keyId, PublicKey publicKey)
      implements NoteVerifier {
    @Override
    public boolean verify(byte[] text, byte[] signature) {
      return Ed25519Crypto.verify(publicKey, text, signature);
    }

    @Override
    public String toString() {
      return formatKey(name, TYPE_ED25519, publicKey.encoded());
    }
  }

  private static final class Ed25519Signer implements NoteSigner {
    private final String name;
    private final int keyId;
    private final SigningKey key;

    Ed25519Signer(String name, int keyId, byte[] seed) {
      this.name = name;
      this.keyId = keyId;
      this.key = new Ed25519Crypto.SigningKey(seed);
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
    public byte[] sign(byte[] text) {
      return key.sign(text);
    }

    @Override
    public String toString() {
      return "Ed25519Signer[" + name + "+" + hex8(keyId) + "]";
    }
  }
}
