package dev.verity.node.runtime;

import dev.verity.core.agreement.Agreement;
import dev.verity.node.api.ApiServer;
import dev.verity.node.api.PeerServer;
import dev.verity.node.api.ServedNode;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.clock.ExerciseClock;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.federation.AlarmBook;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.PeerErrors;
import dev.verity.node.federation.PeerPath.Status;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.metrics.NodeMetrics;
import dev.verity.node.projection.Projections;
import dev.verity.node.runtime.Participation.Repinned;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.StoreException;
import dev.verity.node.submit.Submitter;
import dev.verity.node.verify.StorageProblem;
import dev.verity.node.verify.TreeView;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: one Party's identity (its keys, {@code DIR/keys/}) taking part in several
 * agreements, a {@link Participation} each (its own log, store, witness, mirrors and publishers),
 * behind one peer port (mutual TLS; every path under the agreement, {@code /<agreement>/log/...})
 * and one operator API ({@code ?agreement=}). The home agreement, the first in node.yaml, keeps
 * its data in {@code DIR} (where a node from before several agreements kept it: nothing moves
 * when such a node starts); each other agreement in {@code DIR/agreements/<id>/}. As a {@link
 * ServedNode} the node is its home agreement, so that one-agreement callers see what they saw.
 */
public final class Node implements ServedNode, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Path dir;
  /** node.yaml as the node runs it: its peers follow the file ({@link #repin}), the rest not. */
  private volatile NodeConfig config;
  private final NodeIdentity identity;

  /** Real time, or the exercise clock of an exercise node; everything the node dates comes from it. */
  private final Clock clock;

  /** Agreement id → this node's part in it, the home agreement first. */
  private final Map<String, Participation> parts = new LinkedHashMap<>();

  /** One registry for the process: every agreement's meters carry its id as a tag. */
  private final NodeMetrics metrics = NodeMetrics.create();

  private ApiServer api;
  private PeerServer peerServer;
  private NodeYamlWatcher watcher;
  private Role role = Role.ACTIVE;

  private Node(Path dir, Clock given) throws Exception {
    this.dir = dir;
    this.config = NodeMigration.migrate(dir);
    this.clock =
        given != null
            ? given
            : config.exercise()
                ? ExerciseClock.open(dir, config.exerciseStart())
                : Clock.systemUTC();
    if (config.exercise()) {
      LOG.info(
          "exercise node: the clock is at {} and moves only when an operator advances it; its peers"
              + " must be exercise nodes too",
          this.clock.instant());
    }
    ownerOnly(dir);
    this.identity = NodeIdentity.load(dir, config.agreement(), config.party());
    for (String a : config.agreements()) {
      Participation p =
          openOrClose(
              () -> new Participation(dir, dataDir(dir, config, a), config.forAgreement(a),
                  identity.forAgreement(a), clock, metrics),
              parts.values().stream().map(Node::storage).toArray(AutoCloseable[]::new));
      parts.put(a, p);
    }
  }

  /** Where the data of agreement {@code a} lives: the home one in {@code dir}, others beneath. */
  public static Path dataDir(Path dir, NodeConfig config, String a) {
    return a.equals(config.agreement()) ? dir : dir.resolve("agreements").resolve(a);
  }

  private static AutoCloseable storage(Participation p) {
    return p::closeStorage;
  }

  /** What opens a resource; on failure, {@link #openOrClose} closes what was opened before. */
  interface Opening<T> {
    T open() throws Exception;
  }

  /**
   * Opens a resource, or closes {@code before} (in reverse order) and rethrows: a constructor
   * that fails half-way keeps nothing open (the node.db can be opened again at once).
   */
  static <T> T openOrClose(Opening<T> o, AutoCloseable... before) throws Exception {
    try {
      return o.open();
    } catch (Exception | Error e) {
      for (int i = before.length - 1; i >= 0; i--) {
        try {
          before[i].close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Opens the node in {@code dir} and starts its servers and publishers. */
  public static Node start(Path dir) throws NodeException {
    return start(dir, null);
  }

  /** As {@link #start(Path)}, on {@code clock} (null: real time, or the exercise clock of an exercise node). */
  public static Node start(Path dir, Clock clock) throws NodeException {
    return start(dir, clock, false);
  }

  /**
   * As {@link #start(Path, Clock)}; with {@code standby}, a node whose log another process of the
   * same Party writes (PostgreSQL storage) starts as its standby ({@link #role()}): it serves the
   * operator API's reads, neither sequences nor witnesses, and opens no peer port.
   */
  public static Node start(Path dir, Clock clock, boolean standby) throws NodeException {
    Node n;
    try {
      n = new Node(dir, clock);
    } catch (Exception e) {
      throw new NodeException(dir + ": cannot start the node: " + e.getMessage(), e);
    }
    try {
      n.role = n.claimWriters(standby);
      for (Participation p : n.parts.values()) {
        if (n.role == Role.ACTIVE) {
          p.open();
        } else {
          p.openStandby();
        }
      }
    } catch (NodeException e) {
      n.close();
      throw e;
    } catch (Exception e) {
      n.close();
      throw new NodeException(dir + ": cannot start the node: " + e.getMessage(), e);
    }
    try {
      if (n.role == Role.ACTIVE) {
        n.peerServer = PeerServer.start(n);
      }
      n.api = ApiServer.start(n);
      if (n.role == Role.ACTIVE) {
        n.parts.values().forEach(Participation::start);
        n.watcher = NodeYamlWatcher.start(dir, n::repin);
        n.repinIfChanged(); // a peer's key announced while the logs were folded (PeerKeys)
      }
      n.writePorts();
      return n;
    } catch (Exception e) {
      n.close();
      throw new NodeException(dir + ": cannot start the servers: " + e.getMessage(), e);
    }
  }

  /** Re-pins if node.yaml's peers differ from those the node runs with. */
  private void repinIfChanged() throws ConfigException {
    if (!NodeConfig.read(dir).peers().equals(config.peers())) {
      repin();
    }
  }

  /**
   * Takes node.yaml's peers as they are now, in every agreement, without a restart (issue 17):
   * a peer unpinned is refused at the peer port from here on and its publisher stops; a new one
   * is started. Other changes to node.yaml wait for the next start (logged). Audited.
   */
  synchronized void repin() {
    NodeConfig now;
    try {
      now = NodeConfig.read(dir);
    } catch (ConfigException e) {
      LOG.warn("node.yaml changed but does not read: {}; the peers stay as they were",
          e.getMessage());
      return;
    }
    if (now.peers().equals(config.peers())) {
      LOG.info("node.yaml changed: only its peers take effect while the node runs; the rest at"
          + " the next start");
      return;
    }
    config = config.withPeers(now.peers()); // the peer port's pins and gate follow at once
    List<String> done = new ArrayList<>();
    for (Participation p : parts.values()) {
      try {
        Repinned r = p.repin(config);
        if (!r.started().isEmpty() || !r.stopped().isEmpty()) {
          done.add(p.agreement().id() + ": started " + r.started() + ", stopped " + r.stopped());
        }
      } catch (Exception e) {
        done.add(p.agreement().id() + ": failed: " + e.getMessage());
        LOG.error("re-pinning the peers of {} failed: {}", p.agreement().id(), e.toString());
      }
    }
    String detail = String.join("; ", done);
    LOG.info("peers taken from node.yaml: {}", detail);
    try {
      home().store().audit("node.yaml", "peers-reloaded", detail);
    } catch (StoreException e) {
      LOG.error("cannot audit the peers taken from node.yaml: {}", e.getMessage());
    }
  }

  /**
   * Takes the writer lock of every agreement's log, the home agreement's first: whoever holds
   * that one sequences for the node (decisions.md, "The standby").
   */
  private Role claimWriters(boolean standby) throws Exception {
    if (!home().claimWriter()) {
      if (!standby) {
        throw new NodeException(dir + ": another process of this node sequences its log (it holds"
            + " the writer lock in PostgreSQL): stop it, or run this one with --standby");
      }
      return Role.STANDBY;
    }
    for (Participation p : parts.values()) {
      if (p != home() && !p.claimWriter()) {
        throw new NodeException(dir + ": another process writes the log of " + p.agreement().id()
            + " (it holds its writer lock in PostgreSQL)");
      }
    }
    return Role.ACTIVE;
  }

  /** Whether this node sequences ({@code active}) or stands by for another process. */
  public enum Role {
    ACTIVE,
    STANDBY;

    /** As {@code /readyz} names it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public String role() {
    return role.label();
  }

  /**
   * Why this active node can no longer sequence (a log's writer lock lost with its database
   * session: another process may hold it now), if so; checked now.
   */
  public Optional<String> writerLost() {
    for (Participation p : parts.values()) {
      Optional<String> lost = p.writerLost();
      if (lost.isPresent()) {
        return Optional.of(p.agreement().id() + ": " + lost.get());
      }
    }
    return Optional.empty();
  }

  /**
   * On a standby: waits until the active process's writer lock is free (it stopped or lost its
   * database session), checking every {@code pollMillis}.
   */
  public void awaitWriterFree(long pollMillis) throws InterruptedException {
    while (true) {
      try {
        if (home().writerFree()) {
          return;
        }
      } catch (IOException e) {
        LOG.warn("standby: cannot check the writer lock: {}", e.getMessage());
      }
      Thread.sleep(pollMillis);
    }
  }

  /** The node's directory holds its keys and its state: its owner's only. */
  private static void ownerOnly(Path dir) throws IOException {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access rules apply
    }
  }

  private void writePorts() throws IOException {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Map<String, Object> ports = new LinkedHashMap<>();
    ports.put("api", api.port());
    if (peerServer != null) {
      ports.put("peer", peerServer.port());
    }
    ports.put("apiUrl", api.url());
    if (peerServer != null) {
      ports.put("peerUrl", peerServer.url());
    }
    ports.put("role", role.label());
    ports.put("pid", ProcessHandle.current().pid());
    Path tmp = run.resolve("ports.json.tmp");
    Files.write(tmp, CanonicalJson.mapper().writeValueAsBytes(ports));
    Files.move(
        tmp,
        run.resolve("ports.json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** This node's part in its home agreement (the first in node.yaml). */
  @Override
  public Map<String, Status> peerPaths() {
    return home().peerPaths();
  }

  public Participation home() {
    return parts.get(config.agreement());
  }

  /** This node's part in agreement {@code a}, if it is in it. */
  public Optional<Participation> participation(String a) {
    return Optional.ofNullable(parts.get(a));
  }

  /** Every agreement this node takes part in, the home one first. */
  public List<Participation> participations() {
    return List.copyOf(parts.values());
  }

  @Override
  public Optional<ServedNode> in(String a) {
    return Optional.ofNullable(parts.get(a));
  }

  @Override
  public List<String> agreements() {
    return List.copyOf(parts.keySet());
  }

  /** Checks all stored logs of every agreement now; each problem raises its alarm. */
  public List<StorageProblem> checkStorage() throws Exception {
    List<StorageProblem> found = new ArrayList<>();
    for (Participation p : parts.values()) {
      found.addAll(p.checkStorage());
    }
    return found;
  }

  /** Calls {@code l} at each receipt of the home agreement (for benchmarks). */
  public void onReceipt(ObjLongConsumer<String> l) {
    home().onReceipt(l);
  }

  @Override
  public void storageCorrupt(StorageProblem p) {
    home().storageCorrupt(p);
  }

  @Override
  public TreeView mirrorView(String party) {
    return home().mirrorView(party);
  }

  @Override
  public Path dir() {
    return dir;
  }

  /** The whole configuration: every agreement and peer (each part sees its own). */
  @Override
  public NodeConfig config() {
    return config;
  }

  @Override
  public NodeIdentity identity() {
    return identity;
  }

  @Override
  public Agreement agreement() {
    return home().agreement();
  }

  @Override
  public NodeStore store() {
    return home().store();
  }

  public AlarmBook alarms() {
    return home().alarms();
  }

  @Override
  public Projections projections() {
    return home().projections();
  }

  @Override
  public Submitter submitter() {
    return home().submitter();
  }

  @Override
  public WitnessService witness() {
    return home().witness();
  }

  @Override
  public Map<String, Mirror> mirrors() {
    return home().mirrors();
  }

  @Override
  public LogStorage logStorage() {
    return home().logStorage();
  }

  @Override
  public VerifiedLog verifiedLog() {
    return home().verifiedLog();
  }

  public CheckpointReader ownReader() {
    return home().ownReader();
  }

  @Override
  public PeerErrors peerErrors() {
    return home().peerErrors();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  public int apiPort() {
    return api.port();
  }

  /** The peer port; -1 on a standby, which opens none. */
  public int peerPort() {
    return peerServer == null ? -1 : peerServer.port();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(dir.resolve("run/ports.json"));
    } catch (IOException e) {
      // stale file: bundle import checks whether its pid is alive
    }
    if (watcher != null) {
      watcher.close();
    }
    if (api != null) {
      api.close();
    }
    parts.values().forEach(Participation::close);
    if (peerServer != null) {
      peerServer.close();
    }
    parts.values().forEach(Participation::closeStorage);
  }
}
