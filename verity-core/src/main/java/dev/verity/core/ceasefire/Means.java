package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an observation was made: the OSCE SMM's "heard", "saw", "SMM camera recorded", its UAVs,
 * and the radar and satellites of Minsk Package of Measures §3.
 */
public enum Means {
  HEARD, SEEN, CAMERA, UAV, RADAR, SATELLITE;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
