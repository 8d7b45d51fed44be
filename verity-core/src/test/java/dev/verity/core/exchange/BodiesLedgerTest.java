package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.verity.core.exchange.BodiesLedger.Progress;
import dev.verity.core.exchange.BodiesLedger.Transfer;
import dev.verity.core.exchange.BodiesReport.Declared;
import dev.verity.core.exchange.BodiesReport.Identified;
import dev.verity.core.exchange.BodiesReport.Received;
import dev.verity.core.regime.Outcome;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Istanbul, June 2025 (domain notes C6): Russia declared 6,060 bodies handed and 78 received
 * (Medinsky, 16 Jun); Ukraine received 1,212 + 1,200 + 1,200 + 1,200 + 1,245 = 6,057 in five
 * stages (11 to 16 Jun). Identification: about 15% at handover, 13 to 14 months for all
 * (Klymenko); the monthly figures below are invented along that line, none was published.
 */
class BodiesLedgerTest {
  private static final String T = "istanbul-2025-06";

  private static BodiesLedger istanbul() {
    BodiesLedger l = BodiesLedger.empty(List.of("RU", "UA"));
    List<BodiesReport> steps = List.of(
        new Declared("RU", "UA", T, LocalDate.of(2025, 6, 16), 6_060),
        new Received("UA", T, LocalDate.of(2025, 6, 11), 1_212),
        new Received("UA", T, LocalDate.of(2025, 6, 13), 1_200),
        new Received("UA", T, LocalDate.of(2025, 6, 14), 1_200),
        new Received("UA", T, LocalDate.of(2025, 6, 15), 1_200),
        new Received("UA", T, LocalDate.of(2025, 6, 16), 1_245),
        new Declared("UA", "RU", T, LocalDate.of(2025, 6, 16), 78),
        new Received("RU", T, LocalDate.of(2025, 6, 16), 78));
    for (BodiesReport s : steps) {
      l = next(l.apply(s));
    }
    return l;
  }

  @Test
  void declaredAgainstReceivedPerTransferAndDirection() {
    assertThat(istanbul().transfers()).containsExactly(
        new Transfer(T, "RU", "UA", 6_060, 6_057),
        new Transfer(T, "UA", "RU", 78, 78));
    assertThat(istanbul().transfers().get(0).difference()).isEqualTo(3);
  }

  @Test
  void identificationProgressOverMonths() {
    BodiesLedger l = istanbul();
    int[] identified = {909, 1_650, 2_400, 3_100, 3_800, 4_500, 5_200, 6_057};
    LocalDate month = LocalDate.of(2025, 6, 30);
    for (int i = 0; i < identified.length; i++) {
      l = next(l.apply(new Identified("UA", month.plusMonths(2L * i), identified[i], i)));
    }
    List<Progress> p = l.identification("UA");
    assertThat(p).hasSize(8);
    assertThat(p.get(0).share()).isCloseTo(0.15, offset(0.001));
    assertThat(p.get(7).share()).isEqualTo(1.0);
    assertThat(p.get(7).received()).isEqualTo(6_057);
    assertThat(p).extracting(Progress::otherSide).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void impossibleFiguresAreRefusedWithTheLedgerUnchanged() {
    BodiesLedger l = next(istanbul().apply(new Identified("UA", LocalDate.of(2025, 7, 31),
        2_000, 0)));
    assertThat(reason(l, new Identified("UA", LocalDate.of(2025, 8, 31), 1_900, 0)))
        .isEqualTo(Rule.OUT_OF_SEQUENCE);
    assertThat(reason(l, new Identified("UA", LocalDate.of(2025, 8, 31), 6_058, 0)))
        .isEqualTo(Rule.MALFORMED);
    assertThat(reason(l, new Identified("UA", LocalDate.of(2025, 6, 12), 1_213, 0)))
        .isEqualTo(Rule.OUT_OF_SEQUENCE);
    assertThat(reason(BodiesLedger.empty(List.of("RU", "UA")),
        new Identified("UA", LocalDate.of(2025, 6, 12), 1, 0))).isEqualTo(Rule.MALFORMED);
    assertThat(reason(l, new Declared("RU", "RU", T, LocalDate.of(2025, 6, 16), 1)))
        .isEqualTo(Rule.MALFORMED);
    assertThat(reason(l, new Received("ICRC", T, LocalDate.of(2025, 6, 16), 1)))
        .isEqualTo(Rule.WRONG_SENDER);
  }

  private static Rule reason(BodiesLedger l, BodiesReport s) {
    Outcome<BodiesLedger> o = l.apply(s);
    assertThat(o).isInstanceOf(Outcome.Refused.class);
    String rule = ((Outcome.Refused<BodiesLedger>) o).refusal().rule();
    return Arrays.stream(Rule.values()).filter(r -> r.id(BodiesRegime.ID).equals(rule))
        .findFirst().orElseThrow();
  }

  private static BodiesLedger next(Outcome<BodiesLedger> o) {
    assertThat(o).isInstanceOf(Outcome.Next.class);
    return ((Outcome.Next<BodiesLedger>) o).state();
  }
}
