package dev.verity.node.federation;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.Mirror.BundleSource;
import dev.verity.node.federation.Push.PushFormatException;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.StoreException;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.witness.AddCheckpointRequest;
import dev.verity.tlog.witness.Witness;
import dev.verity.tlog.witness.WitnessException;
import dev.verity.tlog.witness.WitnessResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a witness of its peers' logs (C2SP tlog-witness {@code add-checkpoint}), with one
 * addition: before cosigning it fetches and verifies every new entry and applies it to its
 * projections, so its cosignature means "received exactly these entries". A checkpoint with a
 * bad signature, a fork or an altered entry raises an alarm and is never cosigned. Each request
 * is a {@link WitnessPushEvent} for JDK Flight Recorder, timed by stage (D95).
 */
public final class WitnessService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WitnessService.class);
  private final String self;
  /** The C2SP witness of the peers' logs now pinned ({@link #witnessing}). */
  private volatile Witness witness;
  private final NodeStore store;
  private final Map<String, Mirror> mirrors;
  private final Map<String, PeerClient> clients;
  private final Clock clock;
  private final AlarmBook alarms;
  /** How long a request waits for the one before it to land (a pipelined push overtaken). */
  private static final long PREDECESSOR_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private final PeerGate gate = new PeerGate(System::currentTimeMillis);
  /** The checkpoint each peer served at its last poll that checked out. */
  private final Map<String, byte[]> lastPolled = new ConcurrentHashMap<>();
  /** Told the Party of each push this node cosigned (the mirror poller's wake-up). */
  private final List<Consumer<String>> cosignedListeners = new CopyOnWriteArrayList<>();
  /** The peers' log keys, as {@link #witness} has them ({@link #witnessing}). */
  private volatile PeerLogs logs;

  public WitnessService(String self, Witness witness, NodeStore store, Map<String, Mirror> mirrors,
      Map<String, PeerClient> clients, Clock clock, AlarmBook alarms) {
    this(self, witness, PeerLogs.none(), store, mirrors, clients, clock, alarms);
  }

  /** As above, checking checkpoints with {@code logs}, the keys {@code witness} was given. */
  public WitnessService(String self, Witness witness, PeerLogs logs, NodeStore store,
      Map<String, Mirror> mirrors, Map<String, PeerClient> clients, Clock clock,
      AlarmBook alarms) {
    this.logs = logs;
    this.alarms = alarms;
    this.self = self;
    this.witness = witness;
    this.store = store;
    this.mirrors = mirrors;
    this.clients = clients;
    this.clock = clock;
  }

  /**
   * Witnesses from now on with {@code w} and {@code keys}, the log keys it was given: the peers
   * pinned now (a peer pinned again with other keys is checked with its new ones), same state.
   */
  public void witnessing(Witness w, PeerLogs keys) {
    this.logs = keys;
    this.witness = w;
  }

  /** What a poll found, as far as the poller's schedule cares ({@link PollSchedule}). */
  public enum Polled {
    /** Nothing the mirror lacked: the bytes of the last poll, or a checkpoint pushed already. */
    UNCHANGED,
    /** Entries the pushes had not brought (or a checkpoint refused with an alarm). */
    CHANGED,
    /** No answer: the publisher's retries and later polls cover it. */
    UNREACHABLE
  }

  /** Handles an add-checkpoint request from {@code from} (authenticated by its pinned TLS key). */
  public WitnessResponse addCheckpoint(PeerConfig from, byte[] body) {
    PeerClient c = clients.get(from.party());
    return c == null ? unpinned(from) : addCheckpoint(from, body, c.source());
  }

  /**
   * As {@link #addCheckpoint(PeerConfig, byte[])}, with the entries from {@code entries}: the
   * peer's log over the network, or an air-gap bundle, checked exactly the same way.
   */
  public WitnessResponse addCheckpoint(PeerConfig from, byte[] body, BundleSource entries) {
    WitnessPushEvent event = new WitnessPushEvent(from.identity().origin(), from.party());
    event.start();
    return addCheckpoint(new Offer(from, body, null, entries, event));
  }

  /**
   * An add-checkpoint request that carries the entries it adds ({@link Push}): they are checked
   * like fetched ones, and any the push lacks are fetched from the peer.
   */
  public WitnessResponse addPush(PeerConfig from, byte[] push) {
    WitnessPushEvent event = new WitnessPushEvent(from.identity().origin(), from.party());
    event.start();
    Push p;
    try {
      p = Push.decode(push);
    } catch (PushFormatException e) {
      alarm(from.party(), "malformed-request", Records.PUSH, e.getMessage());
      gate.outcome(from.party(), true);
      return answered(event, text(400, e.getMessage()));
    }
    PeerClient c = clients.get(from.party());
    return c == null ? answered(event, unpinned(from))
        : addCheckpoint(new Offer(from, p.request(), p, c.source(), event));
  }

  /**
   * Seconds {@code party} must wait before its next request is looked at (0: go on): it asked too
   * much, or is backed off for misbehaving ({@link PeerGate}). The peer port answers 429 meanwhile.
   */
  public long admit(String party) {
    long waitMs = gate.admit(party);
    return waitMs == 0 ? 0 : Math.max(1, (waitMs + 999) / 1000);
  }

  /**
   * One add-checkpoint request on its way through this witness: who sent it, its body, the
   * entries pushed with it (or null), where to fetch any others, and its JFR event.
   */
  private record Offer(PeerConfig from, byte[] body, Push pushed, BundleSource entries,
      WitnessPushEvent event) {
    String party() {
      return from.party();
    }
  }

  private WitnessResponse addCheckpoint(Offer o) {
    WitnessResponse r = verifyAndCosign(o);
    gate.outcome(o.party(), r.status() == 400 || r.status() == 403 || r.status() == 422);
    if (r.status() == 200) {
      cosignedListeners.forEach(l -> l.accept(o.party()));
    }
    return answered(o.event(), r);
  }

  /** Records the answer in the request's event and ends it. */
  private static WitnessResponse answered(WitnessPushEvent event, WitnessResponse r) {
    event.status = r.status();
    event.finish();
    return r;
  }

  /** Calls {@code l} with the peer's Party after each of its checkpoints this node cosigned. */
  public void onPushCosigned(Consumer<String> l) {
    cosignedListeners.add(l);
  }

  private WitnessResponse verifyAndCosign(Offer o) {
    PeerConfig from = o.from();
    AddCheckpointRequest req;
    try {
      req = AddCheckpointRequest.parse(o.body());
    } catch (WitnessException e) {
      alarm(from.party(), "malformed-request", Records.PUSH, e.getMessage());
      return text(400, "malformed add-checkpoint request: " + e.getMessage());
    }
    String origin = originOf(req.checkpoint());
    if (!from.identity().origin().equals(origin)) {
      String shown = origin.substring(0, Math.min(100, origin.length()));
      alarm(from.party(), "wrong-origin", Records.PUSH,
          "a checkpoint of another log: " + shown.replaceAll("[^\\x20-\\x7e]", "?"));
      return text(403, "peer " + from.party() + " may only submit checkpoints of "
          + from.identity().origin());
    }
    SignedCheckpoint signed;
    try {
      signed = LogCheckpoints.open(req.checkpoint().getBytes(StandardCharsets.UTF_8), origin,
          logs.of(from));
    } catch (InvalidCheckpointException | NoteException e) {
      alarm(from.party(), "bad-signature", Records.PUSH, "checkpoint refused: " + e.getMessage());
      return text(403, "checkpoint signature does not verify: " + e.getMessage());
    }
    o.event().check = o.event().lap();
    o.event().oldSize = req.oldSize();
    o.event().size = signed.checkpoint().size();
    o.event().pushed = o.pushed() == null ? 0 : o.pushed().entries().size();
    Mirror mirror = mirrors.get(from.party());
    synchronized (mirror) {
      try {
        return catchUpAndCosign(o, req, signed, mirror);
      } finally {
        mirror.notifyAll(); // a pipelined request may be waiting for this one
      }
    }
  }

  /**
   * A pipelined push (D72: two in flight per peer) builds on the checkpoint of the one before
   * it, and may overtake it between the two connections. Rather than answer 409 at once, it
   * waits, bounded, for the mirror to reach its old size (the mirror's step and the witness
   * state commit together, so the state is there too); the caller holds the mirror's lock,
   * which the wait gives up.
   */
  private static void awaitPredecessor(Mirror mirror, long oldSize) throws InterruptedException {
    long deadline = System.nanoTime() + PREDECESSOR_WAIT_NANOS;
    while (mirror.size() < oldSize) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return; // the witness answers 409 with the size it holds; the publisher retries from it
      }
      TimeUnit.NANOSECONDS.timedWait(mirror, left);
    }
  }

  /** Under the mirror's lock: the entries verified and stored, then the witness's answer. */
  private WitnessResponse catchUpAndCosign(Offer o, AddCheckpointRequest req,
      SignedCheckpoint signed, Mirror mirror) {
    PeerConfig from = o.from();
    WitnessPushEvent event = o.event();
    try {
      awaitPredecessor(mirror, req.oldSize());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return text(503, "interrupted");
    }
    event.queue = event.lap();
    long size = signed.checkpoint().size();
    Push pushed = o.pushed();
    // entries at hand (pushed, or held already): verified inside the commit, no network in it
    boolean local = size <= mirror.size()
        || pushed != null && pushed.slice(mirror.size(), size).isPresent();
    try {
      if (!local) {
        mirror.catchUp(signed.checkpoint(), req.checkpoint(), pushed, o.entries());
        event.verify = event.lap();
      }
      WitnessResponse r = store.atomically(() -> {
        if (local) {
          mirror.catchUp(signed.checkpoint(), req.checkpoint(), pushed, o.entries());
          event.verify = event.lap();
        }
        WitnessResponse cosigned = cosign(from, o.body(), signed);
        event.cosign = event.lap();
        return cosigned;
      });
      event.durable = event.lap();
      return r;
    } catch (FederationException e) {
      alarm(from.party(), e.kind(), Records.PUSH, e.getMessage());
      return text(422, e.getMessage());
    } catch (IOException e) {
      return text(503, "cannot fetch the entries to verify: " + e.getMessage());
    } catch (StoreException e) {
      reload(from.party(), mirror);
      return text(500, "state failure: " + e.getMessage());
    } catch (Exception e) {
      reload(from.party(), mirror);
      return text(500, "witness failure: " + e.getMessage());
    }
  }

  /**
   * The witness's own checks, state and cosignature, in the caller's transaction: the mirror's
   * step, the new witness state and the record of the cosignature given commit together, one
   * fsync shared with the other peers' pushes (group commit, SqliteNodeStore). The answer goes
   * only once that commit is durable.
   */
  private WitnessResponse cosign(PeerConfig from, byte[] body, SignedCheckpoint signed) {
    WitnessResponse r = witness.addCheckpoint(body);
    if (r.status() == 200) {
      record(from.party(), signed, r.body());
    } else if (r.status() == 422) {
      alarm(from.party(), "inconsistent", Records.PUSH,
          "consistency proof refused for size " + signed.checkpoint().size());
    }
    return r;
  }

  /** After a failed commit the mirror may hold a step the store does not: read it back. */
  private static void reload(String peer, Mirror mirror) {
    try {
      mirror.reload();
    } catch (StoreException | IOException e) {
      LOG.error("cannot read the mirror of {} back after a failed commit: {}", peer,
          e.getMessage());
    }
  }

  /**
   * Pulls the peer's current checkpoint and entries into the mirror without cosigning: catches
   * a peer that serves another history than it pushes (split view), and keeps a quiet peer's
   * entries current. A bad signature, fork or altered entry raises an alarm as on the push path.
   * Returns what it found, for the poller's schedule.
   */
  public Polled poll(PeerConfig peer) {
    PeerClient client = clients.get(peer.party());
    Mirror mirror = mirrors.get(peer.party());
    if (client == null || mirror == null) {
      return Polled.UNCHANGED; // unpinned since the poll began
    }
    try {
      byte[] cp = client.checkpoint();
      if (Arrays.equals(cp, lastPolled.get(peer.party()))) {
        return Polled.UNCHANGED; // the very bytes checked at the last poll
      }
      SignedCheckpoint signed;
      try {
        signed = LogCheckpoints.open(cp, peer.identity().origin(), logs.of(peer));
      } catch (InvalidCheckpointException | NoteException e) {
        alarm(peer.party(), "bad-signature", Records.POLL,
            "served checkpoint refused: " + e.getMessage());
        return Polled.CHANGED;
      }
      long had;
      synchronized (mirror) {
        had = mirror.size();
        String text = new String(cp, StandardCharsets.UTF_8);
        mirror.catchUp(signed.checkpoint(), text, client.source());
      }
      lastPolled.put(peer.party(), cp);
      // moved: the peer's log grew past what its pushes had brought
      return signed.checkpoint().size() > had
          ? Polled.CHANGED : Polled.UNCHANGED;
    } catch (FederationException e) {
      alarm(peer.party(), e.kind(), Records.POLL, "served log: " + e.getMessage());
      return Polled.CHANGED;
    } catch (IOException | StoreException e) {
      // the peer is unreachable: the publisher's retries and the next poll cover it
      return Polled.UNREACHABLE;
    }
  }

  private void record(String peer, SignedCheckpoint signed, String lines) {
    try {
      for (String line : lines.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        SignedNote n = SignedNote.parse(signed.note().text() + "\n" + line + "\n");
        NoteSignature sig = n.signatures().get(0);
        long ts = CosignatureV1.timestampOf(sig.signature());
        store.putCosignature(new Cosignature(peer, self, signed.checkpoint().size(), line, ts,
            clock.instant()), false);
      }
    } catch (Exception e) {
      LOG.error("cannot record own cosignature of {}: {}", peer, e.getMessage());
    }
  }

  private void alarm(String peer, String kind, String source, String detail) {
    alarms.raise(peer, kind, source, detail);
  }

  /** Nothing to finish: each cosignature is recorded in the commit that gives it. */
  @Override
  public void close() {}

  private static String originOf(String note) {
    int nl = note.indexOf('\n');
    return nl < 0 ? "" : note.substring(0, nl);
  }

  /** A peer unpinned while its request was on its way (node.yaml changed). */
  private static WitnessResponse unpinned(PeerConfig from) {
    return text(403, "peer " + from.party() + " is no longer pinned here");
  }

  private static WitnessResponse text(int status, String message) {
    return new WitnessResponse(status, "text/plain; charset=utf-8", message + "\n");
  }
}
