package dev.verity.tlog.cosignature;

import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.NoteVerifier;

/**
 * Verifies {@code cosignature/v1} signatures (C2SP tlog-cosignature, Ed25519, type 0x04) of one
 * cosigner. As a {@link NoteVerifier} it plugs into note verification; {@link #timestamp} and
 * {@link #verifyCosignature} also return the signed time.
 */
public interface CosignatureVerifier extends NoteVerifier {
  /** The 32-byte Ed25519 public key. */
  byte[] publicKey();

  /** The verifier key string with type 0x04. */
  String verifierKey();

  /**
   * Verifies one signature line over a checkpoint body and returns its timestamp (POSIX
   * seconds).
   */
  long verifyCosignature(String checkpointBody, NoteSignature signature)
      throws CosignatureException;
}
