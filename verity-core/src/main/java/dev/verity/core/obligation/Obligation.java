package dev.verity.core.obligation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Something a Party owes, by when, and when it was met.
 *
 * @param what e.g. "data exchange as of 2011-09-01" or "notification #12 (item-moved)"
 * @param notification the notification number, when about one
 * @param metAt the time of receipt (the date of provision); null if missing or unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Obligation(
    String party, String what, Long notification, String item, Instant due, Instant metAt, ObligationStatus status) {}
