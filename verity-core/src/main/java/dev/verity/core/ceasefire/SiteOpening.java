package dev.verity.core.ceasefire;

import java.util.List;

/**
 * One site opened from a sealed list: the site, its 32-byte salt (hex), its index among the
 * sealed leaves and the inclusion proof (hex hashes, lowest sibling first) to the list's root.
 */
public record SiteOpening(ProtectedSite site, String salt, long index, List<String> proof) {
  public SiteOpening {
    proof = proof == null ? List.of() : List.copyOf(proof);
  }
}
