package dev.verity.core.lifecycle;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an agreement stands at an instant, as a whole or for one Party: not yet in force, in
 * force, suspended (between two Parties, by either until it resumes; among more, for the Party
 * that suspended its part), or ended (expired on its date, by a withdrawal that left fewer than
 * two Parties, or for a Party that withdrew).
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
