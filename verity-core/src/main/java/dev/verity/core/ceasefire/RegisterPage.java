package dev.verity.core.ceasefire;

import java.util.List;

/**
 * One page of the register: the claims (newest event day first, newest filing first within a
 * day), how many matched in all, and the query's offset and limit.
 */
public record RegisterPage(List<ClaimRecord> claims, int matched, int offset, int limit) {
  public RegisterPage {
    claims = List.copyOf(claims);
  }
}
