package dev.verity.core.exchange;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One mediation as the mediator announced it: its number, when (a date, or a month when the day
 * is not known), the persons exchanged (both sides together) and the cumulative total the
 * mediator gave, with how sure the figures are and where they come from.
 */
public record Mediation(
    int number, String when, int exchanged, long cumulative, Status status, String source) {
  /** How sure a row is (domain notes C4). */
  public enum Status {
    /** Published by the mediator, source cited. */
    CONFIRMED,
    /** Published, but part of it (the date) not checked. */
    UNCONFIRMED,
    /** Arithmetic on published figures, not itself published. */
    DERIVED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
