package dev.verity.core.inspection;

import dev.verity.core.message.EntryRef;
import java.time.Instant;

/**
 * One step as an entry: who sent it, where it sits in the sender's log, and when it took effect
 * (the time of receipt, from the peer's cosignature).
 */
public record Step(String party, long logIndex, Instant at, InspectionMessage message) {
  public EntryRef entry() {
    return new EntryRef(party, logIndex);
  }
}
