package dev.verity.core.ceasefire;

import dev.verity.core.ceasefire.Answer.FindingStatus;
import java.time.LocalDate;

/**
 * A filter and a page of the register. Every filter may be null (none). Days are report days of
 * the events, both ends included; {@code finding} is the monitor's latest finding, and
 * {@code withoutFinding} keeps only claims the monitor has not yet answered with one.
 *
 * @param limit from 1 to {@link #MAX_LIMIT}
 */
public record RegisterQuery(
    String commitment, LocalDate fromDay, LocalDate toDay, String region, String category,
    String filer, Standing standing, FindingStatus finding, boolean withoutFinding,
    int offset, int limit) {
  public static final int MAX_LIMIT = 1_000;

  public RegisterQuery {
    if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("a page needs offset >= 0 and limit from 1 to "
          + MAX_LIMIT);
    }
  }

  /** Everything, the first {@code limit} claims. */
  public static RegisterQuery all(int limit) {
    return new RegisterQuery(null, null, null, null, null, null, null, null, false, 0, limit);
  }

  public RegisterQuery commitment(String id) {
    return new RegisterQuery(id, fromDay, toDay, region, category, filer, standing, finding,
        withoutFinding, offset, limit);
  }

  public RegisterQuery days(LocalDate from, LocalDate to) {
    return new RegisterQuery(commitment, from, to, region, category, filer, standing, finding,
        withoutFinding, offset, limit);
  }

  public RegisterQuery where(String inRegion, String ofCategory, String byFiler) {
    return new RegisterQuery(commitment, fromDay, toDay, inRegion, ofCategory, byFiler, standing,
        finding, withoutFinding, offset, limit);
  }

  public RegisterQuery standing(Standing s) {
    return new RegisterQuery(commitment, fromDay, toDay, region, category, filer, s, finding,
        withoutFinding, offset, limit);
  }

  public RegisterQuery finding(FindingStatus f, boolean none) {
    return new RegisterQuery(commitment, fromDay, toDay, region, category, filer, standing, f,
        none, offset, limit);
  }

  public RegisterQuery page(int from, int size) {
    return new RegisterQuery(commitment, fromDay, toDay, region, category, filer, standing,
        finding, withoutFinding, from, size);
  }

  /** The filters on what was fixed when the claim was filed. */
  boolean matches(DayEntry e) {
    return (commitment == null || commitment.equals(e.commitment()))
        && (region == null || region.equals(e.region()))
        && (category == null || category.equals(e.category()))
        && (filer == null || filer.equals(e.filer()))
        && (standing == null || standing == e.standing());
  }

  /** The filters on the monitor's latest finding. */
  boolean matchesFinding(ClaimRecord c) {
    return (finding == null || c.findingStatus().orElse(null) == finding)
        && (!withoutFinding || c.findingStatus().isEmpty());
  }
}
