package dev.verity.core.ceasefire;

import java.time.Instant;

/**
 * When something was observed: an instant ({@code from} equal to {@code to}) or a period such as
 * "the evening and night of 14-15 September" (both ends included).
 */
public record Period(Instant from, Instant to) {

  public static Period at(Instant t) {
    return new Period(t, t);
  }

  /** Null when well formed, else what is wrong, in words. */
  public String problem() {
    if (from == null || to == null) {
      return "a period needs from and to (the same instant for a single time)";
    }
    return to.isBefore(from) ? "the period ends (" + to + ") before it begins (" + from + ")"
        : null;
  }
}
