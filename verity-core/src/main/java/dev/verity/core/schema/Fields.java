package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message's fields, as JSON, with typed readers. Those that {@link MessageSchema#validate}
 * returns are known to match their schema; {@link #of} wraps fields whose owner checks them itself
 * (a declaration is checked by the inventory, an escrow reveal by its proofs). Immutable: the
 * JSON is copied in and out.
 */
public final class Fields {
  public static final Fields NONE = new Fields(JsonNodeFactory.instance.objectNode());

  private final ObjectNode json;

  Fields(ObjectNode json) {
    this.json = json;
  }

  /** Fields as given, unchecked: for message types whose regime reads and checks them itself. */
  public static Fields of(ObjectNode json) {
    return new Fields(json.deepCopy());
  }

  /** A copy of the fields as JSON. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  public boolean has(String name) {
    return json.hasNonNull(name);
  }

  /** The field's value (JSON, read-only use), if the message carries it. */
  public Optional<JsonNode> get(String name) {
    return has(name) ? Optional.of(json.get(name).deepCopy()) : Optional.empty();
  }

  public Optional<String> text(String name) {
    return has(name) ? Optional.of(json.get(name).asText()) : Optional.empty();
  }

  public Optional<Instant> instant(String name) {
    return text(name).map(Instant::parse);
  }

  public Optional<LocalDate> date(String name) {
    return text(name).map(LocalDate::parse);
  }

  public Optional<Duration> duration(String name) {
    return text(name).map(Duration::parse);
  }

  public Optional<Long> integer(String name) {
    return has(name) ? Optional.of(json.get(name).asLong()) : Optional.empty();
  }

  public Optional<GeoPoint> point(String name) {
    return has(name) ? Optional.of(Geo.point(json.get(name))) : Optional.empty();
  }

  /** A polygon or circle field. */
  public Optional<GeoArea> area(String name) {
    return has(name) ? Optional.of(Geo.area(json.get(name))) : Optional.empty();
  }

  /** A list of polygons and circles (e.g. impact areas). */
  public List<GeoArea> areas(String name) {
    List<GeoArea> out = new ArrayList<>();
    if (has(name)) {
      json.get(name).forEach(a -> out.add(Geo.area(a)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fields f && f.json.equals(json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(json);
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
