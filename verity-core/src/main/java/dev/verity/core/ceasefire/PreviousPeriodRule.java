package dev.verity.core.ceasefire;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The previous-period rule: a report's "previous" figures are the figures of the day before its
 * period, so they must equal the prior report's figures for its last day — its whole period on a
 * weekday, the second day of a weekend report (the SMM's DR 38/2022 gave as previous exactly DR
 * 37's counts; Monday's DR 29/2022 gave "the previous 24 hours" of the weekend). Reports the
 * register computes keep it by construction; the check is for reports as signed and published,
 * and names every break: which report, whose figures, which region and figure, what was expected.
 */
public final class PreviousPeriodRule {
  private PreviousPeriodRule() {}

  /** One figure where a report's previous period differs from the prior report. */
  public record Break(
      LocalDate report, LocalDate prior, String participant, String region, String figure,
      long expected, long found) {
    public String words() {
      return "report " + report + ": " + participant + "'s previous figure for " + figure
          + " in " + region + " is " + found + ", but report " + prior + " gave " + expected;
    }
  }

  /** Checks each report against the one whose period ends where its own begins. */
  public static List<Break> check(List<DailyReport> reports) {
    List<DailyReport> sorted = new ArrayList<>(reports);
    sorted.sort(Comparator.comparing(DailyReport::to));
    List<Break> out = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      DailyReport prior = sorted.get(i - 1);
      DailyReport report = sorted.get(i);
      if (prior.to().equals(report.from())) {
        compare(prior, report, out);
      }
    }
    return out;
  }

  private static void compare(DailyReport prior, DailyReport report, List<Break> out) {
    for (DailyReport.Source s : report.sources()) {
      Optional<DailyReport.Source> p = prior.source(s.participant());
      Figures expected = p.map(DailyReport.Source::lastDay).orElse(Figures.NONE);
      TreeSet<String> regions = new TreeSet<>(expected.regions().keySet());
      regions.addAll(s.previous().regions().keySet());
      for (String region : regions) {
        RegionFigures e = expected.region(region);
        RegionFigures f = s.previous().region(region);
        Fig at = new Fig(report.date(), prior.date(), s.participant(), region, out);
        at.add("total", e.total(), f.total());
        at.each("category ", e.categories(), f.categories());
        at.each("context ", e.contexts(), f.contexts());
      }
    }
  }

  /** Adds the breaks of one participant and region. */
  private record Fig(LocalDate report, LocalDate prior, String who, String region,
      List<Break> out) {
    void add(String figure, long expected, long found) {
      if (expected != found) {
        out.add(new Break(report, prior, who, region, figure, expected, found));
      }
    }

    void each(String kind, Map<String, Long> expected, Map<String, Long> found) {
      TreeSet<String> keys = new TreeSet<>(expected.keySet());
      keys.addAll(found.keySet());
      keys.forEach(k -> add(kind + k, expected.getOrDefault(k, 0L), found.getOrDefault(k, 0L)));
    }
  }
}
