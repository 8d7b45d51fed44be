package dev.verity.node.log;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.CheckpointException;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSigner;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Real signed-note checkpoints (C2SP tlog-checkpoint over C2SP signed-note, Ed25519) for a
 * node's log: the signer the {@code LogWriter} uses and the reader that opens stored or fetched
 * checkpoints.
 */
public final class NoteCheckpoints {
  private NoteCheckpoints() {}

  /** Signs checkpoints of {@code origin} with a Go-format signer key. */
  public static CheckpointSigner signer(String origin, String signerKey) throws NoteException {
    NoteSigner s = NoteKeys.parseSigner(signerKey);
    return (size, root) -> {
      try {
        return SignedCheckpoint.sign(new Checkpoint(origin, size, root), List.of(s))
            .getBytes(StandardCharsets.UTF_8);
      } catch (CheckpointException e) {
        throw new IOException("cannot sign checkpoint: " + e.getMessage(), e);
      }
    };
  }

  /**
   * Opens checkpoints of {@code origin} signed by {@code verifierKey}. Besides the signature, the
   * bytes must be exactly the canonical encoding of the parsed note: a checkpoint with the same
   * meaning but other bytes (extra spaces, reordered lines) is refused, so two parties comparing
   * checkpoints byte for byte can never disagree about what was signed.
   */
  public static CheckpointReader reader(String origin, String verifierKey) throws NoteException {
    NoteVerifiers verifiers = NoteVerifiers.of(NoteKeys.parseVerifier(verifierKey));
    return file -> {
      Checkpoint c = open(file, origin, verifiers).checkpoint();
      return new TreeHead(c.size(), c.rootHash());
    };
  }

  /** Opens and verifies a checkpoint, canonical bytes required. */
  public static SignedCheckpoint open(byte[] file, String origin, NoteVerifiers verifiers)
      throws InvalidCheckpointException {
    String text = new String(file, StandardCharsets.UTF_8);
    try {
      SignedNote parsed = SignedNote.parse(file);
      if (!Arrays.equals(parsed.toBytes(), file)) {
        throw new InvalidCheckpointException("checkpoint is not in canonical form");
      }
      SignedCheckpoint c = SignedCheckpoint.open(text, origin, verifiers);
      // verification drops repeated signature lines (as Go's note.Open); canonical bytes have none
      if (c.note().verified().size() + c.note().unverified().size() != parsed.signatures().size()) {
        throw new InvalidCheckpointException("checkpoint is not in canonical form: repeated signature lines");
      }
      if (!c.checkpoint().format().equals(c.note().text())) {
        throw new InvalidCheckpointException("checkpoint body is not in canonical form");
      }
      return c;
    } catch (NoteException | CheckpointException e) {
      throw new InvalidCheckpointException(e.getMessage(), e);
    }
  }
}
