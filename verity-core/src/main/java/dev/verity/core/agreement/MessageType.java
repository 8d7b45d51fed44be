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
    @JsonInclude(JsonInclude.Include.NON_NULL) String regime) {

  /** The regimes that are code and that a message type may name with {@code regime}. */
  public static final List<String> REGIMES =
      List.of("ceasefire-register", "talks", "exchange", "exchange-tally", "exchange-bodies");

  /** A type no code regime claims by {@code regime} (the form before the key existed). */
  public MessageType(String id, String name, String effect, MessageSchema schema,
      Deadline deadline, String source, String provision) {
    this(id, name, effect, schema, deadline, source, provision, null);
  }

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
   * When a message is owed: {@code afterEventDays} after the event, {@code afterEventHours}
   * after it (for an inspection step: after the step it answers), {@code beforeEventHours} ahead
   * of it, or with the next data exchange.
   */
  public record Deadline(
      Integer afterEventDays, Integer beforeEventHours, Boolean nextDataExchange,
      Integer afterEventHours) {}
}
