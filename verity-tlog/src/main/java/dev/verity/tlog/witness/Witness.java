package dev.verity.tlog.witness;

import dev.verity.tlog.cosignature.CosignatureSigner;
import dev.verity.tlog.note.NoteVerifiers;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A C2SP tlog-witness v1.0.0 witness: checks {@code add-checkpoint} requests against the logs
 * it knows and its state, and answers with cosignatures or the spec's status codes.
 */
public interface Witness {
  /**
   * Handles an add-checkpoint request body and returns the answer: 200 with cosignature lines;
   * 400 malformed; 403 not signed by a known key of the origin; 404 unknown origin; 409
   * ({@code text/x.tlog.size}, body {@code <size>\n}) old size is not the latest; 422 the
   * consistency proof does not verify, or same size with a different root; 500 state failure.
   */
  WitnessResponse addCheckpoint(byte[] body);

  /**
   * A witness cosigning with {@code cosigners} (one line each, all at the same time from
   * {@code clock}) for the logs in {@code logs} (origin to the log's trusted keys).
   */
  static Witness create(List<? extends CosignatureSigner> cosigners,
      Map<String, NoteVerifiers> logs, WitnessState state, Clock clock) {
    return new DefaultWitness(cosigners, logs, state, clock);
  }
}
