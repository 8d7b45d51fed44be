package dev.verity.core.ceasefire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The register as the API and the offline evaluator show it: each commitment with its status
 * as of the last step, every claim and observation with its standing and answers, the monitor's
 * restrictions, and the daily report of every report date in which something was counted, each
 * computed as {@link Register#dailyReport} computes it (so the evaluator's report is the node's).
 *
 * @param lastStep the time of the last step accepted; statuses are as of it
 */
public record RegisterView(
    Instant lastStep, List<CommitmentView> commitments, List<ClaimRecord> claims,
    List<Restriction> restrictions, List<DailyReport> dailyReports) {

  /** A commitment, its status as of the last step and who has not countersigned yet. */
  public record CommitmentView(
      CommitmentRecord.Status status, List<String> awaiting, CommitmentRecord commitment) {}

  static RegisterView of(Register r) {
    List<CommitmentView> cs = new ArrayList<>();
    List<DailyReport> reports = new ArrayList<>();
    for (CommitmentRecord c : r.commitments()) {
      cs.add(new CommitmentView(r.lastStepAt() == null ? null : c.status(r.lastStepAt()),
          c.awaiting(r.rules().participants()), c));
      String id = c.terms().id();
      TreeSet<LocalDate> dates = new TreeSet<>();
      r.tallies(id).keySet().forEach(d -> dates.add(r.rules().schedule().reportDate(d)));
      dates.forEach(d -> r.dailyReport(id, d).ifPresent(reports::add));
    }
    return new RegisterView(r.lastStepAt(), cs, r.claims(), r.restrictions(), reports);
  }
}
