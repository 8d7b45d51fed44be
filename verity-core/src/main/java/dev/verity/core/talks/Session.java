package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A session of a round in one of the formats seen in 2026: trilateral, or a bilateral pair
 * (RU-US, RU-UA, UA-US) [b30]; a plenary, a working-group meeting on a track, or the "joint
 * synchronisation of positions" that followed the working groups in Abu Dhabi [b20]. Recorded by
 * sending it ({@code talks-session}).
 *
 * @param track the track of a working-group session; null otherwise
 * @param delegations the participants at the table: three for a trilateral session, two for a
 *     bilateral one
 */
public record Session(
    String id, int round, Kind kind, String track, List<String> delegations, Instant start,
    Instant end) implements Action {
  public Session {
    delegations = delegations == null ? List.of() : List.copyOf(delegations);
  }

  /** Trilateral when three delegations sit at the table, bilateral when two. */
  public Format format() {
    return delegations.size() == 2 ? Format.BILATERAL : Format.TRILATERAL;
  }

  /** The formats of 2026. */
  public enum Format {
    TRILATERAL, BILATERAL;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the session is. */
  public enum Kind {
    PLENARY, WORKING_GROUP, SYNCHRONISATION;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
