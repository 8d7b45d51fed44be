package dev.verity.node.config;

import dev.verity.node.identity.PublicIdentity;

/** A pinned peer: its base URL on the peer (mTLS) port and the identity imported from its file. */
public record PeerConfig(String url, PublicIdentity identity) {
  public String party() {
    return identity.party();
  }
}
