package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a round produced, linked by reference to what it starts: a ceasefire arrangement or an
 * exchange under its own agreement (Witkoff, 5 February 2026: "314 POWs (157 each)" [b22]), or
 * the next round. {@code agreement} and {@code subject} name it there (e.g. agreement
 * {@code ceasefire-monitoring}, subject a commitment id); no content is copied.
 */
public record RoundOutput(
    int round, Kind kind, String agreement, String subject, String summary) implements Action {

  /** What kind of output. */
  public enum Kind {
    CEASEFIRE_ARRANGEMENT, EXCHANGE, NEXT_ROUND, STATEMENT;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
