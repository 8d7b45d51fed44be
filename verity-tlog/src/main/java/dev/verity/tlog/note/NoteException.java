package dev.verity.tlog.note;

import java.util.Objects;

/**
 * A signed note, or a key, is malformed, or a note does not verify. {@link #reason()} tells the
 * cases apart the way Go's golang.org/x/mod/sumdb/note errors do, so that callers such as a
 * witness can answer "400 malformed" and "403 bad signature" differently.
 */
public final class NoteException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a note or key was refused. */
  public enum Reason {
    /** The note does not follow the C2SP signed-note format. */
    MALFORMED,
    /** No signature from a known key (C2SP signed-note: the note MUST be rejected). */
    UNVERIFIED,
    /** A signature from a known key (name and key ID match) does not verify. */
    INVALID_SIGNATURE,
    /** A verifier or signer key string is malformed or inconsistent. */
    BAD_KEY,
    /** A signer could not sign (invalid name, text that is not a valid note text). */
    SIGNING_FAILED
  }

  private final Reason reason;

  public NoteException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public NoteException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
