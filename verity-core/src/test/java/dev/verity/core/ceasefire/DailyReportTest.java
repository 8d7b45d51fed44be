package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.ceasefire.Count.Qualifier;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Daily reports: each filer's figures for the period, the day before, what was filed late, and
 * the cumulative figures; identical from the same steps on any node; a closed report never
 * changes.
 */
class DailyReportTest {
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
  static final LocalDate TUE = LocalDate.of(2026, 3, 3);
  static final LocalDate WED = LocalDate.of(2026, 3, 4);

  static Instant kyiv(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ReportSchedule.SMM.zone())
        .toInstant();
  }

  Registers register() {
    Registers reg = Registers.four();
    reg.inForce(Registers.commitment("c", START, null), "US", START);
    reg.file("SMM", kyiv("2026-03-03T10:00"), "s1",
        seen("c", "donetsk", "explosion", 5, kyiv("2026-03-03T09:00")).category("explosion",
            "impact").build())
        .file("SMM", kyiv("2026-03-03T19:30"), "s2",
            seen("c", "luhansk", "burst-and-shot", 20, kyiv("2026-03-03T19:30"))
                .count(new Count(20, Qualifier.ABOUT)).build())
        .file("UA", kyiv("2026-03-03T21:00"), "u1",
            seen("c", "donetsk", "explosion", 7, kyiv("2026-03-03T19:00")).attributedTo("RU")
                .build())
        .file("RU", kyiv("2026-03-04T08:00"), "r1",
            seen("c", "donetsk", "explosion", 4, kyiv("2026-03-04T07:00")).attributedTo("UA")
                .build());
    return reg;
  }

  @Test
  void periodPreviousLateAndCumulative() {
    Register r = register().register;
    DailyReport tue = r.dailyReport("c", TUE).orElseThrow();
    DailyReport.Source smm = tue.source("SMM").orElseThrow();
    assertThat(smm.period().region("donetsk").category("explosion")).isEqualTo(5);
    // 19:30 itself belongs to the report "as of 19:30"
    assertThat(smm.period().region("luhansk").total()).isEqualTo(20);
    assertThat(smm.period().region("luhansk").inexact()).isEqualTo(20);
    assertThat(smm.period().total()).isEqualTo(25);
    // filed at 21:00 for an event at 19:00: after Tuesday's report closed
    assertThat(tue.source("UA").orElseThrow().period().regions()).isEmpty();
    DailyReport wed = r.dailyReport("c", WED).orElseThrow();
    DailyReport.Source ua = wed.source("UA").orElseThrow();
    assertThat(ua.period().regions()).isEmpty();
    assertThat(ua.late().region("donetsk").category("explosion")).isEqualTo(7);
    assertThat(ua.cumulative().total()).isEqualTo(7);
    assertThat(r.claim("u1").orElseThrow().late()).isTrue();
    assertThat(r.claim("u1").orElseThrow().day()).isEqualTo(TUE);
    DailyReport.Source ru = wed.source("RU").orElseThrow();
    assertThat(ru.period().region("donetsk").category("explosion")).isEqualTo(4);
    assertThat(wed.source("SMM").orElseThrow().previous()).isEqualTo(smm.period());
    assertThat(wed.source("SMM").orElseThrow().cumulative().total()).isEqualTo(25);
    assertThat(wed.number()).isEqualTo(3);
    assertThat(wed.sources()).extracting(DailyReport.Source::participant)
        .containsExactly("UA", "RU", "SMM", "US");
  }

  @Test
  void aClosedReportNeverChanges() {
    Registers reg = register();
    DailyReport before = reg.register.dailyReport("c", TUE).orElseThrow();
    reg.file("RU", kyiv("2026-03-05T12:00"), "r2",
        seen("c", "donetsk", "explosion", 100, kyiv("2026-03-03T12:00")).build());
    assertThat(reg.register.dailyReport("c", TUE)).contains(before);
    assertThat(reg.register.sideBySide("c", TUE, "donetsk").total().count("RU")).isEqualTo(100);
  }

  @Test
  void theSameStepsGiveTheSameReportOnEveryNode() throws Exception {
    List<Step> steps = new ArrayList<>();
    Registers a = Registers.four();
    a.inForce(Registers.commitment("c", START, null), "US", START);
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      Instant t = START.plusSeconds(60L * i * 7);
      String who = List.of("UA", "RU", "SMM").get(random.nextInt(3));
      String region = List.of("donetsk", "luhansk", "kharkiv").get(random.nextInt(3));
      steps.add(a.step(who, t, new Action.FileClaim("k" + i, seen("c", region,
          List.of("explosion", "burst-and-shot").get(random.nextInt(2)), 1 + random.nextInt(9),
          t.minusSeconds(random.nextInt(86_400 * 3))).build())));
    }
    // a second node: its own regime, vocabulary and schedule, the same steps
    Registers b = Registers.four();
    b.inForce(Registers.commitment("c", START, null), "US", START);
    Register one = a.register;
    Register two = b.register;
    for (Step s : steps) {
      one = Registers.after(a.regime, one, s);
      two = Registers.after(b.regime, two, s);
    }
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    for (LocalDate d = TUE; d.isBefore(TUE.plusDays(5)); d = d.plusDays(1)) {
      DailyReport x = one.dailyReport("c", d).orElseThrow();
      assertThat(json.writeValueAsString(x))
          .isEqualTo(json.writeValueAsString(two.dailyReport("c", d).orElseThrow()));
      assertThat(x.source("SMM").orElseThrow().cumulative().total()).isPositive();
    }
  }
}
