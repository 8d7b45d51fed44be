package dev.verity.node.runtime;

import dev.verity.core.agreement.Agreement;
import dev.verity.node.api.ApiServer;
import dev.verity.node.api.PeerServer;
import dev.verity.node.api.ServedNode;
import dev.verity.node.clock.ExerciseClock;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.submit.EscrowSubmissions;
import dev.verity.node.vault.EscrowVault;
import dev.verity.node.federation.AlarmBook;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.MirrorPoller;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.Publisher;
import dev.verity.node.federation.StoreWitnessState;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.ProjectionAlarms;
import dev.verity.node.projection.StoredEntries;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.submit.Submitter;
import dev.verity.node.verify.StorageCheck;
import dev.verity.node.verify.StorageProblem;
import dev.verity.node.verify.TreeView;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.witness.Witness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: its log (tile files), its state store (SQLite), the projections over every
 * Party's entries, a witness and a mirror for each peer, a publisher pushing its checkpoints to
 * each peer, the peer port (mutual TLS) and the operator API. {@link #start} checks the stored logs
 * against their signed trees while it rebuilds the projections from them, streaming ({@link
 * StorageCheck}): a node whose storage does not verify does not start, and says which file and
 * entry are wrong and how to recover. It recovers whatever a crash left: own entries durable in the
 * log but missing from the store are indexed again.
 */
public final class Node implements ServedNode, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Path dir;
  private final NodeConfig config;
  private final NodeIdentity identity;
  private final Agreement agreement;
  private final NodeStore store;
  private final AlarmBook alarms;
  private final LogStorage readStorage;
  private final CheckpointReader ownReader;
  private final VerifiedLog verifiedLog;
  private final Projections projections;
  private final Map<String, Mirror> mirrors = new LinkedHashMap<>();
  private final Map<String, PeerClient> clients = new LinkedHashMap<>();
  private final List<Publisher> publishers = new ArrayList<>();
  private LogWriter log;
  private Submitter submitter;

  /** The declarations this node committed in escrow, with their salts (never served). */
  private EscrowVault escrowVault;

  private WitnessService witness;

  /** Real time, or the exercise clock of an exercise node; everything the node dates comes from it. */
  private final Clock clock;

  private final List<ObjLongConsumer<String>> receiptListeners = new CopyOnWriteArrayList<>();
  private StorageVerifier verifier;
  private MirrorPoller poller;
  private ApiServer api;
  private PeerServer peerServer;

  private Node(Path dir, Clock given) throws Exception {
    this.dir = dir;
    this.config = NodeConfig.read(dir);
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
    this.agreement = config.agreementDefinition(dir);
    this.store = NodeStore.open(config, dir, clock);
    this.alarms = new AlarmBook(store);
    String origin = identity.publicIdentity().origin();
    this.ownReader = LogCheckpoints.reader(origin, identity.publicIdentity().logKey());
    this.readStorage = openOrClose(() -> LogStorage.directory(dir.resolve("log")), store, alarms);
    this.verifiedLog =
        new VerifiedLog(config.party(), readStorage, ownReader, this::storageCorrupt);
    this.projections = new Projections(agreement);
    openOrClose(this::connectPeers, store, alarms, readStorage);
  }

  private Void connectPeers() {
    for (PeerConfig p : config.peers()) {
      clients.put(p.party(), new PeerClient(identity, p, config.peerLimits()));
    }
    return null;
  }

  /** What opens a resource; on failure, {@link #openOrClose} closes what was opened before. */
  private interface Opening<T> {
    T open() throws Exception;
  }

  /**
   * Opens a resource, or closes {@code before} (in reverse order) and rethrows: a constructor
   * that fails half-way keeps nothing open (the node.db can be opened again at once).
   */
  private static <T> T openOrClose(Opening<T> o, AutoCloseable... before) throws Exception {
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

  /** Checks the storage, rebuilds the projections, opens the log and the witness. */
  private void open() throws Exception {
    checkAndRebuild();
    String origin = identity.publicIdentity().origin();
    CheckpointSigner signer = LogCheckpoints.signer(origin, identity.logSignerKey());
    this.log =
        LogWriter.builder(LogStorage.directory(dir.resolve("log")))
            .signer(signer)
            .reader(ownReader)
            .open();
    Map<String, NoteVerifiers> logs = new HashMap<>();
    for (PeerConfig p : config.peers()) {
      logs.put(p.identity().origin(), NoteVerifiers.of(NoteKeys.parseVerifier(p.identity().logKey())));
    }
    Witness w =
        Witness.create(
            List.of(identity.cosigner(clock)),
            logs,
            StoreWitnessState.open(store, dir.resolve("witness"), logs.keySet()),
            clock);
    this.witness = new WitnessService(config.party(), w, store, mirrors, clients, clock, alarms);
    for (PeerConfig p : config.peers()) {
      publishers.add(
          new Publisher(
              config.party(),
              clients.get(p.party()),
              verifiedLog,
              store,
              CosignatureV1.parseVerifier(p.identity().witnessKey()),
              clock,
              size -> receiptListeners.forEach(l -> l.accept(p.party(), size))));
    }
    this.escrowVault = EscrowVault.open(dir.resolve("escrow.db"));
    this.submitter =
        new Submitter(
            agreement,
            config.party(),
            log,
            projections,
            store,
            new EscrowSubmissions(agreement, config.party(), escrowVault),
            clock,
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
    } catch (Exception e) {
      throw new NodeException(dir + ": cannot start the node: " + e.getMessage(), e);
    }
    try {
      n.open();
    } catch (NodeException e) {
      n.close();
      throw e;
    } catch (Exception e) {
      n.close();
      throw new NodeException(dir + ": cannot start the node: " + e.getMessage(), e);
    }
    try {
      n.peerServer = PeerServer.start(n);
      n.api = ApiServer.start(n);
      n.publishers.forEach(Publisher::start);
      n.poller = new MirrorPoller(n.witness, n.config.peers());
      n.verifier = StorageVerifier.start(n, n.config.verifyMinutes());
      n.writePorts();
      return n;
    } catch (Exception e) {
      n.close();
      throw new NodeException(dir + ": cannot start the servers: " + e.getMessage(), e);
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

  /**
   * Checks every stored log against its signed tree while the projections are rebuilt from it, one
   * batch of entries at a time; refuses to start on any problem, naming it.
   */
  private void checkAndRebuild() throws Exception {
    StorageCheck check = new StorageCheck(store);
    List<StorageProblem> problems = new ArrayList<>();
    boolean fresh =
        readStorage.readCheckpoint().isEmpty() && store.countMessages(config.party()) == 0;
    // a new node's log is created by its writer (an empty checkpoint): nothing to check yet
    StorageCheck.Result files =
        fresh ? new StorageCheck.Result(null, List.of()) : check.ownFiles(readStorage, ownReader);
    problems.addAll(files.problems());
    TreeHead head = files.head();
    if (head != null) {
      if (files.clean()) {
        recoverOwn(head.size());
      }
      problems.addAll(
          check
              .ownRows(
                  config.party(),
                  readStorage,
                  head,
                  files.clean(),
                  row -> apply(config.party(), row))
              .problems());
    }
    for (PeerConfig p : config.peers()) {
      StorageCheck.Result r = check.mirror(p, null, row -> apply(p.party(), row));
      problems.addAll(r.problems());
      if (r.clean()) {
        mirrors.put(
            p.party(), Mirror.load(p.party(), store, projections, clock, config.peerLimits()));
      }
    }
    if (!problems.isEmpty()) {
      throw new NodeException(StorageVerifier.refusal(dir, problems));
    }
    // from here on, what arrives is new: corrections and data exchanges may raise alarms
    projections.watch(ProjectionAlarms.into(store, clock, config.party()));
  }

  private void apply(String party, MessageRow row) {
    StoredEntries.fold(projections, party, row);
  }

  /**
   * Own entries durable in the log but not in the store (a crash in between) are indexed again, a
   * bundle at a time.
   */
  private void recoverOwn(long size) throws Exception {
    long indexed = store.countMessages(config.party());
    if (indexed >= size) {
      return;
    }
    LogReader r = LogReader.open(readStorage, ownReader);
    for (long from = indexed; from < size; ) {
      long to = Math.min(size, (from / TilePath.WIDTH + 1) * TilePath.WIDTH);
      List<MessageRow> rows = new ArrayList<>();
      List<byte[]> entries = r.entries(from, to);
      for (int i = 0; i < entries.size(); i++) {
        byte[] e = entries.get(i);
        EntryReading read = EntryReading.of(config.party(), from + i, e);
        String clientId = read.readable() ? read.envelope().clientId() : null;
        rows.add(
            new MessageRow(
                config.party(),
                from + i,
                read.type(),
                MerkleHash.leaf(e).hex(),
                e,
                clock.instant(),
                clientId));
      }
      store.putOwnMessages(rows, "recovery");
      from = to;
    }
  }

  /**
   * Checks all stored logs now, as the background verifier does every {@code verifyMinutes}; each
   * problem raises the local {@code storage-corrupt} alarm.
   */
  public List<StorageProblem> checkStorage() throws Exception {
    List<StorageProblem> found = verifier.check();
    found.forEach(this::storageCorrupt);
    return found;
  }

  /** Stored data that failed its check: never served, alarmed locally, logged. */
  public void storageCorrupt(StorageProblem p) {
    LOG.error(
        "STORAGE CORRUPT: {} (verity node check --dir {} lists every problem; docs/user/node.md,"
            + " \"When storage is damaged\")",
        p,
        dir);
    alarms.raise(config.party(), "storage-corrupt", Records.STORAGE, p.toString());
  }

  private void writePorts() throws IOException {
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
    Files.move(
        tmp,
        run.resolve("ports.json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Calls {@code l} with the peer's Party and the size it cosigned each time a peer's receipt is
   * stored (for benchmarks).
   */
  public void onReceipt(ObjLongConsumer<String> l) {
    receiptListeners.add(l);
  }

  /**
   * The mirror of {@code party} at the size it verified, through which what it serves is checked.
   */
  public TreeView mirrorView(String party) {
    Mirror m = mirrors.get(party);
    TreeHead h = m.head();
    return new TreeView("mirror of " + party, h, m.hashes(h.size()), this::storageCorrupt);
  }

  @Override
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

  public AlarmBook alarms() {
    return alarms;
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

  /** The own log as it is served: every read checked against the signed checkpoint. */
  public VerifiedLog verifiedLog() {
    return verifiedLog;
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
    } catch (IOException e) {
      // stale file: bundle import checks whether its pid is alive
    }
    if (verifier != null) {
      verifier.close();
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
    if (witness != null) {
      witness.close(); // after the peer port: no request can come in any more
    }
    try {
      if (log != null) {
        log.close();
      }
    } catch (Exception e) {
      LOG.error("closing the log: {}", e.getMessage());
    }
    alarms.close();
    try {
      readStorage.close();
      store.close();
      if (escrowVault != null) {
        escrowVault.close();
      }
    } catch (Exception e) {
      LOG.error("closing the store: {}", e.getMessage());
    }
  }
}
