package dev.verity.core.agreement;

import java.time.LocalDate;

/** A ceiling on an aggregate, in force from {@code appliesFrom} until the agreement ends. */
public record Limit(String name, String aggregate, long max, LocalDate appliesFrom, String source) {}
