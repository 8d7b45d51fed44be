package dev.verity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.entry.KeyAnnouncement;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.tlog.note.NoteKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer's key announcement taken into node.yaml, and the ones refused: from a party not
 * pinned, a key of another name than the peer's witness, something not a key. Refused ones
 * leave node.yaml byte for byte as it was; a taken one keeps the former key accepted, and
 * taking it again changes nothing.
 */
class PeerKeysTest {
  private static final String AGREEMENT = "trilateral-hypothetical";
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
  @TempDir Path dir;
  @TempDir Path ruDir;

  @Test
  void onlyThePinnedPeersOwnWitnessKeyIsTakenAndTheFormerOneKept() throws Exception {
    PublicIdentity ru = NodeIdentity.generate(ruDir, AGREEMENT, "RU").publicIdentity();
    NodeConfig.defaults("US", AGREEMENT, 1, 2).withPinnedPeer(ru, "https://127.0.0.1:3")
        .write(dir);
    byte[] before = Files.readAllBytes(dir.resolve("node.yaml"));
    String name = NoteKeys.splitVerifierKey(ru.witnessKey()).name();
    String next = key(name);

    assertThat(PeerKeys.accept(dir, "CN", witness(next))).isEmpty();
    assertThat(PeerKeys.accept(dir, "RU", witness(key("witness.other.example/RU")))).isEmpty();
    assertThat(PeerKeys.accept(dir, "RU", witness("not a key"))).isEmpty();
    assertThat(PeerKeys.accept(dir, "RU", witness(ru.logKey()))).isEmpty(); // a log key
    assertThat(Files.readAllBytes(dir.resolve("node.yaml"))).isEqualTo(before);

    assertThat(PeerKeys.accept(dir, "RU", witness(next))).isPresent();
    PeerConfig taken = NodeConfig.read(dir).peers().get(0);
    assertThat(taken.identity().witnessKey()).isEqualTo(next);
    assertThat(taken.witnessKeys()).containsExactly(next, ru.witnessKey());
    assertThat(taken.identity().tlsPin()).isEqualTo(ru.tlsPin());
    byte[] after = Files.readAllBytes(dir.resolve("node.yaml"));
    assertThat(PeerKeys.accept(dir, "RU", witness(next))).isEmpty();
    assertThat(PeerKeys.accept(dir, "RU", witness(ru.witnessKey()))).isEmpty();
    assertThat(Files.readAllBytes(dir.resolve("node.yaml"))).isEqualTo(after);
  }

  @Test
  void aNewTlsPinIsTakenWithTheOldOneAcceptedUntilTheSwitchOnly() throws Exception {
    PublicIdentity ru = NodeIdentity.generate(ruDir, AGREEMENT, "RU").publicIdentity();
    NodeConfig.defaults("US", AGREEMENT, 1, 2).withPinnedPeer(ru, "https://127.0.0.1:3")
        .write(dir);
    String pin = "ab".repeat(32);
    Instant soon = Instant.now().plusSeconds(3600);
    assertThat(PeerKeys.accept(dir, "CN", tls(pin, soon))).isEmpty();
    assertThat(PeerKeys.accept(dir, "RU", tls(pin, soon))).isPresent();
    PeerConfig taken = NodeConfig.read(dir).peers().get(0);
    assertThat(taken.identity().tlsPin()).isEqualTo(pin);
    assertThat(taken.tlsPins()).containsExactlyInAnyOrder(pin, ru.tlsPin());
    assertThat(PeerKeys.accept(dir, "RU", tls(pin, soon))).isEmpty();

    String third = "cd".repeat(32);
    assertThat(PeerKeys.accept(dir, "RU", tls(third, Instant.now().minusSeconds(1))))
        .isPresent();
    assertThat(NodeConfig.read(dir).peers().get(0).tlsPins())
        .containsExactlyInAnyOrder(third, ru.tlsPin()); // the former one's switch is past
  }

  private static KeyAnnouncement tls(String pin, Instant at) {
    return new KeyAnnouncement(KeyAnnouncement.TLS, pin, at);
  }

  private static String key(String name) {
    return NoteKeys.generate(name, NoteKeys.TYPE_COSIGNATURE_V1, new SecureRandom())
        .verifierKey();
  }

  private static KeyAnnouncement witness(String key) {
    return new KeyAnnouncement(KeyAnnouncement.WITNESS, key, AT);
  }
}
