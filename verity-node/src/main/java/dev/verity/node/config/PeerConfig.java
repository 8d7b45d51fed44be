package dev.verity.node.config;

import dev.verity.node.identity.PublicIdentity;
import java.util.List;

/**
 * A pinned peer: its base URL on the peer (mTLS) port, the identity imported from its file, and
 * the agreements this node shares with it (null in a node.yaml from before several agreements:
 * the agreement of its identity). The peer is pinned once; in each shared agreement it is seen
 * through {@link #forAgreement}.
 */
public record PeerConfig(String url, PublicIdentity identity, List<String> agreements) {
  public PeerConfig {
    agreements = agreements == null ? List.of(identity.agreement()) : List.copyOf(agreements);
  }

  /** A peer sharing the agreement of its identity only. */
  public PeerConfig(String url, PublicIdentity identity) {
    this(url, identity, null);
  }

  public String party() {
    return identity.party();
  }

  /** Whether this node shares agreement {@code a} with the peer. */
  public boolean shares(String a) {
    return agreements.contains(a);
  }

  /** The peer in agreement {@code a}: its log origin and log key there. */
  public PeerConfig forAgreement(String a) {
    return new PeerConfig(url, identity.forAgreement(a), List.of(a));
  }
}
