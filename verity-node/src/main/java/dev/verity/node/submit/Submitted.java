package dev.verity.node.submit;

/**
 * An accepted submission: the entry's index in the node's log and its RFC 9162 leaf hash (hex);
 * {@code entries} how many entries it took (a declaration spans several, from {@code index} on);
 * {@code duplicate} when the client id had already been accepted (the original is returned).
 */
public record Submitted(long index, String leafHash, String clientId, boolean duplicate, int entries) {}
