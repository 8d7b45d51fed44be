package dev.verity.core.exchange;

/**
 * What the check total(n) = total(n−1) + count(n) finds between two announced mediations.
 */
public sealed interface TallyFinding {
  int number();

  /** In plain words. */
  String words();

  /**
   * Consecutive mediations whose totals do not add up. When the next step breaks by the opposite
   * amount, the published total of this mediation is the likely error ({@code suspect}).
   */
  record Break(int number, long previous, int exchanged, long expected, long published,
      boolean suspect, String words) implements TallyFinding {}

  /**
   * Mediations missing from the numbering: the totals imply {@code implied} persons exchanged in
   * them (negative: the totals cannot be reconciled).
   */
  record Gap(int number, int after, long implied, String words) implements TallyFinding {}
}
