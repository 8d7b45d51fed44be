package dev.verity.core.agreement;

import java.util.List;

/**
 * Inspection quotas and rules per treaty year (New START Protocol Part Five).
 *
 * @param typeOneFacilityKinds the facility kinds where a Type One inspection may be designated;
 *     Type Two inspections go to every other kind (default: ICBM, submarine and air bases)
 */
public record InspectionQuota(
    String treatyYearStarts,
    int typeOne,
    int typeTwo,
    int concurrent,
    int perFacilityPerYear,
    int firstAllowedDaysAfterEntryIntoForce,
    Integer noticeHours,
    List<String> typeOneFacilityKinds) {

  public static final List<String> DEFAULT_TYPE_ONE_KINDS = List.of("icbm-base", "submarine-base", "air-base");

  public List<String> typeOneFacilityKinds() {
    return typeOneFacilityKinds == null ? DEFAULT_TYPE_ONE_KINDS : typeOneFacilityKinds;
  }

  /** The quota of inspections of {@code type} (1 or 2) per treaty year; 0 for another type. */
  public int quota(int type) {
    return type == 1 ? typeOne : type == 2 ? typeTwo : 0;
  }
}
