package dev.verity.tlog.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the checkpoint parser (seeds in CheckpointFuzzTestInputs/parse/). Property:
 * parse returns a checkpoint or throws CheckpointException, and format(parse(x)) parses back to
 * the same checkpoint (byte equality holds except for non-canonical base64 padding bits, which
 * Go's decoder also accepts).
 */
class CheckpointFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(byte[] input) throws CheckpointException {
    String s = new String(input, StandardCharsets.UTF_8);
    Checkpoint c;
    try {
      c = Checkpoint.parse(s);
    } catch (CheckpointException expected) {
      return;
    }
    assertThat(Checkpoint.parse(c.format())).isEqualTo(c);
    assertThat(c.format().length()).isLessThanOrEqualTo(s.length());
  }
}
