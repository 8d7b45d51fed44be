package dev.verity.core.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrawStreamTest {

  @Test
  void belowIsInRangeAndCoversItEvenly() {
    DrawStream s = new DrawStream(new byte[32]);
    int[] counts = new int[7];
    for (int i = 0; i < 7000; i++) {
      counts[s.below(7)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
  }

  @Test
  void deterministicForASeed() {
    DrawStream a = new DrawStream(new byte[] {1, 2, 3});
    DrawStream b = new DrawStream(new byte[] {1, 2, 3});
    for (int i = 0; i < 20; i++) {
      assertThat(a.nextU64()).isEqualTo(b.nextU64());
    }
  }

  @Test
  void sampleDrawsDistinctElements() {
    DrawStream s = new DrawStream(new byte[32]);
    List<String> x = s.sample(List.of("a", "b", "c", "d", "e"), 3);
    assertThat(x).hasSize(3).doesNotHaveDuplicates();
    assertThat(s.sample(List.of("a"), 3)).containsExactly("a");
    assertThat(s.below(1)).isZero();
  }
}
