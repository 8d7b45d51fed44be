package dev.verity.core.inspection;

import dev.verity.core.message.EntryRef;
import java.time.Instant;

/** A facility its Party exempted from inspection from {@code from} (inclusive) until {@code until} (exclusive). */
public record FacilityExemption(String party, String facility, Instant from, Instant until, String reason, EntryRef entry) {
  public boolean covers(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }
}
