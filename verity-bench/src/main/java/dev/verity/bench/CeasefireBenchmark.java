package dev.verity.bench;

import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.ceasefire.DailyReport;
import dev.verity.core.ceasefire.Register;
import dev.verity.core.ceasefire.RegisterPage;
import dev.verity.core.ceasefire.RegisterQuery;
import dev.verity.core.ceasefire.SideBySide;
import dev.verity.core.regime.Step;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ceasefire register with 100,000 observations and claims over a year: a daily report (late
 * in the year, so its cumulative figures read ~300 day tallies), one register page filtered by
 * region and category, the worst page (a filter nothing matches, so every claim is read to count
 * the matches), both sides side by side for a day, and, as the baseline, reading one claim by id.
 * Run: {@code java -jar verity-bench/target/benchmarks.jar Ceasefire}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CeasefireBenchmark {
  @Param({"100000"})
  int observations;

  Register register;
  LocalDate[] dates;
  int next;

  @Setup
  public void setup() {
    CeasefireRegime regime = CeasefireRegisters.regime();
    register = CeasefireRegisters.build(regime, CeasefireRegisters.steps(observations));
    dates = new LocalDate[64];
    for (int i = 0; i < dates.length; i++) {
      dates[i] = LocalDate.of(2025, 10, 1).plusDays(i);
    }
  }

  private LocalDate date() {
    next = (next + 1) % dates.length;
    return dates[next];
  }

  @Benchmark
  public DailyReport dailyReport() {
    return register.dailyReport(CeasefireRegisters.COMMITMENT, date()).orElseThrow();
  }

  @Benchmark
  public RegisterPage registerPageFiltered() {
    return register.page(RegisterQuery.builder().where("donetsk", "explosion", null).build());
  }

  @Benchmark
  public RegisterPage registerPageDays() {
    LocalDate d = date();
    return register.page(RegisterQuery.builder().days(d.minusDays(7), d)
        .where("luhansk", null, "SMM").build());
  }

  @Benchmark
  public RegisterPage registerPageNothingMatches() {
    return register.page(RegisterQuery.builder().where("odesa", null, null).build());
  }

  @Benchmark
  public SideBySide sideBySide() {
    return register.sideBySide(CeasefireRegisters.COMMITMENT, date(), "donetsk");
  }

  @Benchmark
  public Object claimById() {
    return register.claim("o" + (next = (next + 7919) % observations));
  }

  /** Folding all 100,000 steps from an empty register, once per iteration. */
  @State(Scope.Benchmark)
  public static class Steps {
    List<Step> steps;
    CeasefireRegime regime;

    @Setup
    public void setup() {
      regime = CeasefireRegisters.regime();
      steps = CeasefireRegisters.steps(100_000);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Register fold(Steps s) {
    return CeasefireRegisters.build(s.regime, s.steps);
  }
}
