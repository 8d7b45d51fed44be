package dev.verity.core.agreement;

/**
 * A Party (or another participant, by role) of an agreement.
 *
 * @param role what the participant does under the agreement: {@link #PARTY} (the default) is
 *     bound by its limits; {@link #MEDIATOR}, {@link #MONITOR}, {@link #OBSERVER}, {@link
 *     #NEUTRAL_INTERMEDIARY}, {@link #HOST} or any role the agreement's regimes know are not
 * @param csvPrefix prefix of this Party's columns in a published aggregates table (e.g. {@code
 *     us} for {@code us_warheads}); null when the Party has none
 */
public record Party(String id, String name, String role, String csvPrefix) {
  /** A side bound by the agreement. */
  public static final String PARTY = "party";
  /** Brokers the agreement (the United States in 2025-2026, the UAE in the exchanges). */
  public static final String MEDIATOR = "mediator";
  /** Observes and finds (an SMM-like mission). */
  public static final String MONITOR = "monitor";
  /** Reads; takes no step. */
  public static final String OBSERVER = "observer";
  /** Attests what only a neutral may (the ICRC: a prisoner's consent to return). */
  public static final String NEUTRAL_INTERMEDIARY = "neutral-intermediary";
  /** Hosts a round of talks: logistics, not a signatory (the UAE, Switzerland). */
  public static final String HOST = "host";

  /** A participant known by id and role only (a register or talks under test). */
  public static Party of(String id, String role) {
    return new Party(id, null, role, null);
  }

  /** Only Parties proper are bound by limits; observers and mediators are not. */
  public boolean bound() {
    return role == null || PARTY.equals(role);
  }

  /** Whether the participant has {@code role} ({@link #PARTY} when none is given). */
  public boolean is(String role) {
    return role.equals(this.role == null ? PARTY : this.role);
  }
}
