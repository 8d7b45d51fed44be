package dev.verity.node.bundle;

import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.AlarmBook;
import dev.verity.node.federation.Mirror;
import dev.verity.node.federation.Mirror.BundleSource;
import dev.verity.node.federation.StoreWitnessState;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.federation.WitnessService;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.verify.StorageCheck.Result;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.node.projection.ProjectionAlarms;
import dev.verity.node.projection.Projections;
import dev.verity.node.projection.StoredEntries;
import dev.verity.node.clock.ExerciseClock;
import dev.verity.node.store.Records;
import dev.verity.node.verify.StorageCheck;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.EntryBundle;
import dev.verity.tlog.tiles.TilePath;
import dev.verity.tlog.witness.AddCheckpointRequest;
import dev.verity.tlog.witness.Witness;
import dev.verity.tlog.witness.WitnessResponse;
import dev.verity.tlog.witness.WitnessState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writing and importing air-gap bundles for a node directory (the node must be stopped to import). */
public final class Bundles {
  private Bundles() {}

  /** A node directory's own log: its configuration, its public identity and its checkpoint reader. */
  private record OwnLog(NodeConfig config, NodeIdentity identity, String origin, CheckpointReader reader) {
    static OwnLog of(Path dir) throws Exception {
      NodeConfig c = NodeConfig.read(dir);
      NodeIdentity id = NodeIdentity.load(dir, c.agreement(), c.party());
      String origin = id.publicIdentity().origin();
      return new OwnLog(c, id, origin, LogCheckpoints.reader(origin, id.publicIdentity().logKey()));
    }
  }

  /** Exports this node's entries from {@code from} to its current checkpoint. */
  public static Bundle export(Path dir, long from) throws BundleException {
    try {
      OwnLog own = OwnLog.of(dir);
      NodeConfig c = own.config();
      NodeIdentity id = own.identity();
      String origin = own.origin();
      CheckpointReader reader = own.reader();
      try (LogStorage storage = LogStorage.directory(dir.resolve("log"))) {
        byte[] cp = storage.readCheckpoint().orElseThrow(() -> new BundleException("the log has no checkpoint"));
        long size = reader.open(cp).size();
        if (from < 0 || from > size) {
          throw new BundleException("--from " + from + ": the log has " + size + " entries");
        }
        LogReader r = LogReader.open(storage, reader);
        List<String> entries = r.entries(from, size).stream().map(e -> Base64.getEncoder().encodeToString(e)).toList();
        List<String> proof = from == 0 || from == size ? List.of()
            : r.consistencyProof(from, size).path().stream().map(Hash::base64).toList();
        Bundle b = new Bundle(Bundle.FORMAT, origin, c.party(), from, entries, proof,
            new String(cp, StandardCharsets.UTF_8), null);
        String note = SignedNote.sign(noteText(b), NoteKeys.parseSigner(id.logSignerKey())).format();
        return new Bundle(b.format(), b.origin(), b.party(), b.from(), b.entries(), b.consistency(), b.checkpoint(), note);
      }
    } catch (BundleException e) {
      throw e;
    } catch (Exception e) {
      throw new BundleException("cannot export: " + e.getMessage(), e);
    }
  }

