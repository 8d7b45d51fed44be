package dev.verity.core.talks;

import java.time.Instant;

/** An initial or a signature: who, when, on which wording (hash) and so which version. */
public record Mark(String party, Instant at, String hash, int version) {}
