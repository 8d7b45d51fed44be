package dev.verity.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.InvalidCheckpointException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NoteCheckpointsTest {
  static final String ORIGIN = "verity.example/new-start/US";
  final NoteKeys.KeyPair keys = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());

  @Test
  void signsAndOpensCheckpoints() throws Exception {
    byte[] cp = NoteCheckpoints.signer(ORIGIN, keys.signerKey()).sign(3, MerkleHash.leaf(new byte[] {1}));
    var head = NoteCheckpoints.reader(ORIGIN, keys.verifierKey()).open(cp);
    assertThat(head.size()).isEqualTo(3);
    assertThat(head.root()).isEqualTo(MerkleHash.leaf(new byte[] {1}));
    assertThat(new String(cp, StandardCharsets.UTF_8)).startsWith(ORIGIN + "\n3\n");
  }

  @Test
  void refusesOtherKeysOriginsAndNonCanonicalBytes() throws Exception {
    byte[] cp = NoteCheckpoints.signer(ORIGIN, keys.signerKey()).sign(3, MerkleHash.EMPTY_ROOT);
    NoteKeys.KeyPair other = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());
    CheckpointReader r = NoteCheckpoints.reader(ORIGIN, keys.verifierKey());
    assertThatThrownBy(() -> NoteCheckpoints.reader(ORIGIN, other.verifierKey()).open(cp))
        .isInstanceOf(InvalidCheckpointException.class);
    byte[] otherOrigin = NoteCheckpoints.signer("verity.example/x", NoteKeys.generate("verity.example/x",
        NoteKeys.TYPE_ED25519, new SecureRandom()).signerKey()).sign(3, MerkleHash.EMPTY_ROOT);
    assertThatThrownBy(() -> r.open(otherOrigin)).isInstanceOf(InvalidCheckpointException.class);
    // same signed text, but a duplicated signature line: not the canonical encoding
    String text = new String(cp, StandardCharsets.UTF_8);
    String sigLine = text.substring(text.indexOf("\u2014"));
    byte[] doubled = (text + sigLine).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> r.open(doubled)).isInstanceOf(InvalidCheckpointException.class)
        .hasMessageContaining("canonical");
  }
}
