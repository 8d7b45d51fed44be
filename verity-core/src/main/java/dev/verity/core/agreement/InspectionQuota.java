package dev.verity.core.agreement;

/** Inspection quotas per treaty year (New START Protocol Part Five). */
public record InspectionQuota(
    String treatyYearStarts,
    int typeOne,
    int typeTwo,
    int concurrent,
    int perFacilityPerYear,
    int firstAllowedDaysAfterEntryIntoForce,
    Integer noticeHours) {}
