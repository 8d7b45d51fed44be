package dev.verity.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witness key's rotation on disk: the node cosigns with the old key until the effective
 * instant and with the next from then on; a second rotation waits for the first to take effect,
 * then retires the old key's public key to the history.
 */
class WitnessRotationTest {
  private static final String AGREEMENT = "trilateral-hypothetical";
  @TempDir Path dir;

  @Test
  void theOldKeyCosignsUntilTheSwitchAndIsKeptAsHistoryAfter() throws Exception {
    NodeIdentity before = NodeIdentity.generate(dir, AGREEMENT, "RU");
    String first = before.publicIdentity().witnessKey();
    Instant now = Instant.now();
    WitnessRotation later = WitnessRotation.rotate(dir, now, now.plusSeconds(3600));
    NodeIdentity pending = NodeIdentity.load(dir, AGREEMENT, "RU");
    assertThat(pending.publicIdentity().witnessKey()).isEqualTo(first);
    assertThat(pending.cosigner(Clock.systemUTC()).verifierKey()).isEqualTo(first);
    assertThat(pending.witnessRotation()).contains(later);
    assertThatThrownBy(() -> WitnessRotation.rotate(dir, now, now))
        .isInstanceOf(IdentityException.class).hasMessageContaining("already under way");

    Instant afterwards = now.plusSeconds(3601);
    WitnessRotation second = WitnessRotation.rotate(dir, afterwards, now.minusSeconds(1));
    NodeIdentity rotated = NodeIdentity.load(dir, AGREEMENT, "RU");
    assertThat(rotated.publicIdentity().witnessKey()).isEqualTo(second.verifierKey());
    assertThat(rotated.cosigner(Clock.systemUTC()).verifierKey())
        .isEqualTo(second.verifierKey());
    assertThat(Files.readAllLines(dir.resolve("keys").resolve(WitnessRotation.HISTORY)))
        .containsExactly(first);
    assertThat(second.verifierKey()).isNotEqualTo(later.verifierKey()).isNotEqualTo(first);
  }
}
