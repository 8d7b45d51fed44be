package dev.verity.core.agreement;

import java.util.List;

/**
 * One type in the agreement's message catalogue.
 *
 * @param effect what a message of this type does to the inventory projection: add, move, load,
 *     unload, convert, eliminate, set-warheads or none
 * @param fields the notification fields this type requires
 */
public record MessageType(
    String id, String name, String effect, List<String> fields, Deadline deadline, String source) {

  /** Effects the inventory projection knows how to apply. */
  public static final List<String> EFFECTS =
      List.of("add", "move", "load", "unload", "convert", "eliminate", "set-warheads", "none");

  public List<String> fields() {
    return fields == null ? List.of() : fields;
  }

  /**
   * When a message is owed: {@code afterEventDays} after the event, {@code afterEventHours}
   * after it (for an inspection step: after the step it answers), {@code beforeEventHours} ahead of it, or with the next data exchange.
   */
  public record Deadline(
      Integer afterEventDays, Integer beforeEventHours, Boolean nextDataExchange, Integer afterEventHours) {}
}