  static String noteText(Bundle b) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(b.unsigned()));
    return Bundle.FORMAT + "\n" + b.origin() + "\nsha256 " + HexFormat.of().formatHex(digest) + "\n";
  }

  public static void write(Bundle b, Path file) throws BundleException {
    try {
      Files.write(file, CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(b));
    } catch (Exception e) {
      throw new BundleException(file + ": " + e.getMessage(), e);
    }
  }

  public static Bundle read(Path file) throws BundleException {
    try {
      Bundle b = CanonicalJson.mapper().readValue(file.toFile(), Bundle.class);
      if (!Bundle.FORMAT.equals(b.format()) || b.entries() == null || b.checkpoint() == null || b.note() == null) {
        throw new BundleException(file + ": not a " + Bundle.FORMAT + " bundle");
      }
      return b;
    } catch (BundleException e) {
      throw e;
    } catch (Exception e) {
      throw new BundleException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What an import did: the size reached and the cosignature to carry back as the receipt;
   * {@code nothingNew} when every entry of the bundle had already been received (online or by an
   * earlier bundle): nothing changed and there is no new cosignature.
   */
  public record Imported(String party, long size, int status, String answer, boolean nothingNew) {}

  /** A peer's log that does not match what it signed: alarmed once the import is undone. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final String kind;

    Refused(String kind, String message) {
      super(message);
      this.kind = kind;
    }
  }

  /**
   * Imports a bundle from a pinned peer into a stopped node: the bundle's signature, then the
   * same path as online delivery (checkpoint signature, entries against the root, mirror,
   * projections, witness consistency, cosignature), starting from everything the node received
   * before, online or by earlier bundles. All of it commits in one transaction or none of it does:
   * a bundle that fails leaves node.db as it was (a fork or an altered entry is still alarmed).
   */
  public static Imported importBundle(Path dir, Bundle b) throws BundleException {
    try {
      NodeConfig all = NodeConfig.read(dir);
      NodeConfig c = all.forAgreement(all.agreement()); // bundles carry the home agreement
      refuseIfRunning(dir);
      PeerConfig peer = c.peers().stream().filter(p -> p.identity().origin().equals(b.origin())).findFirst()
          .orElseThrow(() -> new BundleException("bundle of " + b.origin() + ": not a pinned peer"));
      var verifier = NoteKeys.parseVerifier(peer.identity().logKey());
      var note = SignedNote.parse(b.note()).verify(NoteVerifiers.of(verifier));
      if (!note.text().equals(noteText(b))) {
        throw new BundleException("bundle signature does not cover this content (altered bundle)");
      }
      NodeIdentity id = NodeIdentity.load(dir, c.agreement(), c.party());
      Clock clock = c.exercise() ? ExerciseClock.open(dir, c.exerciseStart()) : Clock.systemUTC();
      try (NodeStore store = NodeStore.open(c, dir);
          AlarmBook alarms = new AlarmBook(store)) {
        // the new entries follow on from what was received before, and may raise alarms
        Projections projections = new Projections(c.agreementDefinition(dir));
        Result stored = new StorageCheck(store)
            .mirror(peer, null, row -> StoredEntries.fold(projections, peer.party(), row));
        if (!stored.clean()) {
          throw new BundleException("the mirror of " + peer.party() + " in " + dir
              + " does not verify (verity node check --dir " + dir + "): "
              + stored.problems().get(0));
        }
        projections.watch(ProjectionAlarms.into(store, clock, c.party()));
        Mirror mirror = Mirror.load(peer.party(), store, projections, clock, c.peerLimits());
        Map<String, Mirror> mirrors = new HashMap<>();
        mirrors.put(peer.party(), mirror);
        WitnessState state = StoreWitnessState.open(store, dir.resolve("witness"), List.of(peer.identity().origin()));
        Witness w = Witness.create(List.of(id.cosigner(clock)),
            Map.of(peer.identity().origin(), NoteVerifiers.of(verifier)), state, clock);
        try (WitnessService ws =
            new WitnessService(c.party(), w, store, mirrors, Map.of(), clock, alarms)) {
          return store.atomically(() -> importInto(ws, mirror, state, peer, b));
        } catch (Refused e) { // undone; the evidence is kept
          alarms.raise(peer.party(), e.kind, Records.BUNDLE, "bundle: " + e.getMessage());
          throw new BundleException("refused: " + e.getMessage());
        }
      }
    } catch (BundleException e) {
      throw e;
    } catch (Exception e) {
      throw new BundleException("cannot import: " + e.getMessage(), e);
    }
  }

  /** Verifies and applies the entries, then asks the witness to cosign, exactly as online. */
  private static Imported importInto(WitnessService ws, Mirror mirror, WitnessState state,
      PeerConfig peer, Bundle b) throws Exception {
    var verifiers = NoteVerifiers.of(NoteKeys.parseVerifier(peer.identity().logKey()));
    Checkpoint cp = LogCheckpoints.open(b.checkpoint().getBytes(StandardCharsets.UTF_8), b.origin(), verifiers)
        .checkpoint();
    long old = state.latest(b.origin()).map(Checkpoint::size).orElse(0L);
    if (b.from() > mirror.size() && cp.size() > mirror.size()) {
      throw new BundleException("the bundle starts at entry " + b.from() + " but this node holds"
          + " only the first " + mirror.size() + " entries of " + peer.party()
          + ": export with --from "
          + (mirror.size() / TilePath.WIDTH * TilePath.WIDTH) + " or lower");
    }
    // verify and apply the entries first, so the mirror can give the witness its proof from old
    try {
      mirror.catchUp(cp, b.checkpoint(), source(b));
    } catch (dev.verity.node.federation.FederationException e) {
      throw new Refused(e.kind(), e.getMessage());
    }
    if (cp.size() <= old) { // everything in it was received and cosigned before
      return new Imported(peer.party(), mirror.size(), 200, "", true);
    }
    WitnessResponse r = ws.addCheckpoint(peer, new AddCheckpointRequest(old, mirror.consistency(old, cp.size()),
        b.checkpoint()).format().getBytes(StandardCharsets.UTF_8), source(b));
    if (r.status() != 200) { // undoes the mirrored entries too
      throw new BundleException("the witness refused the checkpoint (" + r.status() + "): "
          + r.body().trim());
    }
    return new Imported(peer.party(), mirror.size(), r.status(), r.body(), false);
  }

  /**
   * The receipt to carry back across the gap: the bundle's checkpoint with the witness's
   * cosignature lines appended, a checkpoint note cosigned as C2SP tlog-witness makes them.
   */
  public static String receipt(Bundle b, Imported r) {
    return b.checkpoint() + r.answer();
  }

  /** What storing a carried-back receipt did: whose cosignature, on which size, signed when. */
  public record Stored(String witness, long size, Instant cosignedAt) {}

  /**
   * Stores a receipt carried back from a peer: the checkpoint must be this node's (its own log
   * signature verifies and its root is this log's root at that size) and the cosignature must
   * verify with a pinned peer's witness key. It is then the receipt, as if the peer had answered
   * online.
   */
  public static Stored storeReceipt(Path dir, String receipt) throws BundleException {
    try {
      OwnLog own = OwnLog.of(dir);
      NodeConfig c = own.config();
      SignedNote note = SignedNote.parse(receipt);
      SignedNote.open(receipt, NoteVerifiers.of(NoteKeys.parseVerifier(own.identity().publicIdentity().logKey())));
      Checkpoint cp = Checkpoint.parse(note.text());
      requireOwn(dir, own.reader(), own.origin(), cp);
      try (NodeStore store = NodeStore.open(c, dir)) {
        for (PeerConfig p : c.peers()) {
          for (String key : p.witnessKeys()) { // a receipt under a former key still counts
            Optional<Stored> got = storeUnder(store, c.party(), p.party(), key, note, cp);
            if (got.isPresent()) {
              return got.get();
            }
          }
        }
      }
      throw new BundleException("no cosignature by a pinned peer's witness key in the receipt");
    } catch (BundleException e) {
      throw e;
    } catch (Exception e) {
      throw new BundleException("receipt refused: " + e.getMessage(), e);
    }
  }

  /** Stores {@code note}'s cosignature by the witness key {@code key} of {@code peer}, if any. */
  private static Optional<Stored> storeUnder(NodeStore store, String self, String peer,
      String key, SignedNote note, Checkpoint cp) throws Exception {
    CosignatureVerifier cosigner = CosignatureV1.parseVerifier(key);
    for (var sig : note.signatures()) {
      if (sig.name().equals(cosigner.name()) && sig.keyId() == cosigner.keyId()) {
        long ts = cosigner.verifyCosignature(note.text(), sig);
        String line = sig.line().stripTrailing();
        store.putCosignature(new Cosignature(self, peer, cp.size(), line, ts,
            Instant.now()), true);
        return Optional.of(new Stored(peer, cp.size(), Instant.ofEpochSecond(ts)));
      }
    }
    return Optional.empty();
  }

  /** The checkpoint is of this log: the same root at its size (else it is another tree, or a forgery). */
  private static void requireOwn(Path dir, CheckpointReader reader, String origin, Checkpoint cp) throws Exception {
    try (LogStorage storage = LogStorage.directory(dir.resolve("log"))) {
      LogReader log = LogReader.open(storage, reader);
      if (!cp.origin().equals(origin) || cp.size() > log.treeHead().size()
          || !dev.verity.tlog.merkle.TreeProofs.root(log.hashReader(), cp.size()).equals(cp.rootHash())) {
        throw new BundleException("the receipt's checkpoint (size " + cp.size() + ") is not of this node's log");
      }
    }
  }

  /** The running node holds its mirror in memory: importing underneath it would go unseen. */
  static void refuseIfRunning(Path dir) throws Exception {
    Path ports = dir.resolve("run/ports.json");
    if (Files.exists(ports)) {
      long pid = CanonicalJson.mapper().readTree(ports.toFile()).path("pid").asLong(-1);
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new BundleException(dir + ": the node is running (pid " + pid + "); stop it before importing");
      }
    }
  }

  /** Serves entry bundles from the bundle's entries, as the peer's log would. */
  static BundleSource source(Bundle b) {
    List<byte[]> entries = new ArrayList<>();
    b.entries().forEach(e -> entries.add(Base64.getDecoder().decode(e)));
    long from = b.from();
    return id -> {
      long start = id.index() * TilePath.WIDTH;
      if (start < from || start + id.width() > from + entries.size()) {
        return Optional.empty();
      }
      return Optional.of(EntryBundle.format(entries.subList((int) (start - from), (int) (start - from + id.width()))));
    };
  }

}
