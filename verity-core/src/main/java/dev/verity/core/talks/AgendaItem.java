package dev.verity.core.talks;

/** An agenda item of a round, on a track (null for the plenary). */
public record AgendaItem(String id, int round, String track, String title) implements Action {}
