package dev.verity.core.ceasefire;

/**
 * A Party's sealed list of protected sites, as published in a commitment's terms: the RFC 9162
 * Merkle root (hex) over the salted site leaves, and how many sites it holds. Ukraine shared only
 * criteria, never coordinates [a38]; the list stays sealed and a site is opened only for a
 * specific claim ({@link SealedSites}).
 */
public record SealedSiteList(String root, long size) {}
