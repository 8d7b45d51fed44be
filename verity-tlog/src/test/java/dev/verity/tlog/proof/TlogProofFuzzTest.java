package dev.verity.tlog.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the tlog-proof parser (seeds in TlogProofFuzzTestInputs/parse/). Property:
 * parse returns a proof or throws TlogProofException, and format(parse(x)) parses back to an
 * equal proof.
 */
class TlogProofFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(byte[] input) throws TlogProofException {
    TlogProof p;
    try {
      p = TlogProof.parse(input);
    } catch (TlogProofException expected) {
      return;
    }
    assertThat(TlogProof.parse(p.format())).isEqualTo(p);
  }
}
