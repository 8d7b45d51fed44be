package dev.verity.core.agreement;

/**
 * A Party (or another participant, by role) of an agreement.
 *
 * @param csvPrefix prefix of this Party's columns in a published aggregates table (e.g. {@code
 *     us} for {@code us_warheads}); null when the Party has none
 */
public record Party(String id, String name, String role, String csvPrefix) {
  /** Only Parties proper are bound by limits; observers and mediators are not. */
  public boolean bound() {
    return role == null || "party".equals(role);
  }
}
