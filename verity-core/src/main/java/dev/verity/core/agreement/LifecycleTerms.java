package dev.verity.core.agreement;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What an agreement says about its own life beyond its dates ({@code lifecycle:} in the file):
 * how much notice a Party must give before its withdrawal takes effect. Entry into force and
 * expiry are the agreement's {@code entryIntoForce} and {@code endsOn}; suspension and resumption
 * need no terms (a Party records them with its stated reason, docs/formats/agreement.md).
 *
 * @param withdrawalNotice the notice a withdrawal needs (New START Art. XIV.3: three months from
 *     the receipt of the notification); null: it takes effect when notified
 * @param source where the text says so, for readers
 */
public record LifecycleTerms(Notice withdrawalNotice, String source) {
  /** No terms: a withdrawal takes effect when it is notified. */
  public static final LifecycleTerms NONE = new LifecycleTerms(null, null);

  /** A notice period in whole months or days (exactly one of them, not negative). */
  public record Notice(Integer months, Integer days) {
    /** Whether exactly one unit is given, and not negative. */
    public boolean valid() {
      return (months == null) != (days == null) && (months == null ? days : months) >= 0;
    }

    /** {@code t} plus the notice, counted in calendar months (UTC) or days. */
    public Instant after(Instant t) {
      return months != null ? t.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant()
          : t.atOffset(ZoneOffset.UTC).plusDays(days).toInstant();
    }
  }

  /** The earliest a withdrawal notified at {@code notified} takes effect. */
  public Instant earliestWithdrawal(Instant notified) {
    return withdrawalNotice == null ? notified : withdrawalNotice.after(notified);
  }
}
