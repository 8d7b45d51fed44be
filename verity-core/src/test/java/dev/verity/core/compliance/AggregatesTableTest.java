package dev.verity.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.SharedData;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import java.io.Reader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatesTableTest {
  private static final LocalDate LIMITS_FROM = LocalDate.of(2018, 2, 5);
  private static final LocalDate EXPIRY = LocalDate.of(2026, 2, 5);
  private static final Map<String, Long> MAX =
      Map.of("deployed_icbm_slbm_hb", 700L, "warheads", 1550L, "deployed_and_nondeployed_launchers", 800L);

  private static List<AggregatesTable.Row> published(Agreement a) throws Exception {
    try (Reader r = SharedData.reader("new-start-aggregates.csv")) {
      return AggregatesTable.read("new-start-aggregates.csv", r, a);
    }
  }

  /** The status each row must get, from the figures and dates alone (New START Article II). */
  private static String expected(LocalDate asOf, Long value, long max) {
    if (!asOf.isBefore(EXPIRY)) {
      return "expired";
    }
    if (asOf.isBefore(LIMITS_FROM)) {
      return "not-in-force";
    }
    if (value == null) {
      return "unknown";
    }
    return value <= max ? "within" : "exceeds";
  }

  @Test
  void everyRowOfThePublishedTableIsEvaluated() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<AggregatesTable.Row> rows = published(a);
    assertThat(rows).hasSize(25 * 2);
    List<PartyCompliance> results = AggregatesTable.evaluate(rows, a);
    for (int i = 0; i < rows.size(); i++) {
      AggregatesTable.Row row = rows.get(i);
      PartyCompliance pc = results.get(i);
      assertThat(pc.asOf()).isEqualTo(row.asOf());
      assertThat(pc.party()).isEqualTo(row.party());
      assertThat(pc.limits()).hasSize(3);
      for (LimitResult l : pc.limits()) {
        Long v = row.values().get(l.name());
        assertThat(l.value()).as("%s %s %s", row.asOf(), row.party(), l.name()).isEqualTo(v);
        assertThat(l.max()).isEqualTo(MAX.get(l.name()));
        assertThat(l.status().label()).as("%s %s %s", row.asOf(), row.party(), l.name())
            .isEqualTo(expected(row.asOf(), v, l.max()));
        if (v != null) {
          assertThat(l.margin()).isEqualTo(l.max() - v);
        }
      }
    }
  }

  @Test
  void knownRowsGetTheRightStatus() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<PartyCompliance> r = AggregatesTable.evaluate(published(a), a);
    PartyCompliance us2011 = r.get(0);
    assertThat(us2011.party()).isEqualTo("US");
    assertThat(us2011.limits().get(1).value()).isEqualTo(1800L);
    // above the limit before 5 Feb 2018: not in force, never "exceeds"
    assertThat(us2011.limits()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.NOT_IN_FORCE));
    assertThat(r).noneMatch(PartyCompliance::violates);
    assertThat(r).filteredOn(p -> !p.asOf().isBefore(LIMITS_FROM) && p.limits().get(0).value() != null)
        .hasSize(2 * 10 + 1)
        .allSatisfy(p -> assertThat(p.limits()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.WITHIN)));
    PartyCompliance ru2023 = r.get(r.size() - 1);
    assertThat(ru2023.party()).isEqualTo("RU");
    assertThat(ru2023.asOf()).isEqualTo(LocalDate.of(2023, 3, 1));
    // Russia gave no data: a blank is unknown, not 0
    assertThat(ru2023.limits()).allSatisfy(l -> {
      assertThat(l.value()).isNull();
      assertThat(l.margin()).isNull();
      assertThat(l.status()).isEqualTo(LimitStatus.UNKNOWN);
    });
    PartyCompliance us2018 = r.stream().filter(p -> p.asOf().equals(LIMITS_FROM) && p.party().equals("US")).findFirst().orElseThrow();
    assertThat(us2018.limits().get(2).margin()).isZero(); // exactly 800 launchers
  }

  @Test
  void voluntaryRegimeSeesHistoricRowsAsNotInForce() throws Exception {
    Agreement a = AgreementCatalog.get("new-start-voluntary-2026");
    assertThat(AggregatesTable.evaluate(published(a), a))
        .allSatisfy(p -> assertThat(p.limits()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.NOT_IN_FORCE)));
  }

  @Test
  void aThirdPartyWithoutColumnsIsUnknown() throws Exception {
    Agreement a = AgreementCatalog.get("trilateral-hypothetical");
    List<AggregatesTable.Row> rows = published(a);
    assertThat(rows).hasSize(25 * 3);
    assertThat(rows).filteredOn(r -> r.party().equals("CN")).noneMatch(AggregatesTable.Row::known);
  }

  @Test
  void badInputNamesLineAndColumn() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    String header = "data_as_of,us_warheads,ru_warheads\n";
    assertThatThrownBy(() -> AggregatesTable.read("t.csv", new StringReader(header + "2011-02-05,1800,x\n"), a))
        .isInstanceOf(ComplianceException.class)
        .hasMessage("t.csv: line 2, column ru_warheads: not a number: 'x'");
    assertThatThrownBy(() -> AggregatesTable.read("t.csv", new StringReader(header + "2011-02-05,1,2\n2010-01-01,1,2\n"), a))
        .hasMessageStartingWith("t.csv: line 3, column data_as_of: dates out of order");
    assertThatThrownBy(() -> AggregatesTable.read("t.csv", new StringReader(header + "5 Feb 2011,1,2\n"), a))
        .hasMessageStartingWith("t.csv: line 2, column data_as_of: not a date");
    assertThatThrownBy(() -> AggregatesTable.read("t.csv", new StringReader(
        "data_as_of,us_warheads,notes\n2011-02-05,1,\"two\nlines\"\n2011-09-01,x,\n"), a))
        .hasMessage("t.csv: line 4, column us_warheads: not a number: 'x'");
    assertThatThrownBy(() -> AggregatesTable.read("t.csv", new StringReader("a,b\n1,2\n"), a))
        .hasMessage("t.csv: line 1: no column 'data_as_of'");
    assertThatThrownBy(() -> AggregatesTable.read("t.csv", new StringReader(header + "2011-02-05,\"1\n"), a))
        .hasMessageStartingWith("t.csv: line 2: unterminated");
  }
}
