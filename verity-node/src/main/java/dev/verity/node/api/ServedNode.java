package dev.verity.node.api;

import dev.verity.core.agreement.Agreement;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.federation.PeerPath.Status;
import dev.verity.node.metrics.NodeMetrics;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.PeerErrors;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.NodeStore;
import dev.verity.node.submit.Submitter;
import dev.verity.node.verify.StorageProblem;
import dev.verity.node.verify.TreeView;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.tlog.storage.LogStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the node's two servers read from a running node: the core routes (messages, log, peers,
 * receipts) and the peer port. Modules' routes get {@link dev.verity.node.module.NodeQueries}
 * instead. The node and each of its agreements implement it (the node as its home agreement);
 * the servers never see the node itself, so {@code api} does not depend on {@code runtime}
 * (which starts the servers).
 */
public interface ServedNode {
  /** The node as it takes part in agreement {@code agreement}; empty if it is not in it. */
  Optional<ServedNode> in(String agreement);

  /** The agreements the node takes part in, the home one first. */
  List<String> agreements();

  NodeConfig config();

  /** The node's directory (node.yaml, its keys, files beside them such as a duty roster). */
  Path dir();

  NodeIdentity identity();

  Agreement agreement();

  NodeStore store();

  Projections projections();

  /** Null on a standby process, which does not sequence ({@link #role}). */
  Submitter submitter();

  /** {@code active}, or {@code standby} for a process standing by for the one that sequences. */
  default String role() {
    return "active";
  }

  WitnessService witness();

  Map<String, Mirror> mirrors();

  /** Each peer's last error in this agreement (TLS, network, HTTP), as the API reports it. */
  PeerErrors peerErrors();

  /** The own log as it is served: every read checked against the signed checkpoint. */
  VerifiedLog verifiedLog();

  /** The mirror of {@code party} at the size it verified. */
  TreeView mirrorView(String party);

  LogStorage logStorage();

  Clock clock();

  /** The node's metrics, scraped at {@code /metrics}. */
  NodeMetrics metrics();

  /**
   * The node's own directory (node.yaml, its keys, the duty roster), which is {@link #dir} but for
   * an agreement other than the home one (its data then lives in {@code DIR/agreements/<id>/}).
   */
  default Path nodeDir() {
    return dir();
  }

  /** Each peer's way as of now (its URL or backup URL, up or down), by Party. */
  Map<String, Status> peerPaths();

  /** Stored data that failed its check: never served, alarmed locally, logged. */
  void storageCorrupt(StorageProblem p);
}
