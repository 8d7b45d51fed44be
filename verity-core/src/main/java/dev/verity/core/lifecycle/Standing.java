package dev.verity.core.lifecycle;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an agreement stands at an instant: not yet in force, in force, suspended (by at least
 * one Party, until it resumes), or ended (expired on its date, or by a withdrawal that left fewer
 * than two Parties).
 */
public enum Standing {
  NOT_YET_IN_FORCE,
  IN_FORCE,
  SUSPENDED,
  ENDED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
