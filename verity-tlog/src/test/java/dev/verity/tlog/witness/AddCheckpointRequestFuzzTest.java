package dev.verity.tlog.witness;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the add-checkpoint request parser and the whole witness
 * (seeds in AddCheckpointRequestFuzzTestInputs/parse/). Property: parse returns a request or
 * throws WitnessException; format(parse(x)) parses back to an equal request; the witness
 * answers every body with one of the spec's status codes and never throws.
 */
class AddCheckpointRequestFuzzTest {
  private static final Witness WITNESS;

  static {
    try {
      String vkey =
          "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
      WITNESS = Witness.create(List.of(CosignatureV1.signer("w", new byte[32], Clock.systemUTC())),
          Map.of("example.com/log/testdata", NoteVerifiers.of(NoteKeys.parseVerifier(vkey))),
          WitnessState.inMemory(), Clock.systemUTC());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] input) throws WitnessException {
    AddCheckpointRequest r = null;
    try {
      r = AddCheckpointRequest.parse(input);
    } catch (WitnessException expected) {
      // fall through to the witness, which must answer 400
    }
    if (r != null) {
      assertThat(AddCheckpointRequest.parse(r.format())).isEqualTo(r);
    }
    int status = WITNESS.addCheckpoint(input).status();
    assertThat(status).isIn(200, 400, 403, 404, 409, 422);
    if (r == null) {
      assertThat(status).isEqualTo(400);
    }
  }
}
