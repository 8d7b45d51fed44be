package dev.verity.core.ceasefire;

import dev.verity.core.schema.GeoPoint;

/**
 * One site on a Party's sealed list: its id, its protected-object category, where it is, and its
 * name. It is published only when opened for a claim.
 */
public record ProtectedSite(String id, String category, GeoPoint location, String name) {}
