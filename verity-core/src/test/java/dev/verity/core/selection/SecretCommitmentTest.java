package dev.verity.core.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCommitmentTest {
  @Test
  void opensOnlyWithTheSameSecretPartyAndInspection() {
    byte[] secret = new byte[32];
    byte[] c = SecretCommitment.commit("US", "I-1", secret);
    assertThat(Canonical.hex(c)).hasSize(64);
    assertThat(SecretCommitment.opens("US", "I-1", secret, c)).isTrue();
    assertThat(SecretCommitment.opens("RU", "I-1", secret, c)).isFalse();
    assertThat(SecretCommitment.opens("US", "I-2", secret, c)).isFalse();
    byte[] other = new byte[32];
    other[5] = 1;
    assertThat(SecretCommitment.opens("US", "I-1", other, c)).isFalse();
    assertThat(SecretCommitment.opens("US", "I-1", new byte[31], c)).isFalse();
    assertThatThrownBy(() -> SecretCommitment.commit("US", "I-1", new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
