package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A place on the Earth in any of the three shapes of issue 12: a point, a polygon or a circle (a
 * ceasefire claim's position may be any of them, docs/formats/ceasefire.md). Each writes its own
 * JSON shape; {@link #read} tells them apart by their keys.
 */
public sealed interface GeoShape permits GeoPoint, GeoArea {

  /**
   * The shape {@code v} is written in: a point {@code {"lat", "lon"}}, a polygon {@code
   * {"polygon": [...]}} or a circle {@code {"circle": {...}}}.
   *
   * @throws IllegalArgumentException when {@code v} is none of them, naming what was expected
   */
  static GeoShape read(JsonNode v) {
    boolean point = v != null && Shapes.point(v);
    boolean area = v != null && (v.has("polygon") || v.has("circle"));
    if (!point && !area) {
      throw new IllegalArgumentException("expected a point {\"lat\": 48.0, \"lon\": 37.8}, a"
          + " polygon {\"polygon\": [...]} or a circle {\"circle\": {...}}");
    }
    try {
      return point ? Geo.point(v) : Geo.area(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a well-formed "
          + (v.has("polygon") ? "polygon" : "circle") + ": " + e.getMessage(), e);
    }
  }
}
