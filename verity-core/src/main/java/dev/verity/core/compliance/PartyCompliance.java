package dev.verity.core.compliance;

import java.time.LocalDate;
import java.util.List;

/** Every limit of an agreement for one Party on one day. */
public record PartyCompliance(LocalDate asOf, String party, List<LimitResult> limits) {

  /** True when some limit in force is exceeded. */
  public boolean violates() {
    return limits.stream().anyMatch(l -> l.status() == LimitStatus.EXCEEDS);
  }
}
