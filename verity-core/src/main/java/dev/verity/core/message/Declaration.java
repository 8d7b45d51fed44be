package dev.verity.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A Party's data exchange (database): its facilities and every accountable item as of a date
 * (at 00:00 UTC on that day). {@code receivedAt} is the date of provision (the date of receipt),
 * when known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Declaration(
    String agreement,
    String party,
    LocalDate asOf,
    Instant receivedAt,
    List<Facility> facilities,
    List<Item> items) {

  public List<Facility> facilities() {
    return facilities == null ? List.of() : facilities;
  }

  public List<Item> items() {
    return items == null ? List.of() : items;
  }
}
