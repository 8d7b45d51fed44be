package dev.verity.core.talks;

/**
 * A track or working group of a round: security and military, political, humanitarian,
 * economic, as in the TCG's four working groups [b1][b3] and the 2026 "military and political
 * tracks" [b28].
 */
public record Track(String id, String name) {}
