package dev.verity.core.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SMM's cut-off, 19:30 Kyiv time across summer time, and the weekend report. */
class ReportScheduleTest {
  static final ReportSchedule SMM = ReportSchedule.SMM;

  @Test
  void theCutOffIsKyivTimeInWinterAndSummer() {
    assertThat(SMM.cutoff(LocalDate.of(2022, 2, 2)))
        .isEqualTo(Instant.parse("2022-02-02T17:30:00Z"));
    assertThat(SMM.cutoff(LocalDate.of(2021, 6, 23)))
        .isEqualTo(Instant.parse("2021-06-23T16:30:00Z"));
  }

  @Test
  void aDayEndsAtItsCutOffIncluded() {
    Instant cut = SMM.cutoff(LocalDate.of(2022, 2, 2));
    assertThat(SMM.day(cut)).isEqualTo(LocalDate.of(2022, 2, 2));
    assertThat(SMM.day(cut.plusSeconds(1))).isEqualTo(LocalDate.of(2022, 2, 3));
    assertThat(SMM.day(Instant.parse("2022-02-02T22:30:00Z"))).isEqualTo(LocalDate.of(2022, 2, 3));
  }

  @Test
  void theWeekendReportAcrossTheChangeToSummerTimeIs47Hours() {
    // Kyiv moved its clocks forward at 03:00 on Sunday 27 March 2022
    ReportPeriod p = SMM.period(LocalDate.of(2022, 3, 26));
    assertThat(p.date()).isEqualTo(LocalDate.of(2022, 3, 27));
    assertThat(p.days()).containsExactly(LocalDate.of(2022, 3, 26), LocalDate.of(2022, 3, 27));
    assertThat(p.from()).isEqualTo(Instant.parse("2022-03-25T17:30:00Z"));
    assertThat(p.to()).isEqualTo(Instant.parse("2022-03-27T16:30:00Z"));
    assertThat(Duration.between(p.from(), p.to())).isEqualTo(Duration.ofHours(47));
    assertThat(SMM.period(LocalDate.of(2022, 3, 28)).days()).containsExactly(
        LocalDate.of(2022, 3, 28));
  }

  @Test
  void reportDatesAreCountedWithoutTheSkippedDay() {
    LocalDate mon = LocalDate.of(2022, 2, 7);
    assertThat(SMM.reportDatesBetween(mon, mon)).isEqualTo(1);
    assertThat(SMM.reportDatesBetween(mon, mon.plusDays(6))).isEqualTo(6);
    assertThat(SMM.reportDatesBetween(mon, mon.plusDays(12))).isEqualTo(11);
    assertThat(SMM.reportDatesBetween(mon, mon.plusDays(13))).isEqualTo(12);
    assertThat(SMM.previousReportDate(LocalDate.of(2022, 2, 6))).isEqualTo(
        LocalDate.of(2022, 2, 4));
  }

  @Test
  void theJcccsWindowWasEightToEight() {
    // "69 CFVs from 08:00 4 Jan to 08:00 5 Jan 2015" [a28]: every day a report
    ReportSchedule jccc = new ReportSchedule(ZoneId.of("Europe/Kyiv"), LocalTime.of(8, 0),
        Set.of());
    ReportPeriod p = jccc.period(LocalDate.of(2015, 1, 5));
    assertThat(p.from()).isEqualTo(Instant.parse("2015-01-04T06:00:00Z"));
    assertThat(p.to()).isEqualTo(Instant.parse("2015-01-05T06:00:00Z"));
    assertThatThrownBy(() -> new ReportSchedule(ZoneId.of("UTC"), LocalTime.NOON,
        EnumSet.allOf(DayOfWeek.class))).hasMessageContaining("at least one report day");
  }
}
