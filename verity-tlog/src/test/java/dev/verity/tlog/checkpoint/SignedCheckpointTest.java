package dev.verity.tlog.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.Vectors;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.SignedNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedCheckpointTest {
  // tessera-testdata-log README (vectors): the log's Go note keys.
  static final String TESSERA_SKEY =
      "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
  static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  // tessera-testdata-log: re-signing every checkpoint body reproduces each file byte for byte.
  @Test
  void tesseraCheckpointsResignByteForByte() throws Exception {
    Path dir = Vectors.file("tessera-testdata-log/log");
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= 15; i++) {
      names.add("checkpoint." + i);
    }
    names.add("checkpoint");
    for (String name : names) {
      byte[] file = Files.readAllBytes(dir.resolve(name));
      String text = new String(file, java.nio.charset.StandardCharsets.UTF_8);
      SignedCheckpoint sc = SignedCheckpoint.open(text, "example.com/log/testdata",
          dev.verity.tlog.note.NoteVerifiers.of(NoteKeys.parseVerifier(TESSERA_VKEY)));
      String resigned = SignedCheckpoint.sign(sc.checkpoint(), TESSERA_SKEY);
      assertThat(resigned.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(name)
          .isEqualTo(file);
      if (name.startsWith("checkpoint.")) {
        assertThat(sc.checkpoint().size()).isEqualTo(Long.parseLong(name.substring(11)));
      }
    }
    assertThat(names).hasSize(17);
  }

  // sigstore-java-checkpoints: Rekor v1 checkpoints parse with their ECDSA lines carried;
  // error_* files are refused (as notes or as checkpoint bodies).
  @Test
  void sigstoreJavaCheckpoints() throws Exception {
    Path dir = Vectors.file("sigstore-java-checkpoints");
    int valid = 0;
    int errors = 0;
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        String s = Files.readString(p);
        String name = p.getFileName().toString();
        if (name.startsWith("valid")) {
          SignedNote note = SignedNote.parse(s);
          Checkpoint c = Checkpoint.parse(note.text());
          assertThat(c.origin()).isEqualTo("rekor.sigstore.dev - 2605736670972794746");
          assertThat(c.size()).isEqualTo(37795272L);
          assertThat(c.extensions()).containsExactly("Timestamp: 1697034484441201852");
          assertThat(note.signatures()).extracting(NoteSignature::name)
              .startsWith("rekor.sigstore.dev");
          assertThat(note.format()).isEqualTo(s);
          // No Ed25519 verifier knows the ECDSA key: carried, but the note is unverified.
          assertThatThrownBy(() -> SignedCheckpoint.open(s, List.of(TESSERA_VKEY)))
              .hasCauseInstanceOf(NoteException.class);
          valid++;
        } else {
          assertThatThrownBy(() -> Checkpoint.parse(SignedNote.parse(s).text())).as(name)
              .isInstanceOfAny(NoteException.class, CheckpointException.class);
          errors++;
        }
      }
    }
    assertThat(valid).isEqualTo(2);
    assertThat(errors).isEqualTo(7);
  }

  @Test
  void openChecksOrigin() throws Exception {
    String note = Files.readString(Vectors.file("tessera-testdata-log/log/checkpoint.3"));
    assertThatThrownBy(() -> SignedCheckpoint.open(note, "other",
        dev.verity.tlog.note.NoteVerifiers.of(NoteKeys.parseVerifier(TESSERA_VKEY))))
        .hasMessageContaining("origin");
    assertThat(SignedCheckpoint.open(note, List.of(TESSERA_VKEY)).checkpoint().size())
        .isEqualTo(3);
  }
}
