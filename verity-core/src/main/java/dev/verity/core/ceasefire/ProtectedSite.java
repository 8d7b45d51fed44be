package dev.verity.core.ceasefire;

/**
 * One site on a Party's sealed list: its id, its protected-object category, where it is, and its
 * name. It is published only when opened for a claim.
 */
public record ProtectedSite(String id, String category, Place.Point location, String name) {}
