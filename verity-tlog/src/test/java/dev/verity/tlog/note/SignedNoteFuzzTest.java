package dev.verity.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the signed-note parser. In the normal test run it replays the seed corpus in
 * src/test/resources/dev/verity/tlog/note/SignedNoteFuzzTestInputs/parse/ (Jazzer regression
 * mode); JAZZER_FUZZ=1 fuzzes. Property: parse returns a note or throws NoteException, nothing
 * else, and a parsed note formats back to exactly its input bytes.
 */
class SignedNoteFuzzTest {
  private static final NoteVerifiers KNOWN;

  static {
    try {
      KNOWN = NoteVerifiers.of(NoteKeys.parseVerifier(
          "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
    } catch (NoteException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] input) {
    SignedNote n;
    try {
      n = SignedNote.parse(input);
    } catch (NoteException expected) {
      return;
    }
    assertThat(n.toBytes()).isEqualTo(input);
    try {
      VerifiedNote v = n.verify(KNOWN);
      assertThat(v.verified()).isNotEmpty();
    } catch (NoteException expected) {
      // unverified or invalid signature: fine
    }
    assertThat(new String(input, StandardCharsets.UTF_8)).endsWith("\n");
  }
}
