package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.bench.ReceiptStages.Sample;
import dev.verity.node.cli.bench.ReceiptStages.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    return new Sample(log, oldSize, size, (int) (size - oldSize), (3 + exchangeMs) * MS,
        new long[] {MS, exchangeMs * MS, 2 * MS});
  }

  /** The witness's side of a request, {@code ms} in all (its stages do not matter here). */
  static Sample witnessed(String log, long oldSize, long size, double ms) {
    return new Sample(log, oldSize, size, (int) (size - oldSize), (long) (ms * MS), new long[5]);
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
        .contains("  sender    request NaN/NaN"); // no appends in this row: said, not invented
  }
}
