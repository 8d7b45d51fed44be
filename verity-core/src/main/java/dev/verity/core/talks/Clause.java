package dev.verity.core.talks;

/** One clause of a text: a stable id ("1", "2.a") and its wording. */
public record Clause(String id, String text) {}
