package dev.verity.core.ceasefire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;
import org.pcollections.PVector;
import org.pcollections.TreePMap;
import org.pcollections.TreePVector;

/**
 * The joint ceasefire register: one state, computed alike on every node from every participant's
 * steps. The JCCC kept two logbooks that never reconciled (104 violations against 100 for one
 * day, domain file §A2); here each side's claim is its own entry, answers link to it, and nothing
 * is overwritten. A register is an immutable value: {@link CeasefireRegime#apply} returns a new
 * one that shares structure with this one (persistent maps), so every earlier state stays valid.
 *
 * <p>Indexes: claims by id; claims by the report day of their event, with the fields fixed at
 * filing (register pages and side by side read one day at a time and filter without lookups);
 * and per commitment, per report day, the counts of each filer
 * (a report reads the days of its period, cumulative figures one tally per day), so no report
 * scans the claims.
 */
public final class Register {
  private final RegisterRules rules;
  private final TreePMap<String, CommitmentRecord> commitments;
  private final HashPMap<String, ClaimRecord> claims;
  private final PVector<String> filed;
  private final TreePMap<LocalDate, PVector<DayEntry>> byDay;
  private final HashPMap<String, TreePMap<LocalDate, DayTally>> tallies;
  private final TreePMap<String, Restriction> restrictions;
  private final Instant last;

  private Register(RegisterRules rules, TreePMap<String, CommitmentRecord> commitments,
      HashPMap<String, ClaimRecord> claims, PVector<String> filed,
      TreePMap<LocalDate, PVector<DayEntry>> byDay,
      HashPMap<String, TreePMap<LocalDate, DayTally>> tallies,
      TreePMap<String, Restriction> restrictions, Instant last) {
    this.rules = rules;
    this.commitments = commitments;
    this.claims = claims;
    this.filed = filed;
    this.byDay = byDay;
    this.tallies = tallies;
    this.restrictions = restrictions;
    this.last = last;
  }

  static Register empty(RegisterRules rules) {
    return new Register(rules, TreePMap.empty(), HashTreePMap.empty(), TreePVector.empty(),
        TreePMap.empty(), HashTreePMap.empty(), TreePMap.empty(), null);
  }

  public RegisterRules rules() {
    return rules;
  }

  /** The time of the last step accepted; null for an empty register. */
  public Instant lastStepAt() {
    return last;
  }

  public Optional<CommitmentRecord> commitment(String id) {
    return Optional.ofNullable(id == null ? null : commitments.get(id));
  }

  /** Every commitment, by id. */
  public List<CommitmentRecord> commitments() {
    return List.copyOf(commitments.values());
  }

  public Optional<ClaimRecord> claim(String id) {
    return Optional.ofNullable(id == null ? null : claims.get(id));
  }

  /** Every observation and claim, in the order filed. */
  public List<ClaimRecord> claims() {
    return filed.stream().map(claims::get).toList();
  }

  public int claimCount() {
    return filed.size();
  }

  /** The monitor's freedom-of-movement restrictions, by id. */
  public List<Restriction> restrictions() {
    return List.copyOf(restrictions.values());
  }

  public Optional<Restriction> restriction(String id) {
    return Optional.ofNullable(id == null ? null : restrictions.get(id));
  }

  /**
   * The daily report under {@code commitment} for report date {@code date} (a skipped day gives
   * the report that covers it); empty when the commitment is not in force in that period.
   */
  public Optional<DailyReport> dailyReport(String commitment, LocalDate date) {
    return DailyReports.of(this, commitment, date);
  }

  /**
   * As {@link #dailyReport}, with the previous-period rule checked against the report before it:
   * what a node's API answers for the date.
   */
  public Optional<CheckedReport> checkedReport(String commitment, LocalDate date) {
    return CheckedReport.of(this, commitment, date);
  }

  /** One page of the register, newest event day first. */
  public RegisterPage page(RegisterQuery q) {
    return RegisterPages.of(this, q);
  }

  /** Both sides' claims under {@code commitment} for one day, in one region or (null) in all. */
  public SideBySide sideBySide(String commitment, LocalDate day, String region) {
    return SideBySide.of(this, commitment, day, region);
  }

  TreePMap<LocalDate, DayTally> tallies(String commitment) {
    return tallies.getOrDefault(commitment, TreePMap.empty());
  }

  TreePMap<LocalDate, PVector<DayEntry>> byDay() {
    return byDay;
  }

  ClaimRecord claimOrNull(String id) {
    return claims.get(id);
  }

  Register at(Instant t) {
    return new Register(rules, commitments, claims, filed, byDay, tallies, restrictions, t);
  }

  Register with(CommitmentRecord c) {
    return new Register(rules, commitments.plus(c.terms().id(), c), claims, filed, byDay, tallies,
        restrictions, last);
  }

  Register with(Restriction r) {
    return new Register(rules, commitments, claims, filed, byDay, tallies,
        restrictions.plus(r.id(), r), last);
  }

  /** The register with {@code c} replacing the claim of the same id (answers, openings). */
  Register replacing(ClaimRecord c) {
    return new Register(rules, commitments, claims.plus(c.id(), c), filed, byDay, tallies,
        restrictions, last);
  }

  /** The register with a newly filed claim, indexed by day and, when counted, tallied. */
  Register filing(ClaimRecord c, LocalDate tallyDay) {
    PVector<DayEntry> ids = byDay.getOrDefault(c.day(), TreePVector.empty());
    HashPMap<String, TreePMap<LocalDate, DayTally>> t = tallies;
    if (c.standing() == Standing.COUNTED) {
      String k = c.observation().commitment();
      TreePMap<LocalDate, DayTally> days = tallies(k);
      DayTally d = days.getOrDefault(tallyDay, DayTally.EMPTY).plus(c.filer(), c.observation(),
          c.late());
      t = tallies.plus(k, days.plus(tallyDay, d));
    }
    return new Register(rules, commitments, claims.plus(c.id(), c), filed.plus(c.id()),
        byDay.plus(c.day(), ids.plus(DayEntry.of(c))), t, restrictions, last);
  }
}
