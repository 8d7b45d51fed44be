package dev.verity.core.talks;

import java.time.LocalDate;

/**
 * A round of talks: its number, where, who hosts it, its first and last day (local dates), and
 * whether it is closed to the press ("maximally closed format" [b16b]; "behind closed doors"
 * [b29]). The mediator or a host announces it ({@code talks-round}).
 */
public record Round(
    int number, String venue, String host, LocalDate firstDay, LocalDate lastDay,
    boolean closed) implements Action {}
