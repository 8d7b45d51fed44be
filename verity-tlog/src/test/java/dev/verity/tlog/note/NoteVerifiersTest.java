package dev.verity.tlog.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoteVerifiersTest {
  @Test
  void lookupNeedsNameAndKeyId() throws Exception {
    NoteVerifier v = NoteKeys.parseVerifier(
        NoteKeys.fromSeed("k", NoteKeys.TYPE_ED25519, new byte[32]).verifierKey());
    NoteVerifiers vs = NoteVerifiers.of(v);
    assertThat(vs.find("k", v.keyId())).contains(v);
    assertThat(vs.find("k", v.keyId() + 1)).isEmpty();
    assertThat(vs.find("j", v.keyId())).isEmpty();
    assertThatThrownBy(() -> NoteVerifiers.of(v, v)).isInstanceOf(IllegalArgumentException.class);
  }
}
