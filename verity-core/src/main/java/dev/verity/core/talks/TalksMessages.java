package dev.verity.core.talks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import dev.verity.core.schema.Fields;
import java.time.Instant;
import java.util.Set;

/**
 * The talks' message types and the fields each {@link Action} is written with: a typed action as
 * the step that carries it, with the same JSON the agreement's schema declares
 * (docs/formats/talks.md, "Messages").
 */
public final class TalksMessages {
  /** Every type the talks fold. */
  public static final Set<String> TYPES = Steps.typeNames(Action.class);

  private TalksMessages() {}

  /** The step by which {@code entry}'s sender, at {@code at}, sends {@code action}. */
  public static Step step(EntryRef entry, Instant at, Action action) {
    ObjectNode fields = Steps.mapper().valueToTree(action);
    String type = fields.remove("type").asText();
    return new Step(entry, at, type, Fields.of(fields));
  }
}
