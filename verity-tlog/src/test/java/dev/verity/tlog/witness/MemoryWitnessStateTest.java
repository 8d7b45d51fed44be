package dev.verity.tlog.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.merkle.Hash;
import org.junit.jupiter.api.Test;

class MemoryWitnessStateTest {
  @Test
  void compareAndSwap() throws Exception {
    WitnessState s = WitnessState.inMemory();
    Checkpoint one = new Checkpoint("o", 1, Hash.of(new byte[32]));
    Checkpoint two = new Checkpoint("o", 2, Hash.of(new byte[32]));
    assertThat(s.compareAndSwap(null, one)).isTrue();
    assertThat(s.compareAndSwap(null, two)).isFalse();
    assertThat(s.compareAndSwap(one, two)).isTrue();
    assertThat(s.latest("o")).contains(two);
  }
}
