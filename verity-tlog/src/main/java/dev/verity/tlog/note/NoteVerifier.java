package dev.verity.tlog.note;

/**
 * Verifies signatures by one key, identified by its name and 32-bit key ID (C2SP signed-note).
 * Implementations: {@link NoteKeys#parseVerifier} (Ed25519, type 0x01) and the cosignature
 * verifier in {@code dev.verity.tlog.cosignature} (type 0x04).
 */
public interface NoteVerifier {
  /** The key name, as in the signature lines. */
  String name();

  /** The 32-bit key ID, as the first four bytes of the signature (big-endian). */
  int keyId();

  /**
   * True if {@code signature} (the signature bytes after the 4-byte key ID) is valid for the
   * note {@code text} (UTF-8, including its final newline).
   */
  boolean verify(byte[] text, byte[] signature);
}
