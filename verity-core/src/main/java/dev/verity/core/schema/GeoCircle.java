package dev.verity.core.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * A circle by its centre and radius, written {@code {"circle": {"center": point, "radius": 50,
 * "unit": "km"}}} (1988 Launch Notification Agreement, Art. II.3: "a circle with a centre and a
 * radius in kilometres or nautical miles").
 */
public record GeoCircle(GeoPoint center, double radius, DistanceUnit unit) implements GeoArea {
  public GeoCircle {
    if (center == null || unit == null || !(radius > 0) || Double.isInfinite(radius)) {
      throw new IllegalArgumentException("a circle needs a center, a radius above 0 and a unit");
    }
  }

  /** The shape inside {@code "circle"}. */
  public record Body(GeoPoint center, double radius, DistanceUnit unit) {}

  @JsonCreator
  static GeoCircle of(@JsonProperty("circle") Body circle) {
    return new GeoCircle(circle.center(), circle.radius(), circle.unit());
  }

  @JsonValue
  Map<String, Body> json() {
    return Map.of("circle", new Body(center, radius, unit));
  }

  /** The radius in metres. */
  public double radiusMetres() {
    return radius * unit.metres();
  }
}
