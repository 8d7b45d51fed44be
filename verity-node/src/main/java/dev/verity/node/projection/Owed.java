package dev.verity.node.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Obligation;
import java.time.Instant;

/**
 * An obligation as the node's API serves it (issue 12: typed fields, never a sentence for a
 * program to parse back): the fields of the core's {@link Obligation}, then what the node knows
 * besides. docs/formats/api.md, "Obligations", is the JSON shape.
 *
 * @param metAt when the entry that met it was received (the first cosignature covering it: "the
 *     date of provision is the date of receipt"); null if not met, or not known
 * @param item the item a notification is about; null for anything else
 * @param corrected true when the notification in force is a correction ({@code metBy} is then the
 *     correction's entry, and the receipt judged is the correction's); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Owed(String regime, Obligation.Kind kind, String type, String subject, String party,
    Instant due, Obligation.Status status, EntryRef metBy, Obligation.Escalation escalation,
    Instant metAt, String item, Boolean corrected) {

  /** {@code o} with what the node knows besides. */
  public static Owed of(Obligation o, Instant metAt, String item, boolean corrected) {
    return new Owed(o.regime(), o.kind(), o.type(), o.subject(), o.party(), o.due(), o.status(),
        o.metBy(), o.escalation(), metAt, item, corrected ? Boolean.TRUE : null);
  }

  /** {@code o} as it is. */
  public static Owed of(Obligation o) {
    return of(o, null, null, false);
  }

  /** This obligation with status {@code s} (judged against the agreement's life). */
  public Owed withStatus(Obligation.Status s) {
    return new Owed(regime, kind, type, subject, party, due, s, metBy, escalation, metAt, item,
        corrected);
  }

  /** The core's typed obligation. */
  public Obligation obligation() {
    return new Obligation(regime, kind, type, subject, party, due, status, metBy, escalation);
  }
}
