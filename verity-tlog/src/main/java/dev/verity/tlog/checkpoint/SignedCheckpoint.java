package dev.verity.tlog.checkpoint;

import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSigner;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.note.VerifiedNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint (C2SP tlog-checkpoint) whose signed note verified against trusted keys (C2SP
 * signed-note): the parsed body and the verified note, with any signatures from unknown keys,
 * such as witnesses' cosignatures, carried in it. The note is verified before the body is
 * parsed, so nothing of an unsigned checkpoint is ever read.
 */
public record SignedCheckpoint(Checkpoint checkpoint, VerifiedNote note) {
  public SignedCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(note, "note");
  }

  /**
   * Parses and verifies a signed checkpoint note; at least one trusted key must have signed it
   * and every trusted key's signature must verify (C2SP signed-note).
   */
  public static SignedCheckpoint open(String signedNote, NoteVerifiers verifiers)
      throws CheckpointException {
    Objects.requireNonNull(signedNote, "signedNote");
    VerifiedNote n;
    try {
      n = SignedNote.parse(signedNote).verify(verifiers);
    } catch (NoteException e) {
      throw new CheckpointException("checkpoint note: " + e.getMessage(), e);
    }
    return new SignedCheckpoint(Checkpoint.parse(n.text()), n);
  }

  /** As {@link #open(String, NoteVerifiers)}, and the origin must be {@code expectedOrigin}. */
  public static SignedCheckpoint open(String signedNote, String expectedOrigin,
      NoteVerifiers verifiers) throws CheckpointException {
    SignedCheckpoint c = open(signedNote, verifiers);
    if (!c.checkpoint().origin().equals(expectedOrigin)) {
      throw new CheckpointException("checkpoint origin is " + c.checkpoint().origin()
          + ", expected " + expectedOrigin);
    }
    return c;
  }

  /** Convenience: verifies against Go-format Ed25519 verifier key strings. */
  public static SignedCheckpoint open(String signedNote, List<String> vkeys)
      throws CheckpointException {
    List<NoteVerifier> vs = new ArrayList<>();
    for (String k : vkeys) {
      try {
        vs.add(NoteKeys.parseVerifier(k));
      } catch (NoteException e) {
        throw new CheckpointException("verifier key: " + e.getMessage(), e);
      }
    }
    return open(signedNote, NoteVerifiers.of(vs));
  }

  /** Signs a checkpoint body with the given signers; returns the signed note text. */
  public static String sign(Checkpoint checkpoint, List<? extends NoteSigner> signers)
      throws CheckpointException {
    Objects.requireNonNull(checkpoint, "checkpoint");
    try {
      return SignedNote.sign(checkpoint.format(), signers).format();
    } catch (NoteException e) {
      throw new CheckpointException("cannot sign checkpoint: " + e.getMessage(), e);
    }
  }

  /** Convenience: signs with a Go-format Ed25519 signer key string ({@code PRIVATE+KEY+...}). */
  public static String sign(Checkpoint checkpoint, String skey) throws CheckpointException {
    try {
      return sign(checkpoint, List.of(NoteKeys.parseSigner(skey)));
    } catch (NoteException e) {
      throw new CheckpointException("signer key: " + e.getMessage(), e);
    }
  }
}
