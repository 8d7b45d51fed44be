package dev.verity.node.api;

import dev.verity.core.agreement.Agreement;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.PeerErrors;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.federation.PeerPath.Status;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.metrics.NodeMetrics;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.NodeStore;
import dev.verity.node.submit.Submitter;
import dev.verity.node.verify.StorageProblem;
import dev.verity.node.verify.TreeView;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.tlog.storage.LogStorage;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node in the agreement of the API request being served ({@code ?agreement=ID}; the home
 * agreement without it, so that clients from before several agreements see what they saw).
 * The core routes, the dashboard's and every module's read the node through this one object,
 * which {@link #enter} points at the request's agreement for the request's thread (Javalin
 * serves a request's before-handlers and its handler on one thread) and {@link #leave} clears:
 * each route then speaks of one agreement without taking it as an argument.
 */
final class ScopedNode implements ServedNode {
  /** {@code ?agreement=all}: messages and obligations of every agreement. */
  static final String ALL = "all";

  private final ServedNode node;
  private final ThreadLocal<ServedNode> current = new ThreadLocal<>();

  ScopedNode(ServedNode node) {
    this.node = node;
  }

  /** Points this object at the request's agreement; 404 for one this node is not in. */
  void enter(Context ctx) {
    String a = ctx.queryParam("agreement");
    if (a == null || a.isEmpty() || a.equals(ALL)) {
      current.set(home());
      return;
    }
    current.set(node.in(a).orElseThrow(() -> new Http.ApiError(404, "agreement",
        "this node takes part in no agreement '" + a + "'; it is in " + node.agreements())));
  }

  /** What a route computes for one agreement. */
  interface Work<T> {
    T run() throws Exception;
  }

  /** Runs {@code w} in agreement {@code n}, then back in the request's agreement. */
  <T> T during(ServedNode n, Work<T> w) throws Exception {
    ServedNode was = current.get();
    current.set(n);
    try {
      return w.run();
    } finally {
      current.set(was);
    }
  }

  void leave() {
    current.remove();
  }

  /** Whether the request asks for every agreement ({@code ?agreement=all}). */
  static boolean all(Context ctx) {
    return ALL.equals(ctx.queryParam("agreement"));
  }

  /** The node in each of its agreements, the home one first. */
  List<ServedNode> each() {
    return node.agreements().stream().map(a -> node.in(a).orElseThrow()).toList();
  }

  private ServedNode home() {
    return node.in(node.agreements().get(0)).orElseThrow();
  }

  /** The node in the request's agreement (never this object: {@link #during} sets that). */
  ServedNode at() {
    ServedNode n = current.get();
    return n == null ? home() : n;
  }

  @Override
  public Optional<ServedNode> in(String agreement) {
    return node.in(agreement);
  }

  @Override
  public List<String> agreements() {
    return node.agreements();
  }

  @Override
  public NodeConfig config() {
    return at().config();
  }

  @Override
  public NodeIdentity identity() {
    return at().identity();
  }

  @Override
  public Agreement agreement() {
    return at().agreement();
  }

  @Override
  public NodeStore store() {
    return at().store();
  }

  @Override
  public Projections projections() {
    return at().projections();
  }

  @Override
  public String role() {
    return node.role();
  }

  @Override
  public Submitter submitter() {
    return at().submitter();
  }

  @Override
  public WitnessService witness() {
    return at().witness();
  }

  @Override
  public Map<String, Mirror> mirrors() {
    return at().mirrors();
  }

  @Override
  public PeerErrors peerErrors() {
    return at().peerErrors();
  }

  @Override
  public VerifiedLog verifiedLog() {
    return at().verifiedLog();
  }

  @Override
  public TreeView mirrorView(String party) {
    return at().mirrorView(party);
  }

  @Override
  public LogStorage logStorage() {
    return at().logStorage();
  }

  @Override
  public Clock clock() {
    return at().clock();
  }

  @Override
  public NodeMetrics metrics() {
    return at().metrics();
  }

  @Override
  public Path dir() {
    return at().dir();
  }

  @Override
  public Path nodeDir() {
    return at().nodeDir();
  }

  @Override
  public Map<String, Status> peerPaths() {
    return at().peerPaths();
  }

  @Override
  public void storageCorrupt(StorageProblem p) {
    at().storageCorrupt(p);
  }
}
