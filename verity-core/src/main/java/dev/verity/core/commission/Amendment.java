package dev.verity.core.commission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A data patch to an agreement definition: the value at {@code path} becomes {@code value}.
 *
 * <p>A path is a dot-separated list of keys of the agreement file (docs/formats/agreement.md);
 * an element of a list is chosen by {@code [n]} (from 0) or by {@code [key=value]}, e.g. {@code
 * inspections.typeOne}, {@code limits[name=warheads].max} or {@code
 * messages[id=inspection-restrictions].deadline.afterEventHours}.
 */
public record Amendment(String path, JsonNode value) {}
