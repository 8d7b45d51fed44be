package dev.verity.tlog.cosignature;

import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.NoteSigner;

/**
 * Produces {@code cosignature/v1} signatures (C2SP tlog-cosignature). As a {@link NoteSigner} it
 * stamps the current time of its clock.
 */
public interface CosignatureSigner extends NoteSigner {
  /** The signature line for {@code checkpointBody} at {@code timestamp} (POSIX seconds). */
  NoteSignature cosign(String checkpointBody, long timestamp);

  /** The verifier key string of this cosigner, with type 0x04. */
  String verifierKey();
}
