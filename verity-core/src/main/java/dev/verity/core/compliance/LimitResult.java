package dev.verity.core.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One limit evaluated: {@code value} is null when unknown; {@code margin} is {@code max - value}
 * (negative when over), null when the value is unknown.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LimitResult(String name, Long value, long max, Long margin, LimitStatus status) {}
