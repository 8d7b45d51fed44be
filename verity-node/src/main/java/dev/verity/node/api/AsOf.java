package dev.verity.node.api;

import dev.verity.core.message.BoundedInstants;
import dev.verity.core.message.JsonProblems;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one reading of the {@code asOf} query parameter, for every route that answers "as of" a
 * time (docs/user/api.md, "asOf"; docs/dev/decisions.md, "One asOf"):
 *
 * <ul>
 *   <li>an instant ({@code 2020-09-01T10:00:00Z}, RFC 3339 with a four-digit year) is that
 *       instant;
 *   <li>a date ({@code 2020-09-01}) is the <em>end</em> of that UTC day: everything dated on it
 *       counts, the next midnight does not, and a deadline "by the end of" it is not yet missed;
 *   <li>absent, it is now by the node's clock: an exercise node's clock, never the wall clock.
 * </ul>
 *
 * <p>A route that answers per day (inventory, compliance) answers for the UTC day of that instant.
 * Anything else is refused with 400 naming {@code asOf}.
 */
public final class AsOf {
  static final String EXPECTED = "a date such as 2020-09-01 (meaning the end of that UTC day) or "
      + JsonProblems.INSTANT;

  private AsOf() {}

  /** The instant {@code asOf} names in {@code ctx}, or now by {@code clock} when it is absent. */
  public static Instant instant(Context ctx, Clock clock) {
    return read(ctx.queryParam("asOf"), clock);
  }

  /** The instant the parameter's value {@code s} names (null: now by {@code clock}). */
  static Instant read(String s, Clock clock) {
    return s == null ? clock.instant() : parse(s);
  }

  /** The UTC day of {@link #instant}: what a per-day route answers for. */
  public static LocalDate day(Context ctx, Clock clock) {
    return day(instant(ctx, clock));
  }

  /** The UTC day an instant falls on. */
  public static LocalDate day(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /** {@code s} read as {@code asOf}; a 400 answer naming the field if it is neither form. */
  static Instant parse(String s) {
    LocalDate d = BoundedInstants.parseDate(s);
    if (d != null) {
      return endOf(d);
    }
    Instant t = BoundedInstants.parseInstant(s);
    if (t == null) {
      throw new Http.ApiError(400, "asOf", "expected " + EXPECTED + ", not '" + s + "'");
    }
    return t;
  }

  /** The last instant of UTC day {@code d} (its end: the next midnight is the next day's). */
  public static Instant endOf(LocalDate d) {
    return d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
  }
}
