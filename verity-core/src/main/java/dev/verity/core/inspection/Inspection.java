package dev.verity.core.inspection;

import java.time.Instant;

/**
 * One inspection on a Party's territory.
 *
 * @param type 1 (Type One: bases with deployed items) or 2 (Type Two: non-deployed sites,
 *     conversion or elimination, formerly declared facilities)
 */
public record Inspection(String id, String inspectedParty, int type, String facility, Instant start, Instant end) {}
