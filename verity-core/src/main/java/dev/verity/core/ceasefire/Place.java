package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A place, in the project's geographic JSON shapes (WGS 84 degrees): a point
 * {@code {"lat": 48.0, "lon": 37.8}}, a polygon {@code {"polygon": [point, ...]}} or a circle
 * {@code {"circle": {"center": point, "radius": 50, "unit": "km"}}}.
 */
public sealed interface Place permits Place.Point, Place.Polygon, Place.Circle {

  /** Null when the place is well formed, else what is wrong, in words. */
  String problem();

  /** A point: latitude -90..90, longitude -180..180. */
  record Point(double lat, double lon) implements Place {
    @Override
    public String problem() {
      if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        return "a point needs lat from -90 to 90 and lon from -180 to 180, not " + lat + ", " + lon;
      }
      return null;
    }
  }

  /** A polygon: at least three points, the last joined to the first. */
  record Polygon(List<Point> polygon) implements Place {
    public Polygon {
      polygon = polygon == null ? List.of() : List.copyOf(polygon);
    }

    @Override
    public String problem() {
      if (polygon.size() < 3) {
        return "a polygon needs at least three points, not " + polygon.size();
      }
      return polygon.stream().map(Point::problem).filter(p -> p != null).findFirst().orElse(null);
    }
  }

  /** A circle: a center and a radius greater than zero in kilometres or nautical miles. */
  record Circle(Point center, double radius, DistanceUnit unit) implements Place {
    @Override
    public String problem() {
      if (center == null || unit == null) {
        return "a circle needs a center and a unit (km or nmi)";
      }
      if (!(radius > 0) || Double.isInfinite(radius)) {
        return "a circle needs a radius greater than 0, not " + radius;
      }
      return center.problem();
    }

    /** The radius in kilometres. */
    public double radiusKm() {
      return radius * unit.kilometres();
    }

    @JsonValue
    Map<String, Object> json() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("center", center);
      c.put("radius", radius);
      c.put("unit", unit);
      return Map.of("circle", c);
    }
  }

  /** A distance unit of a circle's radius. */
  enum DistanceUnit {
    KM("km", 1.0),
    /** The international nautical mile, 1,852 m exactly. */
    NMI("nmi", 1.852);

    private final String label;
    private final double kilometres;

    DistanceUnit(String label, double kilometres) {
      this.label = label;
      this.kilometres = kilometres;
    }

    @JsonValue
    public String label() {
      return label;
    }

    public double kilometres() {
      return kilometres;
    }
  }
}
