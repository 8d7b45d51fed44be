package dev.verity.tlog.witness;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.CheckpointException;
import dev.verity.tlog.cosignature.CosignatureSigner;
import dev.verity.tlog.merkle.ConsistencyProof;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The witness logic of C2SP tlog-witness v1.0.0, in the order the spec lists the checks. */
final class DefaultWitness implements Witness {
  private final List<CosignatureSigner> cosigners;
  private final Map<String, NoteVerifiers> logs;
  private final WitnessState state;
  private final Clock clock;

  DefaultWitness(List<? extends CosignatureSigner> cosigners, Map<String, NoteVerifiers> logs,
      WitnessState state, Clock clock) {
    this.cosigners = List.copyOf(cosigners);
    this.logs = Map.copyOf(logs);
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.cosigners.isEmpty()) {
      throw new IllegalArgumentException("a witness needs at least one cosigner");
    }
  }

  @Override
  public WitnessResponse addCheckpoint(byte[] body) {
    Objects.requireNonNull(body, "body");
    AddCheckpointRequest req;
    SignedNote note;
    Checkpoint cp;
    try {
      req = AddCheckpointRequest.parse(body);
      note = SignedNote.parse(req.checkpoint());
      cp = Checkpoint.parse(note.text());
    } catch (WitnessException | NoteException | CheckpointException e) {
      return WitnessResponse.error(400, "malformed request: " + e.getMessage());
    }
    NoteVerifiers keys = logs.get(cp.origin());
    if (keys == null) {
      // C2SP tlog-witness: unknown origin is 404 (torchwood's litewitness answers 403).
      return WitnessResponse.error(404, "unknown log: " + cp.origin());
    }
    try {
      // C2SP tlog-witness: signatures from unknown keys are ignored; none verifying is 403.
      note.verify(keys);
    } catch (NoteException e) {
      return WitnessResponse.error(403, "invalid signature: " + e.getMessage());
    }
    if (req.oldSize() > cp.size()) {
      return WitnessResponse.error(400, "old size " + req.oldSize()
          + " is larger than the checkpoint size " + cp.size());
    }
    try {
      return check(req, cp);
    } catch (WitnessException e) {
      return WitnessResponse.error(500, "witness state failure: " + e.getMessage());
    }
  }

  private WitnessResponse check(AddCheckpointRequest req, Checkpoint cp)
      throws WitnessException {
    Optional<Checkpoint> latest = state.latest(cp.origin());
    long latestSize = latest.map(Checkpoint::size).orElse(0L);
    if (req.oldSize() != latestSize) {
      return conflict(latestSize);
    }
    String problem = consistencyProblem(req, latest.orElse(null), cp);
    if (problem != null) {
      return WitnessResponse.error(422, problem);
    }
    if (!state.compareAndSwap(latest.orElse(null), cp)) {
      // Another request updated the log in between: report the size now recorded.
      return conflict(state.latest(cp.origin()).map(Checkpoint::size).orElse(0L));
    }
    long now = Math.floorDiv(clock.millis(), 1000L);
    String body = cp.format();
    StringBuilder lines = new StringBuilder();
    for (CosignatureSigner s : cosigners) {
      lines.append(s.cosign(body, now).line());
    }
    return new WitnessResponse(200, WitnessResponse.TEXT, lines.toString());
  }

  private static WitnessResponse conflict(long size) {
    return new WitnessResponse(409, WitnessResponse.TLOG_SIZE, size + "\n");
  }

  // Why the checkpoint is not a consistent extension of the latest one, or null.
  private static String consistencyProblem(AddCheckpointRequest req, Checkpoint latest,
      Checkpoint cp) {
    if (req.oldSize() == 0) {
      // C2SP tlog-witness: the proof MUST be empty from size 0; the merkle library refuses
      // size-0 consistency proofs by policy, so this path never reaches it.
      return req.proof().isEmpty() ? null : "consistency proof must be empty from old size 0";
    }
    if (req.oldSize() == cp.size()) {
      if (!req.proof().isEmpty()) {
        return "consistency proof must be empty for equal sizes";
      }
      // Same size, different root: a fork. The brief's tlog-witness revision answers 422.
      return latest.rootHash().equals(cp.rootHash()) ? null
          : "same size " + cp.size() + " with a different root hash (consistency proof)";
    }
    try {
      new ConsistencyProof(req.oldSize(), cp.size(), req.proof())
          .verify(latest.rootHash(), cp.rootHash());
      return null;
    } catch (ProofException e) {
      return "consistency proof does not verify: " + e.getMessage();
    }
  }
}
