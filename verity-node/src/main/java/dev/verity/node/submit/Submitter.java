package dev.verity.node.submit;

import dev.verity.core.agreement.Agreement;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.entry.Envelope;
import dev.verity.node.entry.KeyAnnouncement;
import dev.verity.node.submit.EscrowSubmissions;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.StoreException;
import dev.verity.node.submit.MessageValidator.Parsed;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.tiles.EntryBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submit pipeline: schema, then rules against the projection, then the canonical entry is
 * appended durably to the node's log; the call returns once the entry is durable (its index then
 * survives any crash). Validation and enqueueing are serialized (the rules depend on what was
 * accepted before); waiting for durability is not, so concurrent submissions share fsyncs.
 *
 * <p>The store's index of own entries is written behind, in batches: the log is the source of
 * truth and {@link #recover} re-indexes whatever the store missed after a crash. Client ids are
 * in the entries themselves for the same reason.
 */
public final class Submitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

  private final Agreement agreement;
  private final String party;
  private final LogWriter log;
  private final Projections projections;
  private final NodeStore store;
  private final MessageValidator validator;
  private final Clock clock;
  private final LongConsumer onDurable;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final BlockingQueue<Pending> toIndex = new LinkedBlockingQueue<>();
  private final Thread indexer;
  private volatile boolean broken;
  private volatile boolean closed;

  private record Pending(MessageRow row, String actor) {}

  /** A submission being made durable: its answer, and the digest of its request. */
  private record InFlight(CompletableFuture<Submitted> done, String digest) {}

  public Submitter(Agreement agreement, String party, LogWriter log, Projections projections,
      NodeStore store, Clock clock, LongConsumer onDurable) {
    this(agreement, party, log, projections, store, null, clock, onDurable);
  }

  /**
   * With {@code escrow} (may be null: then escrow submissions are refused) for agreements in
   * escrow mode.
   */
  public Submitter(Agreement agreement, String party, LogWriter log, Projections projections,
      NodeStore store, EscrowSubmissions escrow, Clock clock, LongConsumer onDurable) {
    this.agreement = agreement;
    this.party = party;
    this.log = log;
    this.projections = projections;
    this.store = store;
    this.validator = new MessageValidator(agreement, party, escrow, projections);
    this.clock = clock;
    this.onDurable = onDurable;
    this.indexer = new Thread(this::indexLoop, "verity-indexer");
    this.indexer.setDaemon(true);
    this.indexer.start();
  }

  /**
   * Appends the node's announcement of its next key, once: its client id names the key, so the
   * announcement made again at each start until the key is in use returns the first entry.
   */
  public Submitted announce(KeyAnnouncement a) throws SubmitException, IOException {
    String id = KeyAnnouncement.TYPE + ":" + a.key() + ":"
        + MerkleHash.leaf(a.newKey().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    return submit(new SubmitRequest(id, KeyAnnouncement.TYPE, a.body(party)),
        MessageValidator.NODE);
  }

  /**
   * Submits a message on behalf of {@code actor}; returns once it is durable in the log, or the
   * original entry if {@code clientId} was accepted before.
   */
  public Submitted submit(SubmitRequest r, String actor) throws SubmitException, IOException {
    AppendEvent event = new AppendEvent(agreement.id());
    event.start();
    try {
      Submitted s = submit(r, actor, event);
      event.index = s.index();
      event.entries = s.entries();
      event.outcome = s.duplicate() ? "same" : "appended";
      return s;
    } catch (SubmitException e) {
      event.outcome = "refused";
      throw e;
    } finally {
      event.finish();
    }
  }

  private Submitted submit(SubmitRequest r, String actor, AppendEvent event)
      throws SubmitException, IOException {
    validator.checkRequest(r);
    String digest = RequestDigest.of(r);
    event.request = event.lap();
    CompletableFuture<Submitted> done;
    synchronized (this) {
      event.lock = event.lap();
      if (broken || closed) {
        throw new IOException("the log is not accepting entries (restart the node)");
      }
      InFlight earlier = inFlight.get(r.clientId());
      if (earlier != null) {
        return same(r, digest, earlier.digest(), duplicate(await(earlier.done())));
      }
      Optional<MessageRow> stored = lookup(r.clientId());
      if (stored.isPresent()) {
        MessageRow row = stored.get();
        return same(r, digest, row.requestDigest(),
            new Submitted(row.index(), row.leafHash(), r.clientId(), true, 1));
      }
      long index = projections.nextIndex(party);
      Parsed parsed =
          validator.parse(r, projections.nextNumber(party), clock.instant(), actor);
      List<JsonNode> bodies = parsed.bodies();
      String type = parsed.entryType(r.type());
      List<Envelope> envs = new ArrayList<>();
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        Envelope env = new Envelope(Envelope.VERSION, agreement.id(), party, type,
            i == 0 ? r.clientId() : r.clientId() + "#" + i, clock.instant(), bodies.get(i));
        byte[] entry;
        try {
          entry = env.encode();
        } catch (IllegalArgumentException e) {
          throw new SubmitException(400, "message", e.getMessage());
        }
        if (entry.length > EntryBundle.MAX_ENTRY_SIZE) {
          throw new SubmitException(413, "message", "the entry would exceed 65535 bytes");
        }
        envs.add(env);
        entries.add(entry);
      }
      Optional<String> problem = parsed.accept(projections, index, envs);
      if (problem.isPresent()) {
        throw parsed.refused(problem.get());
      }
      List<CompletableFuture<Long>> appends = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        long at = index + i;
        byte[] entry = entries.get(i);
        MessageRow row = new MessageRow(party, at, type, MerkleHash.leaf(entry).hex(), entry,
            clock.instant(),
            envs.get(i).clientId(), i == 0 ? digest : null);
        appends.add(log.appendAsync(entry).handle((got, err) -> {
          if (err != null || got != at) {
            broken = true; // the projection ran ahead of the log: stop taking entries
            throw new IllegalStateException(err != null ? "append failed: " + err.getMessage()
                : "log index " + got + " differs from the expected " + at, err);
          }
          toIndex.add(new Pending(row, actor));
          return got;
        }));
      }
      String leaf = MerkleHash.leaf(entries.get(0)).hex();
      int count = entries.size();
      done = CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).thenApply(v -> {
        onDurable.accept(index + count);
        return new Submitted(index, leaf, r.clientId(), false, count);
      });
      inFlight.put(r.clientId(), new InFlight(done, digest));
      event.check = event.lap();
    }
    Submitted s = await(done);
    event.durable = event.lap();
    return s;
  }

  /**
   * A retry (the same request again) gets the original entry; another message under a client id
   * already used is refused, naming the entry that holds the id, so nothing is silently dropped.
   * An entry re-indexed from the log after a crash has no digest: it is taken as the same.
   */
  private Submitted same(SubmitRequest r, String digest, String original, Submitted s)
      throws SubmitException {
    if (original != null && !original.equals(digest)) {
      throw new SubmitException(409, "clientId", "client id '" + r.clientId()
          + "' already names entry " + party + "/" + s.index() + ", a different message; a new"
          + " message needs a new client id (the same message again is answered with that entry)");
    }
    return s;
  }

  private static Submitted duplicate(Submitted s) {
    return new Submitted(s.index(), s.leafHash(), s.clientId(), true, s.entries());
  }

  private Optional<MessageRow> lookup(String clientId) throws IOException {
    try {
      return store.messageByClientId(party, clientId);
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Submitted await(CompletableFuture<Submitted> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** Writes own entries to the store index in batches, then forgets their in-flight futures. */
  private void indexLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !toIndex.isEmpty()) {
      try {
        Pending first = toIndex.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        toIndex.drainTo(batch, 4095);
        flush(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreException e) {
        LOG.error("cannot index entries (they are safe in the log): {}", e.getMessage());
        batch.forEach(toIndex::add); // retried; recover() also re-indexes after a restart
        sleepQuietly();
      }
      batch.clear();
    }
  }

  private void flush(List<Pending> batch) throws StoreException {
    Map<String, List<MessageRow>> byActor = new LinkedHashMap<>();
    for (Pending p : batch) {
      byActor.computeIfAbsent(p.actor(), a -> new ArrayList<>()).add(p.row());
    }
    for (var e : byActor.entrySet()) {
      store.putOwnMessages(e.getValue(), e.getKey());
    }
    for (Pending p : batch) {
      inFlight.remove(p.row().clientId().split("#")[0]);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits (up to {@code millis}) until every durable entry is in the store index. */
  public void drain(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!inFlight.isEmpty() && System.nanoTime() < end) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    drain(5000);
    closed = true;
    try {
      indexer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
