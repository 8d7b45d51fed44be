package dev.verity.node.federation;

import dev.verity.node.federation.PeerClient.Answer;
import dev.verity.node.store.NodeStore;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.verify.VerifiedLog.Head;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.witness.AddCheckpointRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes this node's latest checkpoint to one peer's witness (C2SP tlog-witness
 * {@code add-checkpoint}) whenever the log grows, and stores the cosignature that comes back as
 * the receipt. Entries appended while a request is in flight ride on the next checkpoint: a
 * publisher that is behind sends one checkpoint with everything since the witness's size, never
 * one per entry. Failures back off exponentially with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter", 2015) from 50 ms to 30 s, so a peer down for hours is
 * retried without a storm and catches up with one checkpoint when it returns.
 *
 * <p>Two requests are in flight per peer for a node with one or two peers, else one (pipelined,
 * decisions D72 and D91; {@value #IN_FLIGHT_ENV} sets it): the second is sent while the first is
 * answered, built on the first's checkpoint (its old size is the first's size). Safety does not
 * rest on this class: the witness cosigns only a checkpoint consistent with what it holds, and
 * only the pinned witness key's cosignature of the very checkpoint sent is stored. A lost, failed
 * or overtaken request costs a retry from the size the witness reports (409), nothing more.
 *
 * <p>Each request is a {@link PushEvent} for JDK Flight Recorder, timed by stage (D95).
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
  static final long MIN_BACKOFF_MS = 50;
  static final long MAX_BACKOFF_MS = 30_000;
  static final long IDLE_RECHECK_MS = 30_000;
  /** Requests in flight per peer: 2 (pipelined) or 1; by default by the peer count (D91). */
  public static final String IN_FLIGHT_ENV = "VERITY_PUSHES_IN_FLIGHT";
  /** The same as a system property (tests and benches running nodes in one JVM); wins. */
  public static final String IN_FLIGHT_PROPERTY = "verity.pushesInFlight";

  private final String self;
  private final PeerClient client;
  private final VerifiedLog verified;
  private final NodeStore store;
  /** The peer's witness keys: its current one first, then those it rotated away from. */
  private final List<CosignatureVerifier> peerCosigners;
  private final Clock clock;
  private final LongConsumer onReceipt;
  private final int maxInFlight;
  private final List<Thread> threads = new ArrayList<>();
  private final Object lock = new Object();
  private volatile boolean closed;
  // The fields below are guarded by lock.
  /** The size the peer's witness holds for this log, as last learned (0: none yet). */
  private long witnessSize;
  /**
   * The size of the latest receipt held. Not the same as {@link #witnessSize}: the witness may
   * have cosigned a checkpoint whose answer was lost (a crash, a cut link); that checkpoint is
   * then offered again, from its own size, until its receipt is in.
   */
  private long receipted;
  /** Requests in flight, and the size of the latest one sent. */
  private int inFlight;
  private long offered;
  private int failures;
  /**
   * Counts wake-ups and places freed in flight: a publisher that found nothing to do waits until
   * it changes, so an idle publisher costs nothing (N−1 of them per node, issue 18).
   */
  private long changes;
  /** The own log's origin, for the push events ({@link #origin(Head)}). */
  private volatile String origin;
  /** Whether the peer's witness takes {@link Push}es (until it answers 404). */
  private volatile boolean pushEntries = true;

  /** A publisher reading the log in {@code storage} itself (damaged files are only logged). */
  public Publisher(String self, PeerClient client, LogStorage storage,
      CheckpointReader ownReader, NodeStore store,
      CosignatureVerifier peerCosigner, Clock clock, LongConsumer onReceipt) throws Exception {
    this(self, client, new VerifiedLog(self, storage, ownReader,
        p -> LOG.error("STORAGE CORRUPT: {}", p)), store, List.of(peerCosigner), clock,
        onReceipt, 1);
  }

  /**
   * A publisher of the log {@code verified} reads, each part checked against its checkpoint, for
   * a node with {@code peers} peers in the agreement ({@link #inFlightSetting}).
   */
  public Publisher(String self, PeerClient client, VerifiedLog verified, NodeStore store,
      List<CosignatureVerifier> peerCosigners, Clock clock, LongConsumer onReceipt, int peers)
      throws Exception {
    this.self = self;
    this.client = client;
    this.verified = verified;
    this.store = store;
    this.peerCosigners = List.copyOf(peerCosigners);
    this.clock = clock;
    this.onReceipt = onReceipt;
    this.maxInFlight = inFlightSetting(peers);
    this.receipted = store.position(client.peer().party()).cosignedSize();
    this.witnessSize = receipted;
    for (int i = 0; i < maxInFlight; i++) {
      Thread t = new Thread(this::loop, "verity-publish-" + client.peer().party() + "-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  /** Pipelined by default up to this many peers in the agreement (D91). */
  static final int PIPELINED_UP_TO_PEERS = 2;

  /**
   * {@value #IN_FLIGHT_PROPERTY}, else {@value #IN_FLIGHT_ENV}, when 1 or 2; else 2 for a node
   * with at most {@value #PIPELINED_UP_TO_PEERS} peers in the agreement and 1 for more. A second
   * push in flight costs a thread, a connection and more pushes per peer: with one peer it cuts
   * the receipt's wait, with 56 it multiplied the work of every checkpoint (D91).
   */
  static int inFlightSetting(int peers) {
    String v = System.getProperty(IN_FLIGHT_PROPERTY, System.getenv(IN_FLIGHT_ENV));
    String set = v == null ? "" : v.trim();
    if (set.equals("1") || set.equals("2")) {
      return Integer.parseInt(set);
    }
    return peers <= PIPELINED_UP_TO_PEERS ? 2 : 1;
  }

  public void start() {
    threads.forEach(Thread::start);
  }

  /** The log has reached {@code size}: publish when possible. */
  public void wake(long size) {
    synchronized (lock) {
      changes++;
      lock.notifyAll();
    }
  }

  private void loop() {
    while (!closed) {
      try {
        long seen = changes();
        Head head = verified.head();
        long size = head.tree().head().size();
        long from = claim(size);
        if (from < 0) {
          waitForWork(seen);
          continue;
        }
        boolean ok;
        try {
          ok = publish(head, from);
        } finally {
          release();
        }
        if (!ok) {
          sleep(backoff(failed()));
        } else {
          succeeded();
        }
      } catch (Exception e) {
        if (closed) {
          return; // interrupted by close()
        }
        int n = failed();
        if (n <= 3 || n % 20 == 0) {
          LOG.warn("publishing to {}: {}", client.peer().party(), e.getMessage());
        }
        sleep(backoff(n));
      }
    }
  }

  /**
   * Takes a place in flight for a request up to {@code size}; returns its old size, or -1 if
   * there is nothing to send now. Alone, a request builds on the size the witness holds; beside
   * one in flight, on that one's checkpoint, and only if it carries entries that one does not.
   */
  private long claim(long size) {
    synchronized (lock) {
      boolean fresh = inFlight == 0 ? size > receipted : size > offered;
      if (!fresh || inFlight >= maxInFlight) {
        return -1;
      }
      long from = inFlight == 0 ? Math.min(witnessSize, size) : offered;
      inFlight++;
      offered = size;
      return from;
    }
  }

  private void release() {
    synchronized (lock) {
      inFlight--;
      changes++;
      lock.notifyAll();
    }
  }

  private long changes() {
    synchronized (lock) {
      return changes;
    }
  }

  private int failed() {
    synchronized (lock) {
      return ++failures;
    }
  }

  private void succeeded() {
    synchronized (lock) {
      failures = 0;
    }
  }

  private void learned(long size) {
    synchronized (lock) {
      witnessSize = size;
    }
  }

  /** Full jitter: uniform in [0, min(cap, base·2^n)]. */
  static long backoff(int failures) {
    long ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(20, failures));
    return ThreadLocalRandom.current().nextLong(MIN_BACKOFF_MS / 2, ceiling + 1);
  }

  /**
   * One add-checkpoint exchange from old size {@code from}; true when the peer cosigned (or we
   * learned its size).
   */
  private boolean publish(Head head, long from) throws Exception {
    PushEvent event = new PushEvent(origin(head), client.peer().party(), from,
        head.tree().head().size());
    event.start();
    try {
      return publish(head, from, event);
    } finally {
      event.finish();
    }
  }

  /** The own log's origin (C2SP tlog-checkpoint), read from the first checkpoint published. */
  private String origin(Head head) throws Exception {
    String o = origin;
    if (o == null) {
      o = origin = Checkpoint.parse(SignedNote.parse(head.checkpoint()).text()).origin();
    }
    return o;
  }

  private boolean publish(Head head, long from, PushEvent event) throws Exception {
    String note = new String(head.checkpoint(), StandardCharsets.UTF_8);
    SignedNote parsed = SignedNote.parse(head.checkpoint());
    long size = head.tree().head().size();
    // a proof is never given out unless it verifies against the checkpoint (D36)
    List<Hash> proof = from > 0 && from < size
        ? head.tree().consistency(from).path() : List.of();
    String request = new AddCheckpointRequest(from, proof, note).format();
    Answer a;
    try {
      a = send(request, head, from, size, event);
      event.exchange = event.lap();
      event.status = a.status();
    } catch (IOException e) {
      store.setPublished(client.peer().party(), size); // offered, unanswered: shown to operators
      throw e;
    }
    if (a.status() == 200 && storeReceipt(parsed, a.body(), size)) {
      event.receipt = event.lap();
      return true; // the receipt advanced the published size as well, in the same transaction
    }
    // after the answer, not before: an fsync off the round trip keeps receipts fast
    store.setPublished(client.peer().party(), size);
    if (a.status() == 409 && a.contentType().startsWith("text/x.tlog.size")) {
      long held = Long.parseLong(a.body().trim());
      learned(held); // C2SP tlog-witness: retry from the size it holds
      return held <= size; // larger: the witness saw more of this log than we have (alarm-worthy)
    }
    if (a.status() != 200) {
      throw new IOException("HTTP " + a.status() + ": " + a.body().trim());
    }
    String why = "no valid cosignature by " + peerCosigners.get(0).name() + " in the answer";
    client.badAnswer(why);
    throw new IOException(why);
  }

  /**
   * Stores the pinned witness key's cosignature among the answer's lines as the receipt; false
   * if none.
   */
  private boolean storeReceipt(SignedNote checkpoint, String lines, long size) throws Exception {
    for (String line : lines.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      NoteSignature sig =
          SignedNote.parse(checkpoint.text() + "\n" + line + "\n").signatures().get(0);
      Optional<CosignatureVerifier> key = peerCosigners.stream()
          .filter(k -> sig.name().equals(k.name()) && sig.keyId() == k.keyId()).findFirst();
      if (key.isEmpty()) {
        continue; // another key of the witness: not one pinned
      }
      long ts = key.get().verifyCosignature(checkpoint.text(), sig);
      store.putCosignature(
          new Cosignature(self, client.peer().party(), size, line, ts, clock.instant()), true);
      if (receiptedUpTo(size)) {
        onReceipt.accept(size); // pipelined answers may come back in either order
      }
      return true;
    }
    return false;
  }

  /** Records a receipt of {@code size}; true if it is the largest yet. */
  private boolean receiptedUpTo(long size) {
    synchronized (lock) {
      witnessSize = Math.max(witnessSize, size);
      if (size <= receipted) {
        return false;
      }
      receipted = size;
      return true;
    }
  }

  /**
   * Sends the request, with the entries the witness lacks when they fit (D18); falls back for
   * good to the plain C2SP request if the peer's witness does not take them.
   */
  private Answer send(String request, Head head, long from, long size, PushEvent event)
      throws Exception {
    if (pushEntries && from < size && size - from <= Push.MAX_ENTRIES) {
      // read a bundle at a time up to the push's limit, each checked against the signed checkpoint
      List<byte[]> entries = verified.entries(head, from, size, Push.MAX_ENTRY_BYTES);
      if (entries != null && Push.fits(entries)) {
        event.pushed = entries.size();
        event.read = event.lap();
        Answer a = client.addCheckpoint(
            new Push(request.getBytes(StandardCharsets.UTF_8), from, entries));
        if (a.status() != 404) {
          return a;
        }
        pushEntries = false; // a plain C2SP witness: it fetches the entries itself
        event.pushed = 0;
      }
    }
    event.read += event.lap(); // after a 404, with the refused push's exchange
    return client.addCheckpoint(request);
  }

  /**
   * Waits until something changed after {@code seen} (a wake-up, a place freed in flight); a
   * wake-up between reading the log's head and this wait is not lost. Looks again every
   * {@value #IDLE_RECHECK_MS} ms all the same, for a log grown by someone that did not wake us.
   */
  private void waitForWork(long seen) throws InterruptedException {
    synchronized (lock) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_RECHECK_MS);
      for (long left; !closed && changes == seen
          && (left = deadline - System.nanoTime()) > 0; ) {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    threads.forEach(Thread::interrupt);
    try {
      for (Thread t : threads) {
        t.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
