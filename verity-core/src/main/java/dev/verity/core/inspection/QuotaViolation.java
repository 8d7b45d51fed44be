package dev.verity.core.inspection;

/** An inspection the agreement's quotas do not allow, and why. */
public record QuotaViolation(String inspection, String reason) {}
