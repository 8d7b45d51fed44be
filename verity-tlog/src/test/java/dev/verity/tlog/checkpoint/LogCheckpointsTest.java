package dev.verity.tlog.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.Vectors;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.TreeHead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class LogCheckpointsTest {
  // shared/vectors/README.md: the Tessera test log's verifier key.
  private static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
  private static final String TESSERA_SKEY =
      "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";

  @Test
  void opensTheTesseraCheckpoint() throws Exception {
    byte[] file = Files.readAllBytes(Vectors.file("tessera-testdata-log/log/checkpoint"));
    TreeHead head = LogCheckpoints.reader(TESSERA_VKEY).open(file);
    assertThat(head.size()).isEqualTo(15);
    assertThat(head.root().base64()).isEqualTo("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=");
  }

  @Test
  void signerReproducesTesseraCheckpointByteForByte() throws Exception {
    byte[] file = Files.readAllBytes(Vectors.file("tessera-testdata-log/log/checkpoint"));
    byte[] signed = LogCheckpoints.signer(TESSERA_SKEY)
        .sign(15, Hash.fromBase64("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs="));
    assertThat(signed).isEqualTo(file);
  }

  @Test
  void refusesANonCanonicalSignatureEncoding() throws Exception {
    byte[] file = Files.readAllBytes(Vectors.file("tessera-testdata-log/log/checkpoint"));
    String text = new String(file, StandardCharsets.UTF_8);
    // The signature's base64 ends in "...ewI=": 'I' and 'J' decode to the same bytes when the
    // low padding bits are ignored, so the signature still verifies; the file is not canonical.
    String altered = text.replace("ewI=\n", "ewJ=\n");
    assertThat(altered).isNotEqualTo(text);
    CheckpointReader reader = LogCheckpoints.reader(TESSERA_VKEY);
    assertThatThrownBy(() -> reader.open(altered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidCheckpointException.class)
        .hasMessageContaining("not canonical base64");
  }

  @Test
  void refusesAnotherOriginOrKey() throws Exception {
    NoteKeys.KeyPair other = NoteKeys.generate("example.com/other", (byte) 1, new SecureRandom());
    byte[] signed = LogCheckpoints.signer(other.signerKey()).sign(1, Hash.of(new byte[32]));
    assertThatThrownBy(() -> LogCheckpoints.reader(TESSERA_VKEY).open(signed))
        .isInstanceOf(InvalidCheckpointException.class);
    assertThat(LogCheckpoints.reader(other.verifierKey()).open(signed).size()).isEqualTo(1);
  }

  @Test
  void refusesARepeatedSignatureLine() throws Exception {
    byte[] file = Files.readAllBytes(Vectors.file("tessera-testdata-log/log/checkpoint"));
    String text = new String(file, StandardCharsets.UTF_8);
    String doubled = text + text.substring(text.indexOf("\u2014"));
    assertThatThrownBy(() -> LogCheckpoints.reader(TESSERA_VKEY)
        .open(doubled.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidCheckpointException.class).hasMessageContaining("repeats");
  }

  @Test
  void anOriginNeedNotBeTheKeyName() throws Exception {
    NoteKeys.KeyPair key = NoteKeys.generate("verity.example/key", (byte) 1, new SecureRandom());
    byte[] signed = LogCheckpoints.signer("verity.example/log", key.signerKey())
        .sign(3, Hash.of(new byte[32]));
    assertThat(LogCheckpoints.reader("verity.example/log", key.verifierKey()).open(signed).size())
        .isEqualTo(3);
    assertThatThrownBy(() -> LogCheckpoints.reader(key.verifierKey()).open(signed))
        .isInstanceOf(InvalidCheckpointException.class).hasMessageContaining("origin");
    assertThat(LogCheckpoints.open(signed, "verity.example/log",
        dev.verity.tlog.note.NoteVerifiers.of(NoteKeys.parseVerifier(key.verifierKey())))
        .checkpoint().origin()).isEqualTo("verity.example/log");
  }
}
