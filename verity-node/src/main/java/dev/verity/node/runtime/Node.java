package dev.verity.node.runtime;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.api.ApiServer;
import dev.verity.node.api.PeerServer;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.entry.EntryException;
import dev.verity.node.entry.Envelope;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.Publisher;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.node.projection.ProjectionAlarms;
import dev.verity.node.projection.Projections;
import dev.verity.node.projection.StoredEntries;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.node.submit.Submitter;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.witness.Witness;
import dev.verity.tlog.witness.WitnessState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running node: its log (tile files), its state store (SQLite), the projections over every
 * Party's entries, a witness and a mirror for each peer, a publisher pushing its checkpoints to
 * each peer, the peer port (mutual TLS) and the operator API. {@link #start} recovers whatever a
 * crash left: own entries durable in the log but missing from the store are re-indexed, and the
 * projections are rebuilt from the stored entries.
 */
public final class Node implements AutoCloseable {
  private final Path dir;
  private final NodeConfig config;
  private final NodeIdentity identity;
  private final Agreement agreement;
  private final NodeStore store;
  private final LogWriter log;
  private final LogStorage readStorage;
  private final CheckpointReader ownReader;
  private final Projections projections;
  private final Map<String, Mirror> mirrors = new LinkedHashMap<>();
  private final Map<String, PeerClient> clients = new LinkedHashMap<>();
  private final List<Publisher> publishers = new ArrayList<>();
  private final Submitter submitter;
  /** The declarations this node committed in escrow, with their salts (never served). */
  private final dev.verity.node.escrow.EscrowVault escrowVault;
  private final WitnessService witness;
  /** Real time, or the exercise clock of an exercise node; everything the node dates comes from it. */
  private final Clock clock;
  private final List<java.util.function.LongConsumer> receiptListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private dev.verity.node.federation.MirrorPoller poller;
  private ApiServer api;
  private PeerServer peerServer;

  private Node(Path dir, Clock given) throws Exception {
    this.dir = dir;
    this.config = NodeConfig.read(dir);
    this.clock = given != null ? given : config.exercise() ? ExerciseClock.open(dir, config.exerciseStart()) : Clock.systemUTC();
    if (config.exercise()) {
      System.err.println("verity: exercise node: the clock is at " + this.clock.instant()
          + " and moves only when an operator advances it; its peers must be exercise nodes too");
    }
    this.identity = NodeIdentity.load(dir, config.agreement(), config.party());
    this.agreement = AgreementCatalog.get(config.agreement());
    this.store = SqliteNodeStore.open(dir.resolve("node.db"));
    String origin = identity.publicIdentity().origin();
    CheckpointSigner signer = LogCheckpoints.signer(origin, identity.logSignerKey());
    this.ownReader = LogCheckpoints.reader(origin, identity.publicIdentity().logKey());
    this.log = LogWriter.builder(LogStorage.directory(dir.resolve("log"))).signer(signer).reader(ownReader).open();
    this.readStorage = LogStorage.directory(dir.resolve("log"));
    this.projections = new Projections(agreement);
    recoverOwn();
    Map<String, NoteVerifiers> logs = new HashMap<>();
    for (PeerConfig p : config.peers()) {
      clients.put(p.party(), new PeerClient(identity, p));
      logs.put(p.identity().origin(), NoteVerifiers.of(NoteKeys.parseVerifier(p.identity().logKey())));
    }
    rebuildProjections();
    Witness w = Witness.create(List.of(identity.cosigner(clock)), logs,
        dev.verity.node.federation.StoreWitnessState.open(store, dir.resolve("witness"), logs.keySet()), clock);
    this.witness = new WitnessService(config.party(), w, store, mirrors, clients, clock);
    for (PeerConfig p : config.peers()) {
      publishers.add(new Publisher(config.party(), clients.get(p.party()), readStorage, ownReader, store,
          CosignatureV1.parseVerifier(p.identity().witnessKey()), clock,
          size -> receiptListeners.forEach(l -> l.accept(size))));
    }
    this.escrowVault = dev.verity.node.escrow.EscrowVault.open(dir.resolve("escrow.db"));
    this.submitter = new Submitter(agreement, config.party(), log, projections, store,
        new dev.verity.node.escrow.EscrowSubmissions(agreement, config.party(), escrowVault), clock,
        size -> publishers.forEach(pub -> pub.wake(size)));
  }

  /** Opens the node in {@code dir} and starts its servers and publishers. */
  public static Node start(Path dir) throws NodeException {
    return start(dir, null);
  }

  /** As {@link #start(Path)}, on {@code clock} (null: real time, or the exercise clock of an exercise node). */
  public static Node start(Path dir, Clock clock) throws NodeException {
    Node n;
    try {
      n = new Node(dir, clock);
    } catch (NodeException e) {
      throw e;
    } catch (Exception e) {
      throw new NodeException(dir + ": cannot start the node: " + e.getMessage(), e);
    }
    try {
      n.peerServer = PeerServer.start(n);
      n.api = ApiServer.start(n);
      n.publishers.forEach(Publisher::start);
      n.poller = new dev.verity.node.federation.MirrorPoller(n.witness, n.config.peers());
      n.writePorts();
      return n;
    } catch (Exception e) {
      n.close();
      throw new NodeException(dir + ": cannot start the servers: " + e.getMessage(), e);
    }
  }

  /** Own entries durable in the log but not in the store (a crash in between) are indexed again. */
  private void recoverOwn() throws Exception {
    LogReader r = LogReader.open(readStorage, ownReader);
    long size = r.treeHead().size();
    long indexed = store.countMessages(config.party());
    if (indexed >= size) {
      return;
    }
    List<MessageRow> rows = new ArrayList<>();
    List<byte[]> entries = r.entries(indexed, size);
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i);
      String type = "unreadable";
      String clientId = null;
      try {
        Envelope env = Envelope.decode(e);
        type = env.type();
        clientId = env.clientId();
      } catch (EntryException ex) {
        // kept: it is in the log
      }
      rows.add(new MessageRow(config.party(), indexed + i, type, MerkleHash.leaf(e).hex(), e, clock.instant(), clientId));
    }
    store.putOwnMessages(rows, "recovery");
  }

  private void rebuildProjections() throws Exception {
    List<String> parties = new ArrayList<>();
    parties.add(config.party());
    config.peers().forEach(p -> parties.add(p.party()));
    for (String party : parties) {
      StoredEntries.fold(projections, store, party);
      if (!party.equals(config.party())) {
        mirrors.put(party, Mirror.load(party, store, projections, clock));
      }
    }
    // from here on, what arrives is new: corrections and data exchanges may raise alarms
    projections.watch(ProjectionAlarms.into(store, clock, config.party()));
  }

  private void writePorts() throws java.io.IOException {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Map<String, Object> ports = new LinkedHashMap<>();
    ports.put("api", api.port());
    ports.put("peer", peerServer.port());
    ports.put("apiUrl", api.url());
    ports.put("peerUrl", peerServer.url());
    ports.put("pid", ProcessHandle.current().pid());
    Path tmp = run.resolve("ports.json.tmp");
    Files.write(tmp, CanonicalJson.mapper().writeValueAsBytes(ports));
    Files.move(tmp, run.resolve("ports.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Calls {@code l} with the cosigned size each time a peer's receipt is stored (for benchmarks). */
  public void onReceipt(java.util.function.LongConsumer l) {
    receiptListeners.add(l);
  }

  public Path dir() {
    return dir;
  }

  public NodeConfig config() {
    return config;
  }

  public NodeIdentity identity() {
    return identity;
  }

  public Agreement agreement() {
    return agreement;
  }

  public NodeStore store() {
    return store;
  }

  public Projections projections() {
    return projections;
  }

  public Submitter submitter() {
    return submitter;
  }

  public WitnessService witness() {
    return witness;
  }

  public Map<String, Mirror> mirrors() {
    return mirrors;
  }

  public LogStorage logStorage() {
    return readStorage;
  }

  public CheckpointReader ownReader() {
    return ownReader;
  }

  public Clock clock() {
    return clock;
  }

  public int apiPort() {
    return api.port();
  }

  public int peerPort() {
    return peerServer.port();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(dir.resolve("run/ports.json"));
    } catch (java.io.IOException e) {
      // stale file: bundle import checks whether its pid is alive
    }
    if (poller != null) {
      poller.close();
    }
    if (api != null) {
      api.close();
    }
    publishers.forEach(Publisher::close);
    if (submitter != null) {
      submitter.close();
    }
    if (peerServer != null) {
      peerServer.close();
    }
    witness.close(); // after the peer port: no request can come in any more
    try {
      log.close();
    } catch (Exception e) {
      System.err.println("verity: closing the log: " + e.getMessage());
    }
    try {
      readStorage.close();
      store.close();
      if (escrowVault != null) {
        escrowVault.close();
      }
    } catch (Exception e) {
      System.err.println("verity: closing the store: " + e.getMessage());
    }
  }
}
