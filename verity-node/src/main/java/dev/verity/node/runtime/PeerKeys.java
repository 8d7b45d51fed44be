package dev.verity.node.runtime;

import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.entry.KeyAnnouncement;
import dev.verity.tlog.cosignature.CosignatureException;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a peer's announced next witness key into node.yaml's entry of that peer (decision "Key
 * rotation announced in the log"): the new key becomes the peer's witness key and the one it
 * replaces stays accepted ({@code formerWitnessKeys}), so receipts cosigned before the switch
 * still verify. node.yaml is rewritten atomically (NodeConfig#write) and the running node
 * follows it like any change of its peers ({@link NodeYamlWatcher}). The caller has read the
 * announcement from a log verified against the peer's pinned log key; a party not pinned, or a
 * key not of the peer's witness's name, changes nothing.
 */
final class PeerKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PeerKeys.class);
  /** One rewrite of node.yaml at a time among the node's agreements. */
  private static final Object LOCK = new Object();

  private PeerKeys() {}

  /** What changed in node.yaml for {@code party}'s announcement {@code a}; empty if nothing. */
  static Optional<String> accept(Path nodeDir, String party, KeyAnnouncement a)
      throws ConfigException {
    synchronized (LOCK) {
      NodeConfig c = NodeConfig.read(nodeDir);
      Optional<PeerConfig> peer = c.peers().stream().filter(p -> p.party().equals(party))
          .findFirst();
      if (peer.isEmpty()) {
        return Optional.empty();
      }
      Optional<PeerConfig> next = a.key().equals(KeyAnnouncement.TLS) ? tls(peer.get(), a)
          : witness(peer.get(), a);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      List<PeerConfig> peers = new ArrayList<>(c.peers());
      peers.set(peers.indexOf(peer.get()), next.get());
      c.withPeers(peers).write(nodeDir);
      return Optional.of(a.key() + " key " + a.newKey() + " from " + a.effectiveAt()
          + " (the former one still accepted" + (a.key().equals(KeyAnnouncement.TLS)
          ? " until then)" : ")"));
    }
  }

  private static Optional<PeerConfig> witness(PeerConfig peer, KeyAnnouncement a) {
    if (peer.witnessKeys().contains(a.newKey())) {
      return Optional.empty();
    }
    Optional<String> wrong = wrongKey(peer, a.newKey());
    if (wrong.isPresent()) {
      LOG.warn("peer {} announced a witness key that is not taken: {}", peer.party(),
          wrong.get());
      return Optional.empty();
    }
    return Optional.of(peer.withWitnessKey(a.newKey()));
  }

  /** The new pin current, the old one accepted until the announced switch; once only. */
  private static Optional<PeerConfig> tls(PeerConfig peer, KeyAnnouncement a) {
    boolean known = peer.identity().tlsPin().equals(a.newKey())
        || peer.formerTlsPins().stream().anyMatch(f -> f.pin().equals(a.newKey()));
    return known ? Optional.empty() : Optional.of(peer.withTlsPin(a.newKey(), a.effectiveAt()));
  }

  /** Why {@code key} cannot be the peer's witness key: not a cosignature key, or another name. */
  static Optional<String> wrongKey(PeerConfig peer, String key) {
    try {
      String name = CosignatureV1.parseVerifier(key).name();
      String pinned = NoteKeys.splitVerifierKey(peer.identity().witnessKey()).name();
      return name.equals(pinned) ? Optional.empty()
          : Optional.of("named " + name + ", not " + pinned + " as pinned");
    } catch (CosignatureException | NoteException e) {
      return Optional.of("not a cosignature/v1 verifier key (" + e.getMessage() + ")");
    }
  }
}
