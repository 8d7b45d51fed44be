package dev.verity.core.ceasefire;

import dev.verity.core.schema.GeoShape;

/**
 * Where an observation was made, as the OSCE SMM wrote it: "Svitlodarsk (government-controlled,
 * 57km north-east of Donetsk)" is region {@code donetsk}, a point, {@code controlledBy} the Party
 * or actor that controls the area, and the reference in words.
 *
 * @param region a region id of the register's {@link Vocabulary}
 * @param place the observer's (or the event's) place: a point, a polygon or a circle
 * @param controlledBy a participant or other actor id; null when not stated
 * @param reference the place in words, e.g. "57 km north-east of Donetsk"; may be null
 */
public record Position(String region, GeoShape place, String controlledBy, String reference) {}
