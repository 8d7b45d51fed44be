package dev.verity.core.exchange;

/**
 * {@code persons} on a requested list that are on the other Party's held list of another
 * category.
 */
public record CrossMatch(ListId requested, ListId held, int persons) {}
