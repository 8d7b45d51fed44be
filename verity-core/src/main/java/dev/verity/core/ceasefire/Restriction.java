package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A restriction of the monitor's freedom of movement, with the fields of the SMM's spot reports
 * (domain file §A1): when and where, the kind ("denied access on five occasions and was granted
 * conditional access at one occasion"), the actor, the reason given verbatim ("lack of prior
 * notice"), how long ("after two hours and eight minutes"), and the outcome. The monitor records
 * it by sending it ({@code ceasefire-restriction}, its id as the field {@code restriction}).
 *
 * @param duration how long the patrol was held; required for a delay, else may be null
 * @param mandate the mandate provision invoked, e.g. "PC Decision No. 1117"; may be null
 */
public record Restriction(
    @JsonProperty("restriction") String id, Instant at, Position position, Kind kind,
    String actor, String statedReason,
    Duration duration, String outcome, String mandate) implements Action {

  /** Denial, delay or conditional access [a13a][a14]. */
  public enum Kind {
    DENIAL, DELAY, CONDITIONAL_ACCESS;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
