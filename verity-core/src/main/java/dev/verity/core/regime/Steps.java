package dev.verity.core.regime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.schema.GeoShape;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Helpers for regimes whose rules are code over typed Java records (inspection, commission,
 * escrow, ceasefire, talks and exchange steps): a step's fields bound to the record its type
 * names.
 */
public final class Steps {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule().addDeserializer(GeoShape.class, new ShapeReader()))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();

  private Steps() {}

  /**
   * The mapper for message records: instants, dates and durations in ISO 8601, geographic values
   * in the schema's shapes (a {@link GeoShape} read by its keys), unknown fields refused.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The type names of a Jackson-polymorphic message family ({@code @JsonSubTypes}), a record's
   * {@code name} and any further {@code names} (two message types may bind to one record).
   */
  public static Set<String> typeNames(Class<?> family) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonSubTypes.Type t : family.getAnnotation(JsonSubTypes.class).value()) {
      if (!t.name().isEmpty()) {
        out.add(t.name());
      }
      out.addAll(List.of(t.names()));
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

  /**
   * Like {@link #bind} with {@link #mapper()} (the type set only for a polymorphic family), the
   * refusal named {@code rule} and its reason in plain words: the field's path and what was wrong
   * with it, never a Java class name.
   */
  public static <T> Bound<T> read(Step step, Class<T> family, String rule) {
    ObjectNode body = step.fields().json();
    if (family.isAnnotationPresent(JsonTypeInfo.class)) {
      body.put("type", step.type());
    }
    try {
      return new Bound<>(MAPPER.treeToValue(body, family), null);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new Bound<>(null, new Refusal(Refusal.Kind.MALFORMED, rule, step.type() + ": "
          + words(e)));
    }
  }

  /** What was wrong, in words: the field's path, and the reason a value's own check gave. */
  static String words(Exception e) {
    String path = e instanceof JsonMappingException m ? m.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[") : "";
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = e instanceof UnrecognizedPropertyException ? "not a field of this message"
        : root instanceof IllegalArgumentException && root.getMessage() != null
            ? root.getMessage() : "not a value of the kind the field holds";
    return path.isEmpty() ? why : path + ": " + why;
  }

  /** A bound record, or why it did not bind. */
  public record Bound<T>(T value, Refusal refusal) {}

  /** Reads a point, polygon or circle by the keys it is written with. */
  private static final class ShapeReader extends StdDeserializer<GeoShape> {
    ShapeReader() {
      super(GeoShape.class);
    }

    @Override
    public GeoShape deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      try {
        return GeoShape.read(p.readValueAsTree());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }
}
