package dev.verity.tlog.checkpoint;

import dev.verity.tlog.internal.StdBase64;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.NoteSigner;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Signed-note checkpoints for a log on storage: the {@link CheckpointSigner} a log writer signs
 * with and the {@link CheckpointReader} that opens what it wrote (or what a peer published).
 *
 * <p>The reader is stricter than signature verification alone: the file must be exactly the
 * canonical encoding of the checkpoint it verifies to, so that two Parties comparing checkpoints
 * byte for byte never disagree about what was signed, and an audit notices every changed byte.
 * Refused although the signature verifies: base64 with non-zero padding bits (it decodes to the
 * same signature; Go accepts it, and so does {@code SignedNote}), a repeated signature line
 * (verification drops it, as Go's {@code note.Open} does), and a body that is not the canonical
 * formatting of the checkpoint it parses to.
 */
public final class LogCheckpoints {
  private LogCheckpoints() {}

  /** Signs checkpoints of {@code origin} with {@code signers} (the log's key first). */
  public static CheckpointSigner signer(String origin, List<? extends NoteSigner> signers) {
    Objects.requireNonNull(origin, "origin");
    List<? extends NoteSigner> copy = List.copyOf(signers);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a checkpoint needs at least one signer");
    }
    return (size, root) -> sign(new Checkpoint(origin, size, root), copy);
  }

  /** Signs with a Go-format signer key string; the origin is the key's name. */
  public static CheckpointSigner signer(String skey) throws NoteException {
    NoteSigner s = NoteKeys.parseSigner(skey);
    return signer(s.name(), List.of(s));
  }

  /** Opens checkpoints of {@code origin} signed by at least one of {@code verifiers}. */
  public static CheckpointReader reader(String origin, NoteVerifiers verifiers) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(verifiers, "verifiers");
    return file -> head(file, origin, verifiers);
  }

  /** Opens checkpoints signed by a Go-format verifier key; the origin is the key's name. */
  public static CheckpointReader reader(String vkey) throws NoteException {
    var v = NoteKeys.parseVerifier(vkey);
    return reader(v.name(), NoteVerifiers.of(v));
  }

  /** Signs checkpoints of {@code origin} with a Go-format signer key of any name. */
  public static CheckpointSigner signer(String origin, String skey) throws NoteException {
    return signer(origin, List.of(NoteKeys.parseSigner(skey)));
  }

  /** Opens checkpoints of {@code origin} signed by a Go-format verifier key of any name. */
  public static CheckpointReader reader(String origin, String vkey) throws NoteException {
    return reader(origin, NoteVerifiers.of(NoteKeys.parseVerifier(vkey)));
  }

  /**
   * Opens and verifies a checkpoint file of {@code origin}, which must be in canonical form
   * (see the class comment); returns the checkpoint with its verified note.
   */
  public static SignedCheckpoint open(byte[] file, String origin, NoteVerifiers verifiers)
      throws InvalidCheckpointException {
    String text = new String(file, StandardCharsets.UTF_8);
    try {
      SignedCheckpoint sc = SignedCheckpoint.open(text, origin, verifiers);
      requireCanonical(file, sc);
      return sc;
    } catch (CheckpointException e) {
      throw new InvalidCheckpointException(e.getMessage(), e);
    }
  }

  private static byte[] sign(Checkpoint c, List<? extends NoteSigner> signers)
      throws IOException {
    try {
      return SignedCheckpoint.sign(c, signers).getBytes(StandardCharsets.UTF_8);
    } catch (CheckpointException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static TreeHead head(byte[] file, String origin, NoteVerifiers verifiers)
      throws InvalidCheckpointException {
    Checkpoint c = open(file, origin, verifiers).checkpoint();
    return new TreeHead(c.size(), c.rootHash());
  }

  private static void requireCanonical(byte[] file, SignedCheckpoint sc)
      throws CheckpointException {
    SignedNote parsed;
    try {
      parsed = SignedNote.parse(file);
    } catch (NoteException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
    if (!sc.checkpoint().format().equals(parsed.text())) {
      throw new CheckpointException("checkpoint body is not in canonical form");
    }
    int kept = sc.note().verified().size() + sc.note().unverified().size();
    if (kept != parsed.signatures().size()) {
      throw new CheckpointException("checkpoint repeats a signature line");
    }
    requireCanonicalBase64(parsed);
  }

  private static void requireCanonicalBase64(SignedNote parsed) throws CheckpointException {
    for (NoteSignature sig : parsed.signatures()) {
      byte[] raw = StdBase64.decodeOrNull(sig.base64());
      if (raw == null || !StdBase64.encode(raw).equals(sig.base64())) {
        throw new CheckpointException("checkpoint signature line of " + sig.name()
            + " is not canonical base64");
      }
    }
  }
}
