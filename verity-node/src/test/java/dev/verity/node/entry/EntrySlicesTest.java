package dev.verity.node.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntrySlicesTest {
  @Test
  void runsStayWithinTheBudgetInOrder() {
    List<Integer> sizes = Collections.nCopies(200, 999); // 1,000 bytes each with the separator
    List<List<Integer>> runs = EntrySlices.of(sizes, Integer::intValue, 10_000);
    assertThat(runs).hasSize(4);
    assertThat(runs.get(0)).hasSize(46); // 10,000 already used
    assertThat(runs.get(1)).hasSize(56);
    assertThat(runs.stream().mapToInt(List::size).sum()).isEqualTo(200);
  }

  @Test
  void anOversizedValueGetsARunOfItsOwnAndNoValuesGiveOneEmptyRun() {
    assertThat(EntrySlices.of(List.of(10, 70_000, 10), Integer::intValue, 0)).containsExactly(List.of(10), List.of(70_000), List.of(10));
    assertThat(EntrySlices.of(List.<Integer>of(), Integer::intValue, 0)).containsExactly(List.of());
  }
}
