package dev.verity.core.talks;

import java.time.Instant;

/** One step of the talks: who, when (its entry's signed time), what. Folded in time order. */
public record Step(String participant, Instant at, Action action) {}
