package dev.verity.node.runtime;

import dev.verity.core.agreement.Agreement;
import dev.verity.node.api.ServedNode;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.federation.AlarmBook;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.MirrorPoller;
import dev.verity.node.federation.PeerLogs;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.PeerErrors;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.federation.PeerPath.Change;
import dev.verity.node.federation.PeerPath.Status;
import dev.verity.node.federation.PeerPath.Switch;
import dev.verity.node.federation.Publisher;
import dev.verity.node.federation.StoreWitnessState;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.entry.KeyAnnouncement;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.TlsRotation;
import dev.verity.node.identity.WitnessRotation;
import dev.verity.node.metrics.NodeMetrics;
import dev.verity.node.projection.ProjectionAlarms;
import dev.verity.node.projection.Projections;
import dev.verity.node.projection.StoredEntries;
import dev.verity.node.store.LogAdoption;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.WriterLock;
import dev.verity.node.store.WriterLockHeldException;
import dev.verity.node.submit.EscrowSubmissions;
import dev.verity.node.submit.Submitted;
import dev.verity.node.submit.Submitter;
import dev.verity.node.vault.EscrowVault;
import dev.verity.node.verify.StorageCheck;
import dev.verity.node.verify.StorageCheck.Result;
import dev.verity.node.verify.StorageProblem;
import dev.verity.node.verify.TreeView;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.ForwardingLogStorage;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.witness.Witness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's part in one agreement: its own log of that agreement (origin
 * {@code <domain>/<agreement>/<party>}), its state store, the projections over every
 * participant's entries, a witness of the logs of the peers that share the agreement, a mirror of
 * each and a publisher pushing its checkpoints to each. Nothing is shared with the node's other
 * agreements but its identity and clock: the data lives in its own directory (the node's for the
 * home agreement, {@code DIR/agreements/<id>/} for the others) and its own store, so a node's
 * disk never holds an agreement it is not in. Only configured peers witness: a participant
 * without a node (a host, an observer that runs none) is never waited for.
 *
 * <p>{@link #open} checks the stored logs against their signed trees while it rebuilds the
 * projections from them, streaming ({@link StorageCheck}): a part whose storage does not verify
 * does not start, and says which file and entry are wrong and how to recover. It recovers
 * whatever a crash left: own entries durable in the log but missing from the store are indexed
 * again.
 */
public final class Participation implements ServedNode, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Participation.class);

  private final Path nodeDir;
  private final Path dir;
  /** This agreement's configuration; its peers change while the node runs ({@link #repin}). */
  private volatile NodeConfig config;
  private final NodeIdentity identity;
  private final Agreement agreement;
  private final Clock clock;
  private final NodeStore store;
  private final AlarmBook alarms;
  private final LogStorage readStorage;
  private final CheckpointReader ownReader;
  private final VerifiedLog verifiedLog;
  private final Projections projections;
  // concurrent maps: peers are pinned and unpinned while the witness and the API read them
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();
  private final Map<String, PeerClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
  private final List<ObjLongConsumer<String>> receiptListeners = new CopyOnWriteArrayList<>();
  private final PeerErrors peerErrors;
  private LogWriter log;
  /** The log with its writer lock held ({@link #claimWriter}); null on a standby. */
  private LogStorage writerStorage;
  private Submitter submitter;

  /** The declarations this node committed in escrow, with their salts (never served). */
  private EscrowVault escrowVault;

  private WitnessService witness;
  private StoreWitnessState witnessState;
  private StorageVerifier verifier;
  private MirrorPoller poller;
  private final NodeMetrics metrics;

  /**
   * Opens the part of the node in {@code nodeDir} in the agreement {@code config} is seen in
   * ({@link NodeConfig#forAgreement}); its data in {@code dir}.
   */
  Participation(Path nodeDir, Path dir, NodeConfig config, NodeIdentity identity, Clock clock,
      NodeMetrics metrics) throws Exception {
    this.nodeDir = nodeDir;
    this.metrics = metrics;
    this.dir = dir;
    Files.createDirectories(dir);
    this.agreement = config.agreementDefinition(nodeDir);
    this.config = witnessing(config, agreement);
    this.identity = identity;
    this.clock = clock;
    this.peerErrors = new PeerErrors(clock);
    this.store = NodeStore.open(this.config, dir, clock);
    this.alarms = new AlarmBook(store);
    String origin = identity.publicIdentity().origin();
    this.ownReader = LogCheckpoints.reader(origin, identity.publicIdentity().logKey());
    this.readStorage =
        Node.openOrClose(() -> store.logStorage(dir.resolve("log")), store, alarms);
    this.verifiedLog =
        new VerifiedLog(config.party(), readStorage, ownReader, this::storageCorrupt);
    this.projections = new Projections(agreement);
    for (PeerConfig p : this.config.peers()) {
      clients.put(p.party(), client(p));
    }
  }

  /** A client to {@code p}: its errors told to this agreement's book, its way to its path. */
  private PeerClient client(PeerConfig p) {
    return new PeerClient(identity, p, config.peerLimits(), peerErrors,
        new PeerPath(p, clock, System::nanoTime, this::pathChanged));
  }

  /**
   * A peer's way changed (switched to or from its backup URL, the line down or up again): logged
   * and kept in the audit trail, where the operator and the line-status page find it.
   */
  private void pathChanged(Switch s) {
    if (s.change() == Change.LINE_DOWN) {
      LOG.error("peer {} in {}: unreachable for longer than {} s: the line is DOWN (backup:"
          + " a signed bundle, verity hotline bundle)", s.party(), agreement.id(),
          clients.get(s.party()).peer().switchAfter().toSeconds());
    } else {
      LOG.warn("peer {} in {}: {} ({})", s.party(), agreement.id(), s.change().label(), s.url());
    }
    try {
      store.audit("node", "peer-path", s.party() + " " + s.change().label() + " " + s.url());
    } catch (Exception e) {
      LOG.error("peer {}: the switch could not be audited: {}", s.party(), e.getMessage());
    }
  }

  /** Each peer's way as of now (issue 14's backup path), by Party. */
  @Override
  public Map<String, Status> peerPaths() {
    Map<String, Status> out = new LinkedHashMap<>();
    clients.forEach((party, c) -> out.put(party, c.path().status()));
    return out;
  }

  /**
   * The configuration without the peers that are not participants of {@code a}: a peer pinned
   * with an agreement its Party is not in is never served nor waited for (logged).
   */
  private static NodeConfig witnessing(NodeConfig c, Agreement a) {
    List<PeerConfig> in = new ArrayList<>();
    for (PeerConfig p : c.peers()) {
      if (a.party(p.party()).isPresent()) {
        in.add(p);
      } else {
        LOG.warn("peer {} is pinned with {}, but is not one of its participants: ignored there",
            p.party(), a.id());
      }
    }
    return in.size() == c.peers().size() ? c : c.withPeers(in);
  }

  /**
   * Takes the writer lock of this agreement's log before anything is read: true if taken, false
   * if another process of this node holds it (PostgreSQL storage: that process sequences, this
   * one may stand by). File storage fails as before when another process writes its log.
   */
  boolean claimWriter() throws IOException {
    LogStorage s = store.logStorage(dir.resolve("log"));
    try {
      s.lockForWriting();
    } catch (WriterLockHeldException e) {
      s.close();
      return false;
    } catch (IOException e) {
      s.close();
      throw e;
    }
    writerStorage = s;
    LogAdoption.adopt(dir.resolve("log"), s);
    return true;
  }

  /** Why this active part can no longer write its log (its writer lock lost), if so. */
  Optional<String> writerLost() {
    return writerStorage instanceof WriterLock l ? l.lost() : Optional.empty();
  }

  /** Whether no process holds the writer lock now (the lock is taken and released at once). */
  boolean writerFree() throws IOException {
    try (LogStorage s = store.logStorage(dir.resolve("log"))) {
      s.lockForWriting();
      return true;
    } catch (WriterLockHeldException e) {
      return false;
    }
  }

  /**
   * A standby's part: serves what the store and the log hold, as the active process writes them;
   * no writer, witness, publisher or submitter, and no projections (they are folded at takeover).
   */
  void openStandby() {
    LOG.info("{}: standing by; another process sequences this log", agreement.id());
  }

  /**
   * Checks the storage, rebuilds the projections, opens the log and the witness; the writer lock
   * taken first ({@link #claimWriter}).
   */
  void open() throws Exception {
    checkAndRebuild();
    String origin = identity.publicIdentity().origin();
    CheckpointSigner signer = LogCheckpoints.signer(origin, identity.logSignerKey());
    this.log =
        LogWriter.builder(new Locked(writerStorage))
            .signer(verifiedLog.signingHere(signer))
            .reader(ownReader)
            .open();
    PeerLogs logs = PeerLogs.of(config.peers());
    this.witnessState =
        StoreWitnessState.open(store, dir.resolve("witness"), logs.byOrigin().keySet());
    this.witness = new WitnessService(config.party(), witnessOf(logs), logs, store, mirrors,
        clients, clock, alarms);
    for (PeerConfig p : config.peers()) {
      publishers.put(p.party(), publisher(p));
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
            size -> {
              metrics.appended(agreement.id(), size);
              publishers.values().forEach(pub -> pub.wake(size));
            });
    onReceipt((peer, size) -> metrics.receipted(agreement.id(), peer, size));
    announceRotation();
    projections.onKeyAnnouncement(this::announced);
  }

  /**
   * Announces the node's next witness and TLS keys in this agreement's log, if rotations are
   * under way;
   * once (the same entry at each start after), before the key is used (its effective time).
   */
  private void announceRotation() throws Exception {
    Optional<WitnessRotation> r = identity.witnessRotation();
    if (r.isPresent()) {
      Submitted s = submitter.announce(new KeyAnnouncement(KeyAnnouncement.WITNESS,
          r.get().verifierKey(), r.get().effectiveAt()));
      LOG.info("{}: next witness key announced in entry {}, effective at {}", agreement.id(),
          s.index(), r.get().effectiveAt());
    }
    Optional<TlsRotation> t = identity.tlsRotation();
    if (t.isPresent()) {
      Submitted s = submitter.announce(new KeyAnnouncement(KeyAnnouncement.TLS, t.get().pin(),
          t.get().effectiveAt()));
      LOG.info("{}: next TLS key sha256/{} announced in entry {}, effective at {}",
          agreement.id(), t.get().pin(), s.index(), t.get().effectiveAt());
    }
  }

  /**
   * A key announcement folded from a log: a peer's, read from its mirror here (verified against
   * its signed tree, so from the peer pinned), is taken into node.yaml's entry of that peer,
   * which the node then follows ({@link Node#repin}). The node's own are not for it.
   */
  private void announced(String party, long index, KeyAnnouncement a) {
    if (party.equals(config.party())) {
      return;
    }
    try {
      PeerKeys.accept(nodeDir, party, a).ifPresent(detail -> {
        LOG.info("peer {} announced its next key in {} entry {}: {}", party,
            agreement.id(), index, detail);
        auditQuietly("peer-key-accepted", party + " " + agreement.id() + "/" + index + " "
            + detail);
      });
    } catch (Exception e) {
      LOG.error("peer {}: its key announcement {} could not be taken: {}", party, index,
          e.getMessage());
    }
  }

  private void auditQuietly(String action, String detail) {
    try {
      store.audit("node", action, detail);
    } catch (Exception e) {
      LOG.error("cannot audit {}: {}", action, e.getMessage());
    }
  }

  /** The witness of the peers' logs {@code logs} names (their origins and pinned keys). */
  private Witness witnessOf(PeerLogs logs) {
    return Witness.create(List.of(identity.cosigner(clock)), logs.byOrigin(), witnessState, clock);
  }

  private Publisher publisher(PeerConfig p) throws Exception {
    List<CosignatureVerifier> keys = new ArrayList<>();
    for (String k : p.witnessKeys()) {
      keys.add(CosignatureV1.parseVerifier(k));
    }
    return new Publisher(config.party(), clients.get(p.party()), verifiedLog, store, keys, clock,
        size -> receiptListeners.forEach(l -> l.accept(p.party(), size)), config.peers().size());
  }

  /** The writer's storage, its lock already held by {@link #claimWriter}. */
  private static final class Locked extends ForwardingLogStorage {
    Locked(LogStorage held) {
      super(held);
    }

    @Override
    public void lockForWriting() {
      // taken by claimWriter, before the storage check and the recovery of the store
    }
  }

  /** Starts the publishers, the mirror poller and the background storage check. */
  void start() {
    publishers.values().forEach(Publisher::start);
    poller = new MirrorPoller(witness, () -> config.peers());
    verifier = StorageVerifier.start(this, config.verifyMinutes());
  }

  /** The peers a {@link #repin} started and stopped in this agreement. */
  record Repinned(List<String> started, List<String> stopped) {}

  /**
   * Pins the peers of {@code whole} (node.yaml as it is now) in this agreement while the node
   * runs: a peer gone or pinned with other keys or URL is stopped first (out of the
   * configuration, so the peer port refuses it from then on; its publisher closed; its mirror
   * kept, as after a restart), then each new one is started as at start: its mirror checked
   * against its signed tree and folded, its publisher started, and the witness told its log key.
   */
  synchronized Repinned repin(NodeConfig whole) throws Exception {
    Map<String, PeerConfig> next = new LinkedHashMap<>();
    witnessing(whole.forAgreement(agreement.id()), agreement).peers()
        .forEach(p -> next.put(p.party(), p));
    List<PeerConfig> kept = new ArrayList<>();
    List<String> stopped = new ArrayList<>();
    for (PeerConfig p : config.peers()) {
      if (p.equals(next.get(p.party()))) {
        kept.add(p);
      } else {
        stopped.add(p.party());
      }
    }
    config = config.withPeers(List.copyOf(kept)); // refused at the peer port from here on
    stopped.forEach(this::stop);
    List<String> started = new ArrayList<>();
    for (PeerConfig p : next.values()) {
      if (!kept.contains(p) && pin(p)) {
        kept.add(p);
        started.add(p.party());
      }
    }
    PeerLogs keys = PeerLogs.of(kept);
    witness.witnessing(witnessOf(keys), keys);
    config = config.withPeers(List.copyOf(kept));
    started.forEach(party -> publishers.get(party).start());
    return new Repinned(started, stopped);
  }

  private void stop(String party) {
    Publisher pub = publishers.remove(party);
    if (pub != null) {
      pub.close();
    }
    clients.remove(party);
    peerErrors.forget(party);
  }

  /** Readies {@code p}: its client, its mirror checked and folded, its publisher; false if not. */
  private boolean pin(PeerConfig p) throws Exception {
    if (!mirrors.containsKey(p.party())) {
      Result r = new StorageCheck(store).mirror(p, null, row -> apply(p.party(), row));
      if (!r.clean()) {
        r.problems().forEach(this::storageCorrupt);
        LOG.error("peer {} not started in {}: its mirror here does not verify", p.party(),
            agreement.id());
        return false;
      }
      mirrors.put(p.party(),
          Mirror.load(p.party(), store, projections, clock, config.peerLimits()));
    }
    clients.put(p.party(), client(p));
    publishers.put(p.party(), publisher(p));
    return true;
  }

  /**
   * Checks every stored log against its signed tree while the projections are rebuilt from it,
   * one batch of entries at a time; refuses to start on any problem, naming it.
   */
  private void checkAndRebuild() throws Exception {
    StorageCheck check = new StorageCheck(store);
    List<StorageProblem> problems = new ArrayList<>();
    boolean fresh =
        readStorage.readCheckpoint().isEmpty() && store.countMessages(config.party()) == 0;
    // a new node's log is created by its writer (an empty checkpoint): nothing to check yet
    Result files =
        fresh ? new StorageCheck.Result(null, List.of()) : check.ownFiles(readStorage, ownReader);
    problems.addAll(files.problems());
    TreeHead head = files.head();
    if (head != null) {
      if (files.clean()) {
        recoverOwn(head.size());
      }
      problems.addAll(
          check
              .ownRows(config.party(), readStorage, head, files.clean(),
                  row -> apply(config.party(), row))
              .problems());
    }
    for (PeerConfig p : config.peers()) {
      Result r = check.mirror(p, null, row -> apply(p.party(), row));
      problems.addAll(r.problems());
      if (r.clean()) {
        mirrors.put(
            p.party(), Mirror.load(p.party(), store, projections, clock, config.peerLimits()));
      }
    }
    if (!problems.isEmpty()) {
      throw new NodeException(StorageVerifier.refusal(nodeDir, problems));
    }
    // from here on, what arrives is new: corrections and data exchanges may raise alarms
    projections.watch(ProjectionAlarms.into(store, clock, config.party()));
  }

  private void apply(String party, MessageRow row) {
    StoredEntries.fold(projections, party, row);
  }

  /**
   * Own entries durable in the log but not in the store (a crash in between) are indexed again,
   * a bundle at a time.
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
        rows.add(recovered(from + i, entries.get(i)));
      }
      store.putOwnMessages(rows, "recovery");
      from = to;
    }
  }

  private MessageRow recovered(long index, byte[] e) {
    EntryReading read = EntryReading.of(config.party(), index, e);
    String clientId = read.readable() ? read.envelope().clientId() : null;
    return new MessageRow(config.party(), index, read.type(), MerkleHash.leaf(e).hex(), e,
        clock.instant(), clientId);
  }

  /**
   * Checks all stored logs now, as the background verifier does every {@code verifyMinutes};
   * each problem raises the local {@code storage-corrupt} alarm.
   */
  public List<StorageProblem> checkStorage() throws Exception {
    List<StorageProblem> found = verifier.check();
    found.forEach(this::storageCorrupt);
    return found;
  }

  @Override
  public void storageCorrupt(StorageProblem p) {
    LOG.error(
        "STORAGE CORRUPT: {}: {} (verity node check --dir {} lists every problem;"
            + " docs/user/node.md, \"When storage is damaged\")",
        agreement.id(),
        p,
        nodeDir);
    alarms.raise(config.party(), "storage-corrupt", Records.STORAGE, p.toString());
  }

  /** Calls {@code l} with the peer's Party and the size it cosigned at each receipt stored. */
  public void onReceipt(ObjLongConsumer<String> l) {
    receiptListeners.add(l);
  }

  @Override
  public TreeView mirrorView(String party) {
    Mirror m = mirrors.get(party);
    TreeHead h = m.head();
    return new TreeView("mirror of " + party, h, m.hashes(h.size()), this::storageCorrupt);
  }

  @Override
  public Optional<ServedNode> in(String agreementId) {
    return agreement.id().equals(agreementId) ? Optional.of(this) : Optional.empty();
  }

  @Override
  public List<String> agreements() {
    return List.of(agreement.id());
  }

  /** Where this agreement's data lives. */
  public Path dir() {
    return dir;
  }

  @Override
  public Path nodeDir() {
    return nodeDir;
  }

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
    return agreement;
  }

  @Override
  public NodeStore store() {
    return store;
  }

  public AlarmBook alarms() {
    return alarms;
  }

  @Override
  public Projections projections() {
    return projections;
  }

  @Override
  public Submitter submitter() {
    return submitter;
  }

  @Override
  public WitnessService witness() {
    return witness;
  }

  @Override
  public Map<String, Mirror> mirrors() {
    return mirrors;
  }

  @Override
  public LogStorage logStorage() {
    return readStorage;
  }

  @Override
  public VerifiedLog verifiedLog() {
    return verifiedLog;
  }

  public CheckpointReader ownReader() {
    return ownReader;
  }

  @Override
  public PeerErrors peerErrors() {
    return peerErrors;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  /** Stops publishing and witnessing, then closes the log and the stores (after the servers). */
  @Override
  public void close() {
    if (verifier != null) {
      verifier.close();
    }
    if (poller != null) {
      poller.close();
    }
    publishers.values().forEach(Publisher::close);
    if (submitter != null) {
      submitter.close();
    }
  }

  /** Closes what {@link #close} leaves for after the peer port is closed. */
  void closeStorage() {
    if (witness != null) {
      witness.close(); // after the peer port: no request can come in any more
    }
    try {
      if (log != null) {
        log.close();
      } else if (writerStorage != null) {
        writerStorage.close();
      }
    } catch (Exception e) {
      LOG.error("closing the log of {}: {}", agreement.id(), e.getMessage());
    }
    alarms.close();
    try {
      readStorage.close();
      store.close();
      if (escrowVault != null) {
        escrowVault.close();
      }
    } catch (Exception e) {
      LOG.error("closing the store of {}: {}", agreement.id(), e.getMessage());
    }
  }
}
