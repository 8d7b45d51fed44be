package dev.verity.core.schema;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The unit of a circle's radius. The 1988 Ballistic Missile Launch Notification Agreement, Art.
 * II.3, lets the notifying Party give an impact area's radius in kilometres or nautical miles.
 */
public enum DistanceUnit {
  KM("km", 1000.0),
  NMI("nmi", 1852.0);

  private final String label;
  private final double metres;

  DistanceUnit(String label, double metres) {
    this.label = label;
    this.metres = metres;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** One unit, in metres (a nautical mile is 1852 m exactly). */
  public double metres() {
    return metres;
  }

  public static Optional<DistanceUnit> parse(String s) {
    for (DistanceUnit u : values()) {
      if (u.label.equals(s)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }
}
