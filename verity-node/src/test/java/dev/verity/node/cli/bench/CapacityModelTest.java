package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The federation's capacity model: two costs fitted over the bench's rows (D97). */
class CapacityModelTest {
  private static final double PUSH_MS = 3.1;
  private static final double ENTRY_MS = 0.16;

  /** A row whose process CPU is exactly what the two costs say for its pushes and entries. */
  private static MultilateralBench.Row row(int parties, double pushes, double entries) {
    double ms = pushes * PUSH_MS + entries * (parties - 1) * ENTRY_MS;
    double cpuPerNode = ms / 1000 / parties * 100;
    return new MultilateralBench.Row(parties, parties, "10/s", 100, 100, 1, 2, 3, entries, 1,
        cpuPerNode, 10, 40, (long) pushes * 20, pushes);
  }

  @Test
  void rowsOfDifferentEntriesPerPushGiveBackBothCosts() {
    CapacityModel m = CapacityModel.fit(List.of(row(10, 559, 99), row(10, 301, 735),
        row(20, 431, 193))).orElseThrow();
    assertThat(m.msPerPush()).isCloseTo(PUSH_MS, within(1e-9));
    assertThat(m.msPerEntry()).isCloseTo(ENTRY_MS, within(1e-9));
    assertThat(m.rows()).isEqualTo(3);
  }

  @Test
  void aRowWithNothingReceiptedIsLeftOut() {
    MultilateralBench.Row none = new MultilateralBench.Row(20, 20, "max", 100, 0, 1, 2, 3,
        Double.NaN, 1, 18, 10, 40, 2000, 100);
    CapacityModel m = CapacityModel.fit(List.of(row(10, 559, 99), none, row(10, 301, 735)))
        .orElseThrow();
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.msPerPush()).isCloseTo(PUSH_MS, within(1e-9));
  }

  @Test
  void fiftySevenAllSendingTenAMessagesASecondIsPairsTimesBothCosts() {
    CapacityModel m = new CapacityModel(PUSH_MS, ENTRY_MS, 2);
    // 57·56 pairs, each pushed once a second with the 10 entries its sender made in it
    assertThat(m.cores(57, 10)).isCloseTo(57 * 56 * (3.1 + 10 * 0.16) / 1000, within(1e-9));
    assertThat(m.cores(2, 10)).isCloseTo(2 * (3.1 + 1.6) / 1000, within(1e-9));
  }

  @Test
  void rowsThatCannotSeparateTheCostsFitNothing() {
    assertThat(CapacityModel.fit(List.of(row(10, 559, 99)))).as("one row").isEmpty();
    assertThat(CapacityModel.fit(List.of(row(10, 500, 100), row(10, 250, 50))))
        .as("the same entries per push in both").isEmpty();
    assertThat(CapacityModel.fit(List.of(row(10, 0, 99), row(10, 0, 700))))
        .as("no pushes").isEmpty();
  }

  @Test
  void aFitThatWouldMakeACostNegativeIsRefused() {
    // more CPU with fewer entries per push: no positive pair of costs explains both rows
    MultilateralBench.Row few = row(10, 500, 50);
    MultilateralBench.Row many = new MultilateralBench.Row(10, 10, "max", 100, 100, 1, 2, 3, 700,
        1, few.cpuPerNode() / 4, 10, 40, 5000, 500);
    assertThat(CapacityModel.fit(List.of(few, many))).isEmpty();
  }

  @Test
  void printsTheCostsAndEachSizeWithFiftySeven() {
    StringWriter text = new StringWriter();
    CapacityModel.print(new PrintWriter(text), List.of(row(10, 559, 99), row(10, 301, 735)), 10);
    assertThat(text.toString())
        .contains("over the 2 rows above", "3.10 ms of CPU a push", "0.160 ms an entry")
        .contains("10 parties:    0.4 cores on one machine,  0.04 a node")
        .contains("57 parties:   15.0 cores on one machine,  0.26 a node")
        .contains("this machine has " + Runtime.getRuntime().availableProcessors());
  }

  @Test
  void saysWhyWhenItCannotFit() {
    StringWriter text = new StringWriter();
    CapacityModel.print(new PrintWriter(text), List.of(row(10, 559, 99)), 10);
    assertThat(text.toString()).startsWith("capacity: the rows do not separate");
  }
}
