package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.bench.ReceiptStages.Path;
import dev.verity.node.cli.bench.ReceiptStages.Sample;
import dev.verity.node.cli.bench.ReceiptStages.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code bench federation --stages} derives from the events: a push is matched with the
 * witness's side of the same request by log and sizes, and the hop is the push's exchange less
 * the witness's time.
 */
class ReceiptStagesTest {
  static final long MS = 1_000_000;

  /** A push of {@code log} from {@code oldSize} to {@code size}: read 1 ms, receipt 2 ms. */
  static Sample push(String log, long oldSize, long size, long exchangeMs) {
    return push(log, oldSize, size, 0, exchangeMs);
  }

  /** As above, started at {@code atMs}. */
  static Sample push(String log, long oldSize, long size, long atMs, long exchangeMs) {
    return new Sample(log, oldSize, size, (int) (size - oldSize), atMs * MS,
        (3 + exchangeMs) * MS, new long[] {MS, exchangeMs * MS, 2 * MS});
  }

  /** The witness's side of a request, {@code ms} in all (its stages do not matter here). */
  static Sample witnessed(String log, long oldSize, long size, double ms) {
    return new Sample(log, oldSize, size, (int) (size - oldSize), 0, (long) (ms * MS),
        new long[5]);
  }

  /** Entry {@code index} submitted at {@code atMs}, durable {@code ms} later. */
  static Sample append(long index, long atMs, long ms) {
    return new Sample("new-start", index, index + 1, 1, atMs * MS, ms * MS, new long[4]);
  }

  @Test
  void theHopIsTheExchangeLessTheWitnesssTimeOnTheSameRequest() {
    Split s = new Split("1000", List.of(),
        List.of(push("us/log", 4, 9, 6), push("us/log", 9, 12, 7)),
        // the second push's witness event is missing; one of another log has its sizes
        List.of(witnessed("us/log", 4, 9, 4.5), witnessed("ru/log", 9, 12, 1)), 1);
    assertThat(ReceiptStages.hops(s)).containsExactly(1.5);

    StringWriter out = new StringWriter();
    ReceiptStages.print(new PrintWriter(out), List.of(s));
    assertThat(out.toString())
        .contains("rate 1000: 0 appends; 2 pushes answered 200, 4.0 entries each; 1 other answers")
        .contains("  publisher read 1.00/1.00  exchange 6.00/7.00  receipt 2.00/2.00  push"
            + " 9.00/10.00")
        .contains("(exchange - request) 1.50/1.50")
        .contains("  sender    request NaN/NaN") // no appends in this row: said, not invented
        .contains("  tail      slowest 1% of receipts (0) / middle tenth, mean ms: receipt"
            + " NaN/NaN");
  }

  /**
   * Each entry's receipt ends with the first push that started after it was submitted and
   * carries it; the slowest 1% are set beside the middle tenth.
   */
  @Test
  void eachReceiptEndsWithThePushThatCarriedItsEntry() {
    List<Sample> appends = new ArrayList<>();
    List<Sample> pushes = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // entry i at 10·i ms, durable 2 ms later, pushed alone
      appends.add(append(i, 10L * i, 2));
      pushes.add(push("us/log", i, i + 1, 10L * i + 2, i == 99 ? 30 : 4));
    }
    pushes.add(push("us/log", 0, 100, -1, 1)); // started before entry 0 was: not its receipt
    Split s = new Split("1000", appends, pushes, List.of(witnessed("us/log", 99, 100, 25)), 0);
    List<Path> paths = ReceiptStages.paths(s);
    assertThat(paths).hasSize(100);
    // entry 0: 2 ms to durable, its push 3 + 4 ms; entry 99's push is the slow one
    assertThat(paths.get(0).receipt()).isEqualTo(9.0);
    assertThat(paths.get(0).waited()).isZero();
    assertThat(paths.get(99).receipt()).isEqualTo(35.0);
    assertThat(paths.get(99).witness()).isEqualTo(25.0);
    assertThat(ReceiptStages.tail(paths)).isEqualTo("slowest 1% of receipts (1) / middle tenth,"
        + " mean ms: receipt 35.00/9.00  append 2.00/2.00  wait 0.00/0.00  push 33.00/7.00"
        + "  witness 25.00/NaN  receipt store 2.00/2.00");
  }
}
