package dev.verity.core.agreement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.core.schema.MessageSchema;
import java.util.List;

/**
 * One type in the agreement's message catalogue.
 *
 * @param effect for an inventory notification, what it does to the inventory projection: add,
 *     move, load, unload, convert, eliminate, set-warheads or none; null for a message that is no
 *     notification (an inspection or commission step, a step of a declared protocol)
 * @param schema the typed fields (the file's {@code fields}), see {@link MessageSchema}
 * @param provision the shared provision the type comes from ({@code includes}), null if the
 *     agreement declares it itself
 * @param providedUnder for a message this agreement says is given under another one, that
 *     agreement and its message type: New START's launch notifications are "provided in
 *     accordance with" the 1988 Ballistic Missile Launch Notification Agreement (Protocol Part
 *     Four, Section IV.1); null when the agreement's own
 * @param receiptWithin how soon the technical receipt (the other Parties' cosignature of the
 *     entry) is due, for the node to judge; null when the agreement sets no limit
 * @param regime the regime whose rules are code that folds this type, one of {@link #REGIMES};
 *     null when it is folded only by the declared protocols whose steps name it (or by a regime
 *     that knows it by name: the inventory, inspections, commission, escrow). A type may be
 *     folded both by its regime and by a protocol (docs/dev/treaty-engine.md, "Routing")
 */
public record MessageType(
    String id,
    String name,
    String effect,
    @JsonProperty("fields") MessageSchema schema,
    Deadline deadline,
    String source,
    String provision,
    ProvidedUnder providedUnder,
    Protocol.Span receiptWithin,
    @JsonInclude(JsonInclude.Include.NON_NULL) String regime) {

  /** The regimes that are code and that a message type may name with {@code regime}. */
  public static final List<String> REGIMES =
      List.of("ceasefire-register", "talks", "exchange", "exchange-tally", "exchange-bodies");

  /** Effects the inventory projection knows how to apply. */
  public static final List<String> EFFECTS =
      List.of("add", "move", "load", "unload", "convert", "eliminate", "set-warheads", "none");

  public MessageSchema schema() {
    return schema == null ? MessageSchema.EMPTY : schema;
  }

  /** The field names, in the order the type declares them. */
  public List<String> fields() {
    return schema().names();
  }

  /** Whether a message of this type is an inventory notification (it has an effect). */
  public boolean notification() {
    return effect != null;
  }

  /**
   * Another agreement under which messages of this type are given: its id and message type, and
   * where this agreement says so.
   */
  public record ProvidedUnder(String agreement, String message, String source) {}

  /**
   * When a message is owed: {@code afterEventDays} after the event, {@code afterEventHours}
   * after it (for an inspection step: after the step it answers), {@code beforeEventHours} ahead
   * of it, or with the next data exchange.
   */
  public record Deadline(
      Integer afterEventDays, Integer beforeEventHours, Boolean nextDataExchange,
      Integer afterEventHours) {}
}
