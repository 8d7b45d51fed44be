package dev.verity.node.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.node.identity.PublicIdentity;
import java.time.Duration;
import java.util.List;

/**
 * A pinned peer: its base URL on the peer (mTLS) port, the identity imported from its file, and
 * the agreements this node shares with it (null in a node.yaml from before several agreements:
 * the agreement of its identity). The peer is pinned once; in each shared agreement it is seen
 * through {@link #forAgreement}. {@code backupUrl}, if set, is a second way to the same peer
 * port (another network, another relay), used once {@code url} has been unreachable for {@code
 * switchAfterSeconds} (default {@value #DEFAULT_SWITCH_AFTER_SECONDS}; issue 14's backup path,
 * federation.PeerPath).
 */
public record PeerConfig(String url, PublicIdentity identity, List<String> agreements,
    @JsonInclude(JsonInclude.Include.NON_NULL) String backupUrl,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer switchAfterSeconds) {
  /** How long the peer port is unreachable before the node switches or says the line is down. */
  public static final int DEFAULT_SWITCH_AFTER_SECONDS = 60;

  public PeerConfig {
    agreements = agreements == null ? List.of(identity.agreement()) : List.copyOf(agreements);
    if (backupUrl != null && !backupUrl.startsWith("https://")) {
      throw new IllegalArgumentException("backupUrl: peers talk over mutual TLS: https://...,"
          + " not '" + backupUrl + "'");
    }
    if (switchAfterSeconds != null && switchAfterSeconds < 1) {
      throw new IllegalArgumentException("switchAfterSeconds: at least 1, not "
          + switchAfterSeconds);
    }
  }

  /** A peer with no backup URL. */
  public PeerConfig(String url, PublicIdentity identity, List<String> agreements) {
    this(url, identity, agreements, null, null);
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

  /** How long the peer port may be unreachable before the node switches or says so. */
  public Duration switchAfter() {
    return Duration.ofSeconds(switchAfterSeconds == null ? DEFAULT_SWITCH_AFTER_SECONDS
        : switchAfterSeconds);
  }

  /** The peer in agreement {@code a}: its log origin and log key there. */
  public PeerConfig forAgreement(String a) {
    return new PeerConfig(url, identity.forAgreement(a), List.of(a), backupUrl,
        switchAfterSeconds);
  }

  /** The same peer sharing {@code list}. */
  public PeerConfig withAgreements(List<String> list) {
    return new PeerConfig(url, identity, list, backupUrl, switchAfterSeconds);
  }

  /** The same peer with a second URL, tried after {@code seconds} (null: the default). */
  public PeerConfig withBackup(String backup, Integer seconds) {
    return new PeerConfig(url, identity, agreements, backup, seconds);
  }
}
