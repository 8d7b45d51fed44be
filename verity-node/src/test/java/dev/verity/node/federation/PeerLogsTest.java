package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteKeys.KeyPair;
import dev.verity.tlog.note.NoteSigner;
import dev.verity.tlog.note.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A peer's log key checks a checkpoint once, though the witness service and the witness both
 * ask (issue 18), and never answers true for bytes it has not found valid.
 */
class PeerLogsTest {
  final KeyPair keys =
      NoteKeys.generate("verity.example/new-start/RU", NoteKeys.TYPE_ED25519, new SecureRandom());
  final AtomicInteger verified = new AtomicInteger();
  final byte[] text = "verity.example/new-start/RU\n7\nAAAA\n".getBytes(StandardCharsets.UTF_8);

  byte[] signature() throws Exception {
    NoteSigner signer = NoteKeys.parseSigner(keys.signerKey());
    return signer.sign(text);
  }

  NoteVerifier counting() throws Exception {
    NoteVerifier key = NoteKeys.parseVerifier(keys.verifierKey());
    return new NoteVerifier() {
      @Override
      public String name() {
        return key.name();
      }

      @Override
      public int keyId() {
        return key.keyId();
      }

      @Override
      public boolean verify(byte[] text, byte[] signature) {
        verified.incrementAndGet();
        return key.verify(text, signature);
      }
    };
  }

  @Test
  void theSameValidBytesAreVerifiedOnceAndOthersAlways() throws Exception {
    byte[] sig = signature();
    NoteVerifier v = new PeerLogs.Remembering(counting());
    assertThat(v.verify(text, sig)).isTrue();
    assertThat(v.verify(text.clone(), sig.clone())).isTrue();
    assertThat(verified).hasValue(1);

    byte[] other = "verity.example/new-start/RU\n8\nAAAA\n".getBytes(StandardCharsets.UTF_8);
    assertThat(v.verify(other, sig)).isFalse(); // the signature of another note
    assertThat(v.verify(other, sig)).isFalse(); // a failure is never remembered
    byte[] flipped = sig.clone();
    flipped[0] ^= 1;
    assertThat(v.verify(text, flipped)).isFalse();
    assertThat(verified).hasValue(4);
  }

  @Test
  void bytesChangedAfterTheyVerifiedAreCheckedAgain() throws Exception {
    byte[] sig = signature();
    NoteVerifier v = new PeerLogs.Remembering(counting());
    assertThat(v.verify(text, sig)).isTrue();
    text[28] = '9'; // the caller's array changed afterwards: what was verified is a copy
    assertThat(v.verify(text, sig)).isFalse();
  }
}
