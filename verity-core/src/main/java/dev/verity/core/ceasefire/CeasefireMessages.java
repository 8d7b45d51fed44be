package dev.verity.core.ceasefire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.regime.Steps;
import dev.verity.core.schema.Fields;
import java.time.Instant;
import java.util.Set;

/**
 * The register's message types and the fields each {@link Action} is written with: a typed
 * action as the step that carries it (for the node's composer, bulk imports and tests), with the
 * same JSON the agreement's schema declares (docs/formats/ceasefire.md, "Messages").
 */
public final class CeasefireMessages {
  /** A Party's or the mediator's claim. */
  public static final String CLAIM = "ceasefire-claim";
  /** The monitor's observation: a claim's fields, the monitor's type. */
  public static final String OBSERVATION = "ceasefire-observation";
  /** Every type the register folds. */
  public static final Set<String> TYPES = Steps.typeNames(Action.class);

  private CeasefireMessages() {}

  /**
   * The step by which {@code entry}'s sender, at {@code at}, sends {@code action}; a claim filed
   * by the monitor ({@code byMonitor}) is an observation.
   */
  public static Step step(EntryRef entry, Instant at, Action action, boolean byMonitor) {
    ObjectNode fields = Steps.mapper().valueToTree(action);
    String type = fields.remove("type").asText();
    if (action instanceof Action.FileClaim && byMonitor) {
      type = OBSERVATION;
    }
    return new Step(entry, at, type, Fields.of(fields));
  }
}
