package dev.verity.core.regime;

import dev.verity.core.message.EntryRef;
import dev.verity.core.schema.Fields;
import java.time.Instant;
import java.util.Comparator;

/**
 * One message as a regime folds it: the entry that carries it (the sending Party's log and the
 * index in it), when it takes effect (the entry's time, docs/dev/decisions.md D17, or the time of
 * receipt for a notification), its message type and its fields, validated against the type's
 * schema before any regime sees them.
 */
public record Step(EntryRef entry, Instant at, String type, Fields fields) {
  /**
   * The canonical order in which steps from several logs are folded, the same on every node: by
   * time, then Party, then log index.
   */
  public static final Comparator<Step> ORDER = Comparator.comparing(Step::at)
      .thenComparing(Step::party).thenComparingLong(s -> s.entry().index());

  /** The sending Party. */
  public String party() {
    return entry.party();
  }
}
