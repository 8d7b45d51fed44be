package dev.verity.node.federation;

import dev.verity.node.store.NodeStore;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.witness.AddCheckpointRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes this node's latest checkpoint to one peer's witness (C2SP tlog-witness
 * {@code add-checkpoint}) whenever the log grows, and stores the cosignature that comes back as
 * the receipt. One request is in flight per peer; entries appended meanwhile ride on the next
 * checkpoint. Failures back off exponentially with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter", 2015) from 50 ms to 30 s, so a peer down for hours is
 * retried without a storm and catches up with one checkpoint when it returns.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
  static final long MIN_BACKOFF_MS = 50;
  static final long MAX_BACKOFF_MS = 30_000;

  private final String self;
  private final PeerClient client;
  private final VerifiedLog verified;
  private final NodeStore store;
  private final CosignatureVerifier peerCosigner;
  private final Clock clock;
  private final LongConsumer onReceipt;
  private final Thread thread;
  private final Object signal = new Object();
  private volatile boolean closed;
  private long wanted;
  /** The size the peer's witness holds for this log, as last learned (0: none yet). */
  private long witnessSize;
  /**
   * The size of the latest receipt held. Not the same as {@link #witnessSize}: the witness may
   * have cosigned a checkpoint whose answer was lost (a crash, a cut link); that checkpoint is
   * then offered again, from its own size, until its receipt is in.
   */
  private long receipted;
  /** Whether the peer's witness takes {@link Push}es (until it answers 404). */
  private boolean pushEntries = true;

  /** A publisher reading the log in {@code storage} itself (damaged files are only logged). */
  public Publisher(String self, PeerClient client, LogStorage storage, CheckpointReader ownReader, NodeStore store,
      CosignatureVerifier peerCosigner, Clock clock, LongConsumer onReceipt) throws Exception {
    this(self, client, new VerifiedLog(self, storage, ownReader,
        p -> LOG.error("STORAGE CORRUPT: {}", p)), store, peerCosigner, clock, onReceipt);
  }

  /** A publisher of the log {@code verified} reads, each part checked against its checkpoint. */
  public Publisher(String self, PeerClient client, VerifiedLog verified, NodeStore store,
      CosignatureVerifier peerCosigner, Clock clock, LongConsumer onReceipt) throws Exception {
    this.self = self;
    this.client = client;
    this.verified = verified;
    this.store = store;
    this.peerCosigner = peerCosigner;
    this.clock = clock;
    this.onReceipt = onReceipt;
    this.receipted = store.position(client.peer().party()).cosignedSize();
    this.witnessSize = receipted;
    this.thread = new Thread(this::loop, "verity-publish-" + client.peer().party());
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The log has reached {@code size}: publish when possible. */
  public void wake(long size) {
    synchronized (signal) {
      wanted = Math.max(wanted, size);
      signal.notifyAll();
    }
  }

  private void loop() {
    int failures = 0;
    while (!closed) {
      try {
        VerifiedLog.Head head = verified.head();
        if (head.tree().head().size() <= receipted) {
          waitForWork();
          continue;
        }
        if (publish(head)) {
          failures = 0;
        } else {
          failures++;
          sleep(backoff(failures));
        }
      } catch (Exception e) {
        if (closed) {
          return; // interrupted by close()
        }
        failures++;
        if (failures <= 3 || failures % 20 == 0) {
          LOG.warn("publishing to {}: {}", client.peer().party(), e.getMessage());
        }
        sleep(backoff(failures));
      }
    }
  }

  /** Full jitter: uniform in [0, min(cap, base·2^n)]. */
  static long backoff(int failures) {
    long ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(20, failures));
    return ThreadLocalRandom.current().nextLong(MIN_BACKOFF_MS / 2, ceiling + 1);
  }

  /** One add-checkpoint exchange; true when the peer cosigned (or we learned its size). */
  private boolean publish(VerifiedLog.Head head) throws Exception {
    String note = new String(head.checkpoint(), StandardCharsets.UTF_8);
    SignedNote parsed = SignedNote.parse(head.checkpoint());
    long size = head.tree().head().size();
    // a proof is never given out unless it verifies against the checkpoint (D36)
    List<Hash> proof = witnessSize > 0 && witnessSize < size
        ? head.tree().consistency(witnessSize).path() : List.of();
    String request = new AddCheckpointRequest(Math.min(witnessSize, size), proof, note).format();
    PeerClient.Answer a;
    try {
      a = send(request, head, size);
    } catch (java.io.IOException e) {
      store.setPublished(client.peer().party(), size); // offered, unanswered: shown to operators
      throw e;
    }
    if (a.status() == 200 && storeReceipt(parsed, a.body(), size)) {
      return true; // the receipt advanced the published size as well, in the same transaction
    }
    // after the answer, not before: an fsync off the round trip keeps receipts fast
    store.setPublished(client.peer().party(), size);
    if (a.status() == 409 && a.contentType().startsWith("text/x.tlog.size")) {
      witnessSize = Long.parseLong(a.body().trim()); // C2SP tlog-witness: retry from the size it holds
      return witnessSize <= size; // larger: the witness saw more of this log than we have (alarm-worthy)
    }
    if (a.status() != 200) {
      throw new java.io.IOException("HTTP " + a.status() + ": " + a.body().trim());
    }
    throw new java.io.IOException("no valid cosignature by " + peerCosigner.name() + " in the answer");
  }

  /** Stores the pinned witness key's cosignature among the answer's lines as the receipt; false if none. */
  private boolean storeReceipt(SignedNote checkpoint, String lines, long size) throws Exception {
    for (String line : lines.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      NoteSignature sig = SignedNote.parse(checkpoint.text() + "\n" + line + "\n").signatures().get(0);
      if (!sig.name().equals(peerCosigner.name()) || sig.keyId() != peerCosigner.keyId()) {
        continue; // another key of the witness: not the one pinned
      }
      long ts = peerCosigner.verifyCosignature(checkpoint.text(), sig);
      store.putCosignature(new Cosignature(self, client.peer().party(), size, line, ts, clock.instant()), true);
      witnessSize = size;
      receipted = size;
      onReceipt.accept(size);
      return true;
    }
    return false;
  }

  /**
   * Sends the request, with the entries the witness lacks when they fit (D18); falls back for
   * good to the plain C2SP request if the peer's witness does not take them.
   */
  private PeerClient.Answer send(String request, VerifiedLog.Head head, long size)
      throws Exception {
    if (pushEntries && witnessSize < size && size - witnessSize <= Push.MAX_ENTRIES) {
      // read a bundle at a time up to the push's limit, each checked against the signed checkpoint
      List<byte[]> entries = verified.entries(head, witnessSize, size, Push.MAX_ENTRY_BYTES);
      if (entries != null && Push.fits(entries)) {
        PeerClient.Answer a = client.addCheckpoint(new Push(request.getBytes(StandardCharsets.UTF_8), witnessSize, entries));
        if (a.status() != 404) {
          return a;
        }
        pushEntries = false; // a plain C2SP witness: it fetches the entries itself
      }
    }
    return client.addCheckpoint(request);
  }

  private void waitForWork() throws InterruptedException {
    synchronized (signal) {
      if (!closed) {
        signal.wait(1000); // also re-checks now and then, in case a wake-up was missed
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
    synchronized (signal) {
      signal.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
