package dev.verity.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixed JSON shapes: times, places, references and booleans. Geographic values have one shape
 * everywhere (issue 12): a point {@code {"lat": 62.93, "lon": 40.58}} in WGS 84 degrees, a polygon
 * {@code {"polygon": [point, ...]}}, a circle {@code {"circle": {"center": point, "radius": 50,
 * "unit": "km"}}}. Times are UTC, ISO 8601.
 */
final class Shapes {
  /** Most points of a polygon: enough for any notified area, bounded like everything else. */
  static final int MAX_POINTS = 1000;

  private Shapes() {}

  static String expected(Kind kind) {
    return switch (kind) {
      case INSTANT -> "an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z";
      case DATE -> "a date such as 2020-10-15";
      case DURATION -> "an ISO 8601 duration such as PT48H or P14D";
      case BOOLEAN -> "true or false";
      case POINT -> "a point {\"lat\": 62.93, \"lon\": 40.58} in WGS 84 degrees"
          + " (lat -90 to 90, lon -180 to 180)";
      case POLYGON -> "a polygon {\"polygon\": [point, point, point, ...]} of 3 to " + MAX_POINTS
          + " points";
      case CIRCLE -> "a circle {\"circle\": {\"center\": point, \"radius\": 50, \"unit\": \"km\"}}"
          + " (unit km or nmi)";
      case ENTRY -> "a log entry {\"party\": \"US\", \"index\": 12}";
      case PARTY -> "a participant of the agreement";
      case ANY -> "a value";
      default -> kind.label();
    };
  }

  static void check(Kind kind, JsonNode v, String path, Checker c) {
    boolean ok = switch (kind) {
      case INSTANT -> instant(v);
      case DATE -> date(v);
      case DURATION -> duration(v);
      case BOOLEAN -> v.isBoolean();
      case POINT -> point(v);
      case POLYGON -> polygon(v);
      case CIRCLE -> circle(v);
      case ENTRY -> entry(v, c.participants());
      case PARTY -> v.isTextual() && c.participants().contains(v.asText());
      default -> true;
    };
    if (!ok) {
      String also = kind == Kind.PARTY || kind == Kind.ENTRY
          ? " (" + String.join(", ", new TreeSet<>(c.participants())) + ")" : "";
      c.error(path, "expected " + expected(kind) + also);
    }
  }

  /** Whether a failing value looks meant as {@code t}, so that its own errors are shown. */
  static boolean claims(FieldType t, JsonNode v) {
    if (t instanceof FieldType.Conditional c) {
      return claims(c.type(), v);
    }
    return switch (t.kind()) {
      case POLYGON -> v.has("polygon");
      case CIRCLE -> v.has("circle");
      case POINT -> v.has("lat") || v.has("lon");
      case RECORD -> t instanceof FieldType.Record r
          && r.schema().fields().stream().anyMatch(f -> f.required() && v.has(f.name()));
      default -> false;
    };
  }

  private static boolean instant(JsonNode v) {
    if (!v.isTextual() || !v.asText().endsWith("Z")) {
      return false;
    }
    try {
      Instant.parse(v.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean date(JsonNode v) {
    try {
      return v.isTextual() && v.asText().length() == 10 && LocalDate.parse(v.asText()) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean duration(JsonNode v) {
    try {
      return v.isTextual() && !Duration.parse(v.asText()).isNegative();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean point(JsonNode v) {
    return only(v, Set.of("lat", "lon")) && v.get("lat").isNumber() && v.get("lon").isNumber()
        && Math.abs(v.get("lat").asDouble()) <= 90 && Math.abs(v.get("lon").asDouble()) <= 180;
  }

  private static boolean polygon(JsonNode v) {
    JsonNode ps = only(v, Set.of("polygon")) ? v.get("polygon") : null;
    if (ps == null || !ps.isArray() || ps.size() < 3 || ps.size() > MAX_POINTS) {
      return false;
    }
    for (JsonNode p : ps) {
      if (!point(p)) {
        return false;
      }
    }
    return true;
  }

  private static boolean circle(JsonNode v) {
    JsonNode b = only(v, Set.of("circle")) ? v.get("circle") : null;
    if (b == null || !only(b, Set.of("center", "radius", "unit"))) {
      return false;
    }
    double r = b.get("radius").asDouble();
    return point(b.get("center")) && b.get("radius").isNumber() && r > 0 && Double.isFinite(r)
        && b.get("unit").isTextual() && DistanceUnit.parse(b.get("unit").asText()).isPresent();
  }

  private static boolean entry(JsonNode v, Set<String> participants) {
    return only(v, Set.of("party", "index")) && v.get("party").isTextual()
        && participants.contains(v.get("party").asText()) && v.get("index").isIntegralNumber()
        && v.get("index").canConvertToLong() && v.get("index").asLong() >= 0;
  }

  /** An object with exactly these keys, none of them null. */
  private static boolean only(JsonNode v, Set<String> keys) {
    if (!v.isObject() || v.size() != keys.size()) {
      return false;
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k) || v.get(k).isNull()) {
        return false;
      }
    }
    return true;
  }
}
