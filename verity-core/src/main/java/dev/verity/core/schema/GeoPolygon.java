package dev.verity.core.schema;

import java.util.List;

/**
 * A polygon by its boundary points, written {@code {"polygon": [point, point, point, ...]}}: at
 * least three points; the last is joined to the first (it need not repeat it).
 */
public record GeoPolygon(List<GeoPoint> polygon) implements GeoArea {
  public GeoPolygon {
    polygon = List.copyOf(polygon);
    if (polygon.size() < 3) {
      throw new IllegalArgumentException("a polygon needs at least 3 points");
    }
  }
}
