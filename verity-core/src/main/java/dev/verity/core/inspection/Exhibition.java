package dev.verity.core.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An exhibition of a new type: no inspection quota used. {@code heldAt} is null until held. */
public record Exhibition(
    String id, String exhibitingParty, String itemKind, String facility, LocalDate date,
    Instant invitedAt, Instant heldAt, List<String> uniqueIdentifiers) {}
