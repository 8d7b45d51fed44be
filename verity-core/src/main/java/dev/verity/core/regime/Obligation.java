package dev.verity.core.regime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * Something a Party owes, typed (issue 12: never a sentence for a program to parse back): which
 * regime, what {@code type} of obligation (a deadline's id, a notification's message type, an
 * escalation step), about which {@code subject}, who owes it, by when, its status as of an
 * instant, and the entry that met it.
 *
 * @param escalation for an escalation step or an alarm: the deadline whose miss set it off, and
 *     the round; null for a plain deadline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Obligation(String regime, Kind kind, String type, String subject, String party,
    Instant due, Status status, EntryRef metBy, Escalation escalation) {

  /** A plain deadline (what a Party must send), an escalation step, or an alarm. */
  public enum Kind {
    DEADLINE,
    ESCALATION,
    ALARM;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Where it stands at the instant it is judged. {@code pending}: not owed yet (its trigger, or
   * an escalation step's time, is later); {@code due}: owed now and not yet past its deadline (an
   * escalation step or alarm: set off); {@code met}: provided by the deadline; {@code late}:
   * provided after it; {@code missing}: the deadline passed without it. Judged against the
   * agreement's life ({@code dev.verity.core.lifecycle}): {@code suspended}: it fell due while
   * the agreement was suspended, and is not counted as missed; {@code not-in-force}: it fell due
   * when the agreement (or the owing Party's part in it) was not in force. A met obligation stays
   * met.
   */
  public enum Status {
    PENDING,
    DUE,
    MET,
    LATE,
    MISSING,
    SUSPENDED,
    NOT_IN_FORCE;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The missed deadline an escalation step or alarm follows from, and the round (from 1). */
  public record Escalation(String deadline, int round) {}

  /**
   * The order obligations are listed in: by due time, then regime, party, subject, kind (a
   * deadline before what its miss set off) and type.
   */
  public static final Comparator<Obligation> ORDER = Comparator.comparing(Obligation::due)
      .thenComparing(Obligation::regime).thenComparing(Obligation::party)
      .thenComparing(Obligation::subject).thenComparing(Obligation::kind)
      .thenComparing(Obligation::type);

  /** The same obligation with another status (the agreement's life judged it). */
  public Obligation withStatus(Status s) {
    return new Obligation(regime, kind, type, subject, party, due, s, metBy, escalation);
  }

  /**
   * The status at {@code asOf} of something owed from {@code start} (null: from the beginning)
   * by {@code due}, provided at {@code metAt} (null: never). What happens after {@code asOf} is not
   * known yet at {@code asOf}. "By" is inclusive: met exactly at the deadline is on time.
   */
  public static Status judge(Instant start, Instant due, Instant metAt, Instant asOf) {
    if (start != null && start.isAfter(asOf)) {
      return Status.PENDING;
    }
    if (metAt != null && !metAt.isAfter(asOf)) {
      return !metAt.isAfter(due) ? Status.MET : Status.LATE;
    }
    return asOf.isAfter(due) ? Status.MISSING : Status.DUE;
  }
}
