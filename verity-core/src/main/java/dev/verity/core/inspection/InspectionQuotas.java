package dev.verity.core.inspection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.InspectionQuota;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks inspections against the agreement's quotas (New START Protocol Part Five section II:
 * 10 Type One and 8 Type Two per treaty year, one at a time on a Party's territory, a facility at
 * most twice a year, none before 60 days after entry into force). All numbers come from the
 * agreement file.
 */
public final class InspectionQuotas {
  private final Agreement agreement;

  public InspectionQuotas(Agreement agreement) {
    this.agreement = agreement;
  }

  /** The first day of the treaty year containing {@code day}. */
  public LocalDate treatyYear(LocalDate day) {
    String md = agreement.inspections().treatyYearStarts();
    LocalDate s = LocalDate.parse(day.getYear() + "-" + md);
    return day.isBefore(s) ? s.minusYears(1) : s;
  }

  /** The treaty year from {@code start}, as {@code 2026-02-05..2027-02-04}. */
  public static String treatyYearLabel(LocalDate start) {
    return start + ".." + start.plusYears(1).minusDays(1);
  }

  /** How many inspections of {@code type} on {@code party}'s territory started in the treaty year from {@code year}. */
  public long used(List<Inspection> designated, String party, int type, LocalDate year) {
    return designated.stream()
        .filter(i -> i.inspectedParty().equals(party) && i.type() == type)
        .filter(i -> treatyYear(i.start().atOffset(ZoneOffset.UTC).toLocalDate()).equals(year))
        .count();
  }

  /**
   * Why one more inspection of {@code type} at {@code facility} on {@code party}'s territory,
   * designated at {@code at}, would break the agreement's quotas given the inspections already
   * designated; null when it is allowed. Used by {@link InspectionLedger} with the agreement
   * version in force at {@code at} (a quota the commission raised applies from its effective
   * date only).
   */
  public Refusal admit(List<Inspection> designated, String party, int type, String facility, Instant at) {
    InspectionQuota q = agreement.inspections();
    if (q == null) {
      return new Refusal.NotAllowed(agreement.id() + " provides for no inspections");
    }
    LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate first = agreement.entryIntoForce().plusDays(q.firstAllowedDaysAfterEntryIntoForce());
    if (day.isBefore(first) || !agreement.inForce(day)) {
      return new Refusal.NotAllowed("outside the period when inspections may take place under " + agreement.id()
          + " (from " + first + (agreement.endsOn() == null ? "" : " until " + agreement.endsOn()) + ")");
    }
    int quota = q.quota(type);
    LocalDate year = treatyYear(day);
    if (type != 1 && type != 2) {
      return new Refusal.Malformed("unknown inspection type " + type + " (1 or 2)");
    }
    if (used(designated, party, type, year) >= quota) {
      return new Refusal.QuotaExceeded("Type " + (type == 1 ? "One" : "Two") + " quota of " + quota
          + " used in treaty year " + treatyYearLabel(year));
    }
    long atFacility = designated.stream()
        .filter(i -> i.inspectedParty().equals(party) && i.facility().equals(facility))
        .filter(i -> treatyYear(i.start().atOffset(ZoneOffset.UTC).toLocalDate()).equals(year))
        .count();
    if (atFacility >= q.perFacilityPerYear()) {
      return new Refusal.FacilityLimit("facility " + facility + " already inspected " + atFacility
          + " times in treaty year " + treatyYearLabel(year) + " (at most " + q.perFacilityPerYear() + ")");
    }
    return null;
  }

  /** Every inspection that breaks a quota, in start order. */
  public List<QuotaViolation> check(List<Inspection> inspections) {
    List<QuotaViolation> out = new ArrayList<>();
    InspectionQuota q = agreement.inspections();
    List<Inspection> sorted = inspections.stream().sorted(Comparator.comparing(Inspection::start)).toList();
    if (q == null) {
      sorted.forEach(i -> out.add(new QuotaViolation(i.id(), agreement.id() + " provides for no inspections")));
      return out;
    }
    LocalDate first = agreement.entryIntoForce().plusDays(q.firstAllowedDaysAfterEntryIntoForce());
    Map<String, Integer> used = new HashMap<>();
    for (int k = 0; k < sorted.size(); k++) {
      Inspection i = sorted.get(k);
      LocalDate day = i.start().atOffset(ZoneOffset.UTC).toLocalDate();
      if (!i.end().isAfter(i.start())) {
        out.add(new QuotaViolation(i.id(), "dates out of order: end " + i.end() + " is not after start " + i.start()));
        continue;
      }
      if (day.isBefore(first) || !agreement.inForce(day)) {
        out.add(new QuotaViolation(i.id(), "outside the period when inspections may take place (from " + first + ")"));
        continue;
      }
      LocalDate year = treatyYear(day);
      int quota = i.type() == 1 ? q.typeOne() : i.type() == 2 ? q.typeTwo() : 0;
      if (quota == 0) {
        out.add(new QuotaViolation(i.id(), "unknown inspection type " + i.type()));
        continue;
      }
      String typeKey = i.inspectedParty() + "|" + year + "|type" + i.type();
      String facilityKey = i.inspectedParty() + "|" + year + "|" + i.facility();
      int concurrent = 0;
      for (int j = 0; j < k; j++) {
        Inspection o = sorted.get(j);
        if (o.inspectedParty().equals(i.inspectedParty()) && o.end().isAfter(i.start())) {
          concurrent++;
        }
      }
      if (concurrent >= q.concurrent()) {
        out.add(new QuotaViolation(i.id(), "more than " + q.concurrent() + " inspection(s) at a time on " + i.inspectedParty() + "'s territory"));
      } else if (used.getOrDefault(typeKey, 0) >= quota) {
        out.add(new QuotaViolation(i.id(), "Type " + (i.type() == 1 ? "One" : "Two") + " quota of " + quota + " used up in the treaty year from " + year));
      } else if (used.getOrDefault(facilityKey, 0) >= q.perFacilityPerYear()) {
        out.add(new QuotaViolation(i.id(), "facility " + i.facility() + " already inspected " + q.perFacilityPerYear() + " times in the treaty year from " + year));
      } else {
        used.merge(typeKey, 1, Integer::sum);
        used.merge(facilityKey, 1, Integer::sum);
      }
    }
    return out;
  }
}
