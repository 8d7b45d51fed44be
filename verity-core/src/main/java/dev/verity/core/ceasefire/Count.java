package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How many, and how sure: the SMM wrote exact figures, "about 20" and "at least 15". Reports add
 * the values and say how much of a total came from inexact figures.
 */
public record Count(long value, Qualifier qualifier) {

  public static Count exact(long value) {
    return new Count(value, Qualifier.EXACT);
  }

  public boolean inexact() {
    return qualifier != Qualifier.EXACT;
  }

  /** Exact, "about" or "at least". */
  public enum Qualifier {
    EXACT, ABOUT, AT_LEAST;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
