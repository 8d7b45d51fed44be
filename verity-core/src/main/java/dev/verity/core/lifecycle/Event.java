package dev.verity.core.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * One event in an agreement's life, for its timeline: when it takes effect, what it is, the Party
 * and the entry that declared it (none for the dates the agreement itself gives), and the Party's
 * stated reason or statement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(Instant at, What what, String party, EntryRef entry, String text) {
  /** What happened. */
  public enum What {
    /** The agreement's own date of entry into force. */
    ENTRY_INTO_FORCE,
    /** A Party recorded the entry into force (an exchange of instruments, a signature). */
    CONFIRMED,
    SUSPENSION,
    RESUMPTION,
    /** A Party gave notice of withdrawal; it takes effect later ({@link #WITHDRAWAL}). */
    WITHDRAWAL_NOTICE,
    WITHDRAWAL,
    /** The agreement ended because too few Parties remain in it. */
    ENDED,
    /** The agreement's own end date. */
    EXPIRY;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** By time; at one time, in the order of {@link What}. */
  static final Comparator<Event> ORDER =
      Comparator.comparing(Event::at).thenComparing(Event::what);
}
