package dev.verity.core.ceasefire;

import java.time.Instant;

/**
 * One step of the register: who sent it, when it took effect (its entry's signed time) and what
 * it asks. Steps are folded in time order.
 */
public record Step(String participant, Instant at, Action action) {}
