package dev.verity.core.regime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Helpers for regimes whose rules are code over typed Java records (inspection, commission and
 * escrow steps): a step's fields bound to the record its type names.
 */
public final class Steps {
  private Steps() {}

  /** The type names of a Jackson-polymorphic message family ({@code @JsonSubTypes}). */
  public static Set<String> typeNames(Class<?> family) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonSubTypes.Type t : family.getAnnotation(JsonSubTypes.class).value()) {
      out.add(t.name());
    }
    return Set.copyOf(out);
  }

  /**
   * The step's fields as a {@code family} record ({@code type} property set from the step); a
   * refusal of kind {@link Refusal.Kind#MALFORMED} if they do not bind.
   */
  public static <T> Bound<T> bind(ObjectMapper mapper, Step step, Class<T> family) {
    ObjectNode body = step.fields().json();
    body.put("type", step.type());
    try {
      return new Bound<>(mapper.treeToValue(body, family), null);
    } catch (JsonProcessingException e) {
      String first = e.getOriginalMessage().split("\n")[0];
      return new Bound<>(null, new Refusal(Refusal.Kind.MALFORMED, "fields", step.type()
          + ": " + first));
    }
  }

  /** A bound record, or why it did not bind. */
  public record Bound<T>(T value, Refusal refusal) {}
}
