package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the geographic shapes from JSON already checked against their kind. */
final class Geo {
  private Geo() {}

  static GeoPoint point(JsonNode v) {
    return new GeoPoint(v.get("lat").asDouble(), v.get("lon").asDouble());
  }

  static GeoArea area(JsonNode v) {
    if (v.has("circle")) {
      JsonNode c = v.get("circle");
      return new GeoCircle(point(c.get("center")), c.get("radius").asDouble(),
          DistanceUnit.parse(c.get("unit").asText()).orElseThrow());
    }
    List<GeoPoint> ps = new ArrayList<>();
    v.get("polygon").forEach(p -> ps.add(point(p)));
    return new GeoPolygon(ps);
  }
}
