package dev.verity.node.ceasefire;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.ceasefire.CommitmentRecord;
import dev.verity.core.ceasefire.DailyReport;
import dev.verity.core.ceasefire.Register;
import dev.verity.core.ceasefire.RegisterQuery;
import dev.verity.core.ceasefire.RegisterQuery.Builder;
import dev.verity.core.ceasefire.ReportSchedule;
import dev.verity.core.ceasefire.Standing;
import dev.verity.node.api.Http;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The joint ceasefire register over the API (docs/formats/api.md, "Ceasefire register"): the
 * register folded from every participant's entries, as the core computes it, so every node
 * answers the same figures. Commitments with their countersignatures and status as of the
 * node's clock; register pages with filters; one claim with every answer; a daily report with
 * the previous-period rule checked against the report before it; each report date's totals per
 * filer (the charts); and both sides' counts of one day side by side, their differences named.
 */
final class CeasefireRoutes {
  /** Report dates one tallies request covers at most: a bound on what one request computes. */
  static final int MAX_TALLY_DATES = 92;
  private static final int DEFAULT_TALLY_DATES = 14;

  private final NodeQueries node;

  CeasefireRoutes(NodeQueries node) {
    this.node = node;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/ceasefire", this::overview),
        Route.get("/api/v1/ceasefire/register", this::page),
        Route.get("/api/v1/ceasefire/claims/{id}", this::claim),
        Route.get("/api/v1/ceasefire/reports/{commitment}/{date}", this::report),
        Route.get("/api/v1/ceasefire/tallies", this::tallies),
        Route.get("/api/v1/ceasefire/side-by-side", this::sideBySide));
  }

  private Register register() {
    return node.provisions().state(CeasefireRegime.ID, Register.class).orElseThrow(() ->
        new Http.ApiError(404, "agreement",
            node.agreement().id() + " holds no ceasefire register"));
  }

  private void overview(Context ctx) {
    Register r = register();
    Instant now = node.clock().instant();
    List<Map<String, Object>> commitments = new ArrayList<>();
    for (CommitmentRecord c : r.commitments()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", c.status(now));
      m.put("awaiting", c.awaiting(r.rules().participants()));
      m.put("commitment", c);
      m.put("reportDates", reportDates(r, c, now));
      commitments.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agreement", node.agreement().id());
    m.put("now", now);
    m.put("lastStep", r.lastStepAt());
    m.put("participants", r.rules().participants());
    m.put("filers", r.rules().filers().stream().map(Party::id).toList());
    m.put("claims", r.claimCount());
    m.put("commitments", commitments);
    m.put("restrictions", r.restrictions());
    m.put("vocabulary", r.rules().vocabulary());
    Http.json(ctx, 200, m);
  }

  /**
   * The first and last report dates of {@code c} up to now, if it has taken effect, and the last
   * one whose cut-off has passed (a closed report never changes), null before the first closes.
   */
  private static Map<String, LocalDate> reportDates(Register r, CommitmentRecord c, Instant now) {
    if (c.inForceFrom() == null || now.isBefore(c.inForceFrom())) {
      return null;
    }
    ReportSchedule s = r.rules().schedule();
    Instant end = c.terms().expiresAt() != null && c.terms().expiresAt().isBefore(now)
        ? c.terms().expiresAt() : now;
    LocalDate first = s.reportDate(s.day(c.inForceFrom()));
    LocalDate last = s.reportDate(s.day(end));
    LocalDate closed = s.cutoff(last).isAfter(end) ? s.previousReportDate(last) : last;
    Map<String, LocalDate> m = new LinkedHashMap<>();
    m.put("first", first);
    m.put("last", last);
    m.put("lastClosed", closed.isBefore(first) ? null : closed);
    return m;
  }

  private void page(Context ctx) {
    Builder q = RegisterQuery.builder()
        .commitment(ctx.queryParam("commitment"))
        .days(date(ctx, "from"), date(ctx, "to"))
        .where(ctx.queryParam("region"), ctx.queryParam("category"), ctx.queryParam("filer"))
        .standing(label(ctx, "standing", Standing.values(), Standing::label))
        .finding(label(ctx, "finding", FindingStatus.values(), FindingStatus::label),
            "none".equals(ctx.queryParam("finding")))
        .page(number(ctx, "offset", 0, 0, Integer.MAX_VALUE),
            number(ctx, "limit", 50, 1, RegisterQuery.MAX_LIMIT));
    Http.json(ctx, 200, register().page(q.build()));
  }

  private void claim(Context ctx) {
    String id = ctx.pathParam("id");
    Http.json(ctx, 200, register().claim(id).orElseThrow(() ->
        new Http.ApiError(404, "id", "no claim or observation " + id + " in the register")));
  }

  /** The report of one date, with the previous-period rule checked against the prior report. */
  private void report(Context ctx) {
    Register r = register();
    String c = commitment(r, ctx.pathParam("commitment"));
    LocalDate d = parseDate("date", ctx.pathParam("date"));
    Http.json(ctx, 200, r.checkedReport(c, d).orElseThrow(() -> new Http.ApiError(404,
        "date", "no report of " + c + " for " + d
            + ": before it took effect, after its end, or ahead")));
  }

  /** Each report date's period total per filer, for the charts: {@code from}..{@code to}. */
  private void tallies(Context ctx) {
    Register r = register();
    String c = commitment(r, ctx.queryParam("commitment"));
    ReportSchedule s = r.rules().schedule();
    LocalDate to = s.reportDate(date(ctx, "to") != null ? date(ctx, "to")
        : s.day(node.clock().instant()));
    LocalDate from = date(ctx, "from") != null ? s.reportDate(date(ctx, "from"))
        : to.minusDays(DEFAULT_TALLY_DATES);
    if (s.reportDatesBetween(from, to) > MAX_TALLY_DATES) {
      throw new Http.ApiError(400, "from", "at most " + MAX_TALLY_DATES + " report dates");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = s.reportDate(d.plusDays(1))) {
      r.dailyReport(c, d).ifPresent(rep -> out.add(tally(rep)));
    }
    Http.json(ctx, 200, Map.of("commitment", c, "from", from, "to", to, "dates", out));
  }

  private static Map<String, Object> tally(DailyReport rep) {
    Map<String, Object> totals = new LinkedHashMap<>();
    Map<String, Object> categories = new LinkedHashMap<>();
    rep.sources().forEach(src -> {
      totals.put(src.participant(), src.period().total());
      Map<String, Long> byCategory = new LinkedHashMap<>();
      src.period().regions().values().forEach(rf -> rf.categories()
          .forEach((k, v) -> byCategory.merge(k, v, Long::sum)));
      categories.put(src.participant(), byCategory);
    });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", rep.date());
    m.put("number", rep.number());
    m.put("totals", totals);
    m.put("categories", categories);
    return m;
  }

  private void sideBySide(Context ctx) {
    Register r = register();
    String c = commitment(r, ctx.queryParam("commitment"));
    LocalDate day = date(ctx, "day");
    if (day == null) {
      day = r.rules().schedule().day(node.clock().instant());
    }
    Http.json(ctx, 200, r.sideBySide(c, day, ctx.queryParam("region")));
  }

  /** {@code id}, or the only or latest commitment when none is named. */
  private static String commitment(Register r, String id) {
    if (id != null && !id.isBlank()) {
      return r.commitment(id).map(c -> c.terms().id()).orElseThrow(() ->
          new Http.ApiError(404, "commitment", "no commitment " + id + " in the register"));
    }
    List<CommitmentRecord> all = r.commitments();
    if (all.isEmpty()) {
      throw new Http.ApiError(404, "commitment", "the register holds no commitment yet");
    }
    return all.get(all.size() - 1).terms().id();
  }

  private static LocalDate date(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : parseDate(name, v);
  }

  private static LocalDate parseDate(String name, String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new Http.ApiError(400, name, "a date as YYYY-MM-DD, not " + v);
    }
  }

  private static int number(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below in words
    }
    throw new Http.ApiError(400, name, "a whole number from " + min + " to " + max);
  }

  private static <E> E label(Context ctx, String name, E[] values, Function<E, String> label) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank() || "none".equals(v)) {
      return null;
    }
    for (E e : values) {
      if (label.apply(e).equals(v)) {
        return e;
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : values) {
      known.add(label.apply(e));
    }
    throw new Http.ApiError(400, name, "one of " + String.join(", ", known) + ", not " + v);
  }
}
