package dev.verity.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A declared facility; {@code kind} is one of the agreement's facility kinds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Facility(String id, String name, String kind, Double lat, Double lon) {}
