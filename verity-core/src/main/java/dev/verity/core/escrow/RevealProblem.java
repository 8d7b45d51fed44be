package dev.verity.core.escrow;

/** A reveal that does not check, by unique identifier (or observed item), and why. */
public record RevealProblem(String item, String reason) {}
