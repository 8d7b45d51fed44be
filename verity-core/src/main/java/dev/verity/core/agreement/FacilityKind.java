package dev.verity.core.agreement;

/** A kind of facility named by the agreement (ICBM base, repair facility, ...). */
public record FacilityKind(String id, String name) {}
