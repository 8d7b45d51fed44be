package dev.verity.node.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.node.identity.PublicIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pinned peer: its base URL on the peer (mTLS) port, the identity imported from its file, and
 * the agreements this node shares with it (null in a node.yaml from before several agreements:
 * the agreement of its identity). The peer is pinned once; in each shared agreement it is seen
 * through {@link #forAgreement}. {@code backupUrl}, if set, is a second way to the same peer
 * port (another network, another relay), used once {@code url} has been unreachable for {@code
 * switchAfterSeconds} (default {@value #DEFAULT_SWITCH_AFTER_SECONDS}; issue 14's backup path,
 * federation.PeerPath). {@code formerWitnessKeys} are the witness keys the peer announced it
 * rotated away from, in its own log (entry.KeyAnnouncement): still accepted for its receipts;
 * {@code formerTlsPins} its TLS pins it announced it rotates away from, each accepted until the
 * instant it announced for the switch.
 */
public record PeerConfig(String url, PublicIdentity identity, List<String> agreements,
    @JsonInclude(JsonInclude.Include.NON_NULL) String backupUrl,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer switchAfterSeconds,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> formerWitnessKeys,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FormerPin> formerTlsPins) {
  /** How long the peer port is unreachable before the node switches or says the line is down. */
  public static final int DEFAULT_SWITCH_AFTER_SECONDS = 60;

  public PeerConfig {
    agreements = agreements == null ? List.of(identity.agreement()) : List.copyOf(agreements);
    formerWitnessKeys = formerWitnessKeys == null ? List.of() : List.copyOf(formerWitnessKeys);
    formerTlsPins = formerTlsPins == null ? List.of() : List.copyOf(formerTlsPins);
    if (backupUrl != null && !backupUrl.startsWith("https://")) {
      throw new IllegalArgumentException("backupUrl: peers talk over mutual TLS: https://...,"
          + " not '" + backupUrl + "'");
    }
    if (switchAfterSeconds != null && switchAfterSeconds < 1) {
      throw new IllegalArgumentException("switchAfterSeconds: at least 1, not "
          + switchAfterSeconds);
    }
  }

  /** A peer whose witness key never changed. */
  public PeerConfig(String url, PublicIdentity identity, List<String> agreements,
      String backupUrl, Integer switchAfterSeconds) {
    this(url, identity, agreements, backupUrl, switchAfterSeconds, null, null);
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
        switchAfterSeconds, formerWitnessKeys, formerTlsPins);
  }

  /** The same peer sharing {@code list}. */
  public PeerConfig withAgreements(List<String> list) {
    return new PeerConfig(url, identity, list, backupUrl, switchAfterSeconds, formerWitnessKeys,
        formerTlsPins);
  }

  /** The same peer with a second URL, tried after {@code seconds} (null: the default). */
  public PeerConfig withBackup(String backup, Integer seconds) {
    return new PeerConfig(url, identity, agreements, backup, seconds, formerWitnessKeys,
        formerTlsPins);
  }

  /**
   * Every witness key whose cosignatures are this peer's receipts: its current one first, then
   * those it announced it rotated away from ({@link #withWitnessKey}), so that what it cosigned
   * before stays checkable.
   */
  public List<String> witnessKeys() {
    List<String> all = new ArrayList<>(List.of(identity.witnessKey()));
    all.addAll(formerWitnessKeys);
    return List.copyOf(all);
  }

  /** The same peer with the witness key {@code next}, the current one kept as former. */
  public PeerConfig withWitnessKey(String next) {
    List<String> former = new ArrayList<>(formerWitnessKeys);
    former.add(identity.witnessKey());
    return new PeerConfig(url, identity.withWitnessKey(next), agreements, backupUrl,
        switchAfterSeconds, former, formerTlsPins);
  }

  /** A TLS pin the peer announced it rotates away from, accepted until {@code until}. */
  public record FormerPin(String pin, Instant until) {}

  /** The TLS pins this peer is accepted by now: its current one, and former ones not yet over. */
  public Set<String> tlsPins() {
    Instant now = Instant.now();
    Set<String> all = new HashSet<>(Set.of(identity.tlsPin()));
    formerTlsPins.stream().filter(f -> now.isBefore(f.until())).forEach(f -> all.add(f.pin()));
    return Set.copyOf(all);
  }

  /**
   * The same peer with the TLS pin {@code next}, the current one still accepted until {@code
   * until} (the instant the peer announced it switches at); former pins over are dropped.
   */
  public PeerConfig withTlsPin(String next, Instant until) {
    Instant now = Instant.now();
    List<FormerPin> former = new ArrayList<>(formerTlsPins.stream()
        .filter(f -> now.isBefore(f.until())).toList());
    former.add(new FormerPin(identity.tlsPin(), until));
    return new PeerConfig(url, identity.withTlsPin(next), agreements, backupUrl,
        switchAfterSeconds, formerWitnessKeys, former);
  }
}
