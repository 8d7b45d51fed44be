package dev.verity.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.SharedData;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.reconcile.Discrepancy;
import dev.verity.core.reconcile.Reconciler;
import dev.verity.core.reconcile.Reconciliation;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator against the published figures in ../shared/data (never against a copy). */
class ScenarioGeneratorTest {
  private static Agreement agreement;
  private static List<AggregatesTable.Row> rows;
  private static ScenarioGenerator generator;

  @BeforeAll
  static void load() throws Exception {
    agreement = AgreementCatalog.get("new-start");
    try (Reader r = SharedData.reader("new-start-aggregates.csv")) {
      rows = AggregatesTable.read("new-start-aggregates.csv", r, agreement);
    }
    generator = new ScenarioGenerator(agreement, rows, ForceTemplates.bundled());
  }

  static Stream<LocalDate> exchangeDatesWithASuccessor() throws Exception {
    load();
    List<LocalDate> d = generator.exchangeDates();
    return d.subList(0, d.size() - 1).stream();
  }

  private static AggregatesTable.Row published(LocalDate d, String party) {
    return rows.stream().filter(r -> r.asOf().equals(d) && r.party().equals(party)).findFirst().orElseThrow();
  }

  /** Reconciles each Party's consecutive declarations; returns every discrepancy found. */
  private static List<Discrepancy> reconcileAll(Scenario s) throws Exception {
    List<Discrepancy> found = new ArrayList<>();
    Reconciler rec = new Reconciler(agreement);
    for (String party : List.of("US", "RU")) {
      List<Declaration> ds = s.declarations().stream().filter(d -> d.party().equals(party)).toList();
      for (int i = 1; i < ds.size(); i++) {
        Reconciliation r = rec.reconcile("from", ds.get(i - 1), s.notifications(), "to", ds.get(i));
        found.addAll(r.discrepancies());
      }
    }
    return found;
  }

  @ParameterizedTest(name = "as of {0}")
  @MethodSource("exchangeDatesWithASuccessor")
  void everyExchangeIsReproducedExactlyAndReconcilesClean(LocalDate asOf) throws Exception {
    Scenario s = generator.generate(asOf, null, 0, asOf.toEpochDay());
    assertThat(s.declarations()).isNotEmpty();
    for (Declaration d : s.declarations()) {
      Map<String, Long> got = Inventory.of(agreement, "generated", d).aggregates();
      Map<String, Long> want = published(d.asOf(), d.party()).values();
      assertThat(got).as("%s %s", d.party(), d.asOf()).isEqualTo(want);
    }
    // both Parties have both declarations, except where a Party published nothing
    long expected = Stream.of("US", "RU")
        .mapToLong(p -> Stream.of(asOf, nextAfter(asOf)).filter(d -> published(d, p).known()).count()).sum();
    assertThat(s.declarations()).hasSize((int) expected);
    assertThat(s.notifications()).isNotEmpty();
    assertThat(reconcileAll(s)).isEmpty();
  }

  private static LocalDate nextAfter(LocalDate d) {
    List<LocalDate> all = generator.exchangeDates();
    return all.get(all.indexOf(d) + 1);
  }

  @Test
  void aWholeHistoryReconcilesCleanExchangeAfterExchange() throws Exception {
    Scenario s = generator.generate(LocalDate.of(2011, 2, 5), LocalDate.of(2023, 3, 1), 0, 42);
    assertThat(s.declarations()).hasSize(25 + 24);
    assertThat(s.skipped()).containsExactly("RU: no published figures as of 2023-03-01");
    assertThat(reconcileAll(s)).isEmpty();
  }

  /** Property: for many seeds, dates and counts, the reconciler finds exactly what was planted. */
  @Test
  void theReconcilerFindsEveryPlantedDiscrepancyAndNothingElse() throws Exception {
    List<LocalDate> dates = generator.exchangeDates();
    for (long seed = 1; seed <= 40; seed++) {
      Random r = new Random(seed);
      int first = r.nextInt(dates.size() - 2);
      int last = Math.min(dates.size() - 1, first + 1 + r.nextInt(3));
      int n = 1 + r.nextInt(10);
      Scenario s = generator.generate(dates.get(first), dates.get(last), n, seed);
      assertThat(s.key()).hasSize(n);
      Set<String> planted = new HashSet<>();
      s.key().forEach(d -> planted.add(d.key()));
      Set<String> found = new HashSet<>();
      reconcileAll(s).forEach(d -> found.add(d.key()));
      assertThat(found).as("seed %d, %s..%s, %d planted", seed, dates.get(first), dates.get(last), n)
          .isEqualTo(planted);
    }
  }

  @Test
  void sameSeedSameScenario() throws Exception {
    LocalDate d = LocalDate.of(2019, 3, 1);
    Scenario a = generator.generate(d, null, 5, 7);
    Scenario b = generator.generate(d, null, 5, 7);
    assertThat(DataExchangeJson.write(a.declarations())).isEqualTo(DataExchangeJson.write(b.declarations()));
    assertThat(DataExchangeJson.write(a.notifications())).isEqualTo(DataExchangeJson.write(b.notifications()));
    assertThat(a.key()).isEqualTo(b.key());
    assertThat(DataExchangeJson.write(generator.generate(d, null, 5, 8).notifications()))
        .isNotEqualTo(DataExchangeJson.write(a.notifications()));
  }

  @Test
  void usesRealBasesAndSystems() throws Exception {
    Scenario s = generator.generate(LocalDate.of(2020, 9, 1), null, 0, 1);
    Declaration us = s.declarations().stream().filter(d -> d.party().equals("US")).findFirst().orElseThrow();
    assertThat(us.facilities()).extracting(f -> f.name()).contains("Malmstrom AFB", "F.E. Warren AFB", "Whiteman AFB");
    assertThat(us.items()).anyMatch(i -> i.id().startsWith("US-MM3-")).anyMatch(i -> "non-nuclear".equals(i.armament()));
  }

  @Test
  void badDatesAreErrors() {
    assertThatThrownBy(() -> generator.generate(LocalDate.of(2011, 2, 6), null, 0, 1))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("not an exchange date");
    assertThatThrownBy(() -> generator.generate(LocalDate.of(2023, 3, 1), null, 0, 1))
        .hasMessageContaining("no later exchange");
    assertThatThrownBy(() -> generator.generate(LocalDate.of(2018, 2, 5), LocalDate.of(2017, 1, 1), 0, 1))
        .hasMessageContaining("dates out of order");
    assertThatThrownBy(() -> generator.generate(LocalDate.of(2018, 2, 5), LocalDate.of(2018, 3, 1), 0, 1))
        .hasMessage("--through 2018-03-01: before the next exchange (2018-09-01)");
  }
}
