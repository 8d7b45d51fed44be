package dev.verity.core.escrow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a Party publishes instead of its database: the Merkle root (hex) over its salted item
 * records, ordered by unique identifier, the number of items, and the declared aggregates (which
 * can be checked against the limits without revealing any item).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EscrowCommitment(
    String format, String agreement, String party, LocalDate asOf, long size, String root, Map<String, Long> aggregates) {
  public static final String FORMAT = "verity-escrow/v1";
}
