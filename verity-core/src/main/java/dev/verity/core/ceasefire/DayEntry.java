package dev.verity.core.ceasefire;

/**
 * A claim in the day index, with the fields fixed when it was filed, so that a page is filtered
 * without looking each claim up.
 */
record DayEntry(
    String id, String commitment, String region, String category, String filer,
    Standing standing) {
  static DayEntry of(ClaimRecord c) {
    Observation o = c.observation();
    return new DayEntry(c.id(), o.commitment(), o.position().region(), o.category(), c.filer(),
        c.standing());
  }
}
