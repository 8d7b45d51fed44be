package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteCommandTest {
  // golang-x-mod/note_vectors.json (TestSign): the Go key signs the text into exactly Go's note.
  private static final String PETER_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  private static final String GO_SIGNED = TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQ"
      + "xVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void signFromStdinWithKeyStringMatchesGo() {
    Cli.Result r = Cli.run(TEXT.getBytes(StandardCharsets.UTF_8), "note", "sign", "--key",
        PETER_SKEY);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(GO_SIGNED);
  }

  @Test
  void signAddsToExistingAndVerifyPrintsNames(@TempDir Path dir) throws Exception {
    assertThat(Cli.run("key", "generate", "--name", "bob", "--out", dir.toString()).exit())
        .isZero();
    Path signed = dir.resolve("note");
    Files.writeString(signed, GO_SIGNED);
    Cli.Result r = Cli.run("note", "sign", "--key", dir.resolve("bob.skey").toString(),
        signed.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith(GO_SIGNED).contains("\u2014 bob ");
    Files.writeString(signed, r.out());
    Cli.Result v = Cli.run("note", "verify", "--key", PETER_VKEY, "--key",
        dir.resolve("bob.vkey").toString(), signed.toString());
    assertThat(v.exit()).as(v.err()).isZero();
    assertThat(v.out()).isEqualTo("PeterNeumann\nbob\n");
    Cli.Result onlyBob = Cli.run("note", "verify", "--key", dir.resolve("bob.vkey").toString(),
        signed.toString());
    assertThat(onlyBob.out()).isEqualTo("bob\n");
  }

  @Test
  void verifyFailuresExitNonZeroWithReason(@TempDir Path dir) throws Exception {
    assertThat(Cli.run("key", "generate", "--name", "bob", "--out", dir.toString()).exit())
        .isZero();
    Cli.Result unknown = Cli.run(GO_SIGNED.getBytes(StandardCharsets.UTF_8), "note", "verify",
        "--key", dir.resolve("bob.vkey").toString());
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("no verifiable signatures");
    Cli.Result tampered = Cli.run(GO_SIGNED.replace("answer", "Answer")
        .getBytes(StandardCharsets.UTF_8), "note", "verify", "--key", PETER_VKEY);
    assertThat(tampered.exit()).isNotZero();
    assertThat(tampered.err()).contains("invalid signature");
    Cli.Result malformed = Cli.run(TEXT.getBytes(StandardCharsets.UTF_8), "note", "verify",
        "--key", PETER_VKEY);
    assertThat(malformed.exit()).isNotZero();
    assertThat(malformed.err()).contains("malformed");
    Cli.Result badKey = Cli.run(GO_SIGNED.getBytes(StandardCharsets.UTF_8), "note", "verify",
        "--key", "nonsense");
    assertThat(badKey.exit()).isNotZero();
    assertThat(badKey.out()).isEmpty();
  }
}
