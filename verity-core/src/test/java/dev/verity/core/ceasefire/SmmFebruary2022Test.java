package dev.verity.core.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.SmmFebruary2022.DayFigures;
import dev.verity.core.ceasefire.SmmFebruary2022.Report;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OSCE SMM's February 2022 daily counts (domain file §A8, test resource
 * {@code smm-february-2022.yaml}), fed in as the monitor's observations: the register's daily
 * reports reproduce every published total, explosion count, context count and "previous" figure,
 * the weekend report covers its two days, and the previous-period rule holds from report to
 * report, Monday after a weekend included.
 */
class SmmFebruary2022Test {
  static SmmFebruary2022 fixture;
  static Register register;

  @BeforeAll
  static void feed() throws Exception {
    fixture = SmmFebruary2022.load();
    Registers reg = new Registers(List.of(Party.of("UA", Party.PARTY),
        Party.of("RU", Party.PARTY), Party.of("SMM", Party.MONITOR)),
        List.of(), Vocabulary.standard(), ReportSchedule.SMM);
    reg.inForce(fixture.commitment(), "UA", Instant.parse("2020-07-22T12:00:00Z"));
    int n = 0;
    for (SmmFebruary2022.Filing f : fixture.filings()) {
      reg.file("SMM", f.at(), "smm-" + n++, f.observation());
    }
    register = reg.register;
  }

  DailyReport report(LocalDate date) {
    return register.dailyReport(fixture.commitment().id(), date).orElseThrow();
  }

  @Test
  void everyPublishedFigureIsReproduced() {
    assertThat(fixture.reports()).hasSize(11);
    for (Report published : fixture.reports()) {
      DailyReport.Source smm = report(published.date()).source("SMM").orElseThrow();
      published.regions().forEach((region, f) -> {
        RegionFigures period = smm.period().region(region);
        String what = published.report() + " " + region;
        assertThat(period.total()).as(what + " total").isEqualTo(f.total());
        assertThat(period.category("explosion")).as(what + " explosions")
            .isEqualTo(f.explosions());
        assertThat(period.contexts()).as(what + " contexts").isEqualTo(f.contexts());
        assertThat(smm.previous().region(region).total()).as(what + " previous")
            .isEqualTo(f.previous());
      });
    }
  }

  @Test
  void theWeekendReportCoversTwoDaysAndMondayComparesWithTheSecond() {
    DailyReport weekend = report(LocalDate.of(2022, 2, 6));
    assertThat(weekend.days()).containsExactly(LocalDate.of(2022, 2, 5),
        LocalDate.of(2022, 2, 6));
    // "between the evenings of 4 and 6 February", 19:30 Kyiv winter time (UTC+2)
    assertThat(weekend.from()).isEqualTo(Instant.parse("2022-02-04T17:30:00Z"));
    assertThat(weekend.to()).isEqualTo(Instant.parse("2022-02-06T17:30:00Z"));
    DailyReport.Source smm = weekend.source("SMM").orElseThrow();
    assertThat(smm.byDay().get(LocalDate.of(2022, 2, 6)).region("donetsk").total()).isEqualTo(34);
    assertThat(report(LocalDate.of(2022, 2, 5))).isEqualTo(weekend);
    DailyReport monday = report(LocalDate.of(2022, 2, 7));
    assertThat(monday.days()).containsExactly(LocalDate.of(2022, 2, 7));
    assertThat(monday.source("SMM").orElseThrow().previous().region("donetsk").total())
        .isEqualTo(34).isNotEqualTo(416);
  }

  @Test
  void thePreviousPeriodRuleHoldsFromReportToReport() {
    List<DailyReport> reports = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2022, 2, 2); !d.isAfter(LocalDate.of(2022, 2, 17));
        d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY) {
        reports.add(report(d));
      }
    }
    assertThat(reports).hasSize(14);
    assertThat(PreviousPeriodRule.check(reports)).isEmpty();
  }

  @Test
  void aBrokenPreviousFigureIsNamed() {
    DailyReport dr37 = report(LocalDate.of(2022, 2, 16));
    DailyReport dr38 = report(LocalDate.of(2022, 2, 17));
    DailyReport.Source smm = dr38.source("SMM").orElseThrow();
    Figures tampered = withDonetskTotal(smm.previous(), 188);
    DailyReport.Source bad = new DailyReport.Source(smm.participant(), smm.role(), smm.period(),
        smm.byDay(), tampered, smm.late(), smm.cumulative());
    DailyReport published = new DailyReport(dr38.commitment(), dr38.number(), dr38.date(),
        dr38.from(), dr38.to(), dr38.days(), List.of(bad));
    List<PreviousPeriodRule.Break> breaks = PreviousPeriodRule.check(List.of(dr37, published));
    assertThat(breaks).singleElement().satisfies(b -> {
      assertThat(b.report()).isEqualTo(LocalDate.of(2022, 2, 17));
      assertThat(b.prior()).isEqualTo(LocalDate.of(2022, 2, 16));
      assertThat(b.region()).isEqualTo("donetsk");
      assertThat(b.figure()).isEqualTo("total");
      assertThat(b.expected()).isEqualTo(189);
      assertThat(b.found()).isEqualTo(188);
      assertThat(b.words()).contains("SMM").contains("188").contains("189");
    });
  }

  @Test
  void cumulativeCountsRunFromTheCommitment() {
    long fed = fixture.days().entrySet().stream()
        .filter(e -> !e.getKey().isAfter(LocalDate.of(2022, 2, 17)))
        .mapToLong(e -> e.getValue().values().stream().mapToLong(DayFigures::total).sum()).sum();
    Figures cumulative = report(LocalDate.of(2022, 2, 17)).source("SMM").orElseThrow()
        .cumulative();
    assertThat(cumulative.total()).isEqualTo(fed);
    // numbered from the first report of the commitment (27 July 2020), not per year
    assertThat(report(LocalDate.of(2022, 2, 17)).number()).isEqualTo(
        ReportSchedule.SMM.reportDatesBetween(LocalDate.of(2020, 7, 27),
            LocalDate.of(2022, 2, 17)));
  }

  private static Figures withDonetskTotal(Figures f, long total) {
    RegionFigures d = f.region("donetsk");
    Map<String, RegionFigures> regions = new TreeMap<>(f.regions());
    regions.put("donetsk", new RegionFigures(total, d.categories(), d.contexts(), d.inexact()));
    return new Figures(f.total() - d.total() + total, new TreeMap<>(regions));
  }
}
