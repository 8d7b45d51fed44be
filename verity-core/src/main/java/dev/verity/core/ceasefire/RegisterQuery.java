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
    return builder().page(0, limit).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a query filter by filter; what is not set does not filter. */
  public static final class Builder {
    private String commitment;
    private LocalDate fromDay;
    private LocalDate toDay;
    private String region;
    private String category;
    private String filer;
    private Standing standing;
    private FindingStatus finding;
    private boolean withoutFinding;
    private int offset;
    private int limit = 50;

    private Builder() {}

    public Builder commitment(String id) {
      commitment = id;
      return this;
    }

    /** Report days of the events, both included. */
    public Builder days(LocalDate from, LocalDate to) {
      fromDay = from;
      toDay = to;
      return this;
    }

    public Builder where(String inRegion, String ofCategory, String byFiler) {
      region = inRegion;
      category = ofCategory;
      filer = byFiler;
      return this;
    }

    public Builder standing(Standing s) {
      standing = s;
      return this;
    }

    /** The monitor's latest finding; or, with {@code none}, claims without a finding yet. */
    public Builder finding(FindingStatus f, boolean none) {
      finding = f;
      withoutFinding = none;
      return this;
    }

    public Builder page(int from, int size) {
      offset = from;
      limit = size;
      return this;
    }

    public RegisterQuery build() {
      return new RegisterQuery(commitment, fromDay, toDay, region, category, filer, standing,
          finding, withoutFinding, offset, limit);
    }
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
