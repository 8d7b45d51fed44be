package dev.verity.core.ceasefire;

import java.time.Instant;

/** An answer as the register keeps it: who gave it, when, and the answer. */
public record AnswerRecord(String from, Instant at, Answer answer) {}
