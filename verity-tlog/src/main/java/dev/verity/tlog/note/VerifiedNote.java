package dev.verity.tlog.note;

import java.util.List;
import java.util.Objects;

/**
 * A note whose text is signed by at least one trusted key, as C2SP signed-note requires before
 * the text may be used: the verified signatures (one per key) and the other lines, carried
 * unverified (unknown keys, other algorithms), as Go's {@code note.Open} returns them.
 */
public record VerifiedNote(String text, List<NoteSignature> verified,
    List<NoteSignature> unverified) {
  public VerifiedNote {
    Objects.requireNonNull(text, "text");
    verified = List.copyOf(verified);
    unverified = List.copyOf(unverified);
    if (verified.isEmpty()) {
      throw new IllegalArgumentException("a verified note has at least one verified signature");
    }
  }

  /** The names of the keys that verified, in the order of the note. */
  public List<String> verifiedNames() {
    return verified.stream().map(NoteSignature::name).toList();
  }
}
