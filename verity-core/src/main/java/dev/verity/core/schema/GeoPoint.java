package dev.verity.core.schema;

/**
 * A point in WGS 84 degrees, written {@code {"lat": 62.93, "lon": 40.58}}: latitude from -90 to
 * 90, longitude from -180 to 180.
 */
public record GeoPoint(double lat, double lon) implements GeoShape {
  public GeoPoint {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("lat must be within -90..90 and lon within -180..180");
    }
  }
}
