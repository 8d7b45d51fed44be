package dev.verity.node.store;

import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.store.Records.Alarm;
import dev.verity.node.store.Records.AuditRecord;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.MirrorPending;
import dev.verity.node.store.Records.MirrorStep;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.Records.AuditQuery;
import dev.verity.node.store.Records.TokenRow;
import dev.verity.node.store.StoreException.Reason;
import dev.verity.tlog.storage.LogStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The node's state besides the logs themselves (which live in tile files): the index of every
 * Party's entries, client ids for idempotent submits, receipts, peer positions, alarms, API
 * tokens and the audit trail. Every mutation takes the actor, and is recorded in the trail in the
 * same transaction. Two implementations share their SQL ({@code SqlNodeStore}): SQLite in {@code
 * DIR/node.db} (the default) and PostgreSQL; one contract suite runs against both.
 */
public interface NodeStore extends AutoCloseable {

  /**
   * Opens the store the node in {@code dir} is configured with ({@code storage} in node.yaml),
   * its schema migrated to this version.
   */
  static NodeStore open(NodeConfig config, Path dir) throws StoreException {
    return open(config, dir, Clock.systemUTC());
  }

  /**
   * The same, dating what the store stamps itself (audit rows, alarms, peer contact) by {@code
   * clock}: the node's, so an exercise node's rows carry the exercise's time.
   */
  static NodeStore open(NodeConfig config, Path dir, Clock clock) throws StoreException {
    if (!config.storage().equals(NodeConfig.POSTGRESQL)) {
      return SqliteNodeStore.open(dir.resolve("node.db"), clock);
    }
    String password = null;
    if (config.jdbcPassword() != null) {
      try {
        password = config.jdbcPassword().resolve(System::getenv).value();
      } catch (ConfigException e) {
        throw new StoreException(Reason.AUTHENTICATION,
            "jdbcPassword: " + e.getMessage(), e);
      }
    }
    return PostgresNodeStore.open(config.jdbcUrl(), password, clock);
  }

  /**
   * The node's own log where this store keeps the node's state: the files in {@code dir} beside a
   * SQLite store, tables of the same schema in PostgreSQL (PostgresLogStorage), whose writer
   * lock lets a standby process take over.
   */
  default LogStorage logStorage(Path dir) throws IOException {
    return LogStorage.directory(dir);
  }

  /** Records own entries (idempotent per (party, index)). */
  void putOwnMessages(List<MessageRow> rows, String actor) throws StoreException;

  /**
   * Records entries mirrored from a peer and advances its mirror position, in one transaction, so
   * a crash between the two can neither lose nor duplicate an entry. Refuses (returns false) if
   * the stored mirror size is not {@code expectedSize} (someone else applied them first).
   */
  default boolean applyMirrored(String peer, long expectedSize, List<MessageRow> rows,
      String checkpoint) throws StoreException {
    return applyMirrored(
        new MirrorStep(peer, expectedSize, rows, Map.of(), checkpoint, null, null));
  }

  /**
   * Records one verified step of a peer's log: its entries, its hash tiles and the mirror's new
   * position and checkpoint state, in one transaction. Refuses (returns false) if the stored
   * mirror size is not {@code step.from()}.
   */
  boolean applyMirrored(MirrorStep step) throws StoreException;

  /**
   * Forgets the mirror of {@code peer} (entries, tiles, position, checkpoints), so that it is
   * fetched again and verified from the start (verity node repair, for a damaged mirror).
   */
  void resetMirror(String peer, String actor) throws StoreException;

  /** The checkpoint the mirror is a proven prefix of while it is between two of them. */
  Optional<MirrorPending> mirrorPending(String peer) throws StoreException;

  /** The hash tile of a peer's mirrored tree at {@code level}, {@code index}, at its widest. */
  Optional<byte[]> mirrorTile(String peer, int level, long index) throws StoreException;

  Optional<MessageRow> message(String party, long index) throws StoreException;

  Optional<MessageRow> messageByClientId(String party, String clientId) throws StoreException;

  /** Entries of {@code party} (all parties if null), newest first, filtered by type if given. */
  default List<MessageRow> messages(String party, boolean exceptParty, String type, int limit)
      throws StoreException {
    return messages(party, exceptParty, type, limit, Long.MAX_VALUE);
  }

  /**
   * As {@link #messages(String, boolean, String, int)}, with the entries' bytes only until they
   * add up to {@code maxBytes}: the rows after that have a null {@code entry}, so a listing's
   * memory
   * does not grow with the entries' sizes.
   */
  List<MessageRow> messages(String party, boolean exceptParty, String type, int limit,
      long maxBytes) throws StoreException;

  /** All entries of a party in index order (tests: a node streams with {@link #messagesFrom}). */
  List<MessageRow> allMessages(String party) throws StoreException;

  /**
   * Entries of {@code party} from index {@code from} on, in index order: at most {@code maxRows},
   * and no more once their entries reach {@code maxBytes} (always at least one, if there is one).
   * A node reads its logs in such batches, so its memory does not grow with them.
   */
  List<MessageRow> messagesFrom(String party, long from, int maxRows, long maxBytes)
      throws StoreException;

  /** Corrects the stored bytes of an entry (verity node repair; the caller verified them). */
  void repairMessage(MessageRow row, String actor) throws StoreException;

  long countMessages(String party) throws StoreException;

  /** Stores a cosignature; a receipt (logParty = this node) also advances the peer's cosigned size. */
  void putCosignature(Cosignature c, boolean receipt) throws StoreException;

  /** The latest cosignature of {@code logParty}'s log by {@code witness}. */
  Optional<Cosignature> latestCosignature(String logParty, String witness) throws StoreException;

  /** The first cosignature time (by any witness) of each size of {@code logParty}'s log, by size. */
  NavigableMap<Long, Long> firstCosignatureTimes(String logParty) throws StoreException;

  PeerPosition position(String peer) throws StoreException;

  void setPublished(String peer, long size) throws StoreException;

  void setCosigned(String peer, long size) throws StoreException;

  /** An alarm seen once on the push channel. */
  default void raiseAlarm(String peer, String kind, String detail) throws StoreException {
    raiseAlarm(peer, kind, Records.PUSH, detail, 1);
  }

  /**
   * Records that {@code peer} was seen doing {@code kind} on {@code source}, {@code times} times:
   * the first time a new alarm, then its count, last time and last detail.
   */
  void raiseAlarm(String peer, String kind, String source, String detail, long times)
      throws StoreException;

  /** The witness's latest cosigned checkpoint of {@code origin} (the note's body), if any. */
  Optional<String> witnessCheckpoint(String origin) throws StoreException;

  /**
   * Replaces the witness's checkpoint of {@code origin} by {@code next} only if it is still
   * {@code expected} (null: none yet), durably, in one transaction; false if it changed. C2SP
   * tlog-witness requires the check and the update to be one atomic step.
   */
  boolean swapWitnessCheckpoint(String origin, String expected, String next) throws StoreException;

  /** Every alarm, oldest first. */
  List<Alarm> alarms() throws StoreException;

  /** A page of the alarms, oldest first. */
  List<Alarm> alarms(int offset, int limit) throws StoreException;

  long countAlarms() throws StoreException;

  void putToken(TokenRow t, String actor) throws StoreException;

  Optional<TokenRow> token(String hash) throws StoreException;

  void audit(String actor, String action, String detail) throws StoreException;

  default List<AuditRecord> auditTrail(int limit) throws StoreException {
    return auditTrail(AuditQuery.latest(limit));
  }

  /** A page of the audit trail, newest first (keyset paging by id: stable while rows arrive). */
  List<AuditRecord> auditTrail(AuditQuery q) throws StoreException;

  /** Every API token, oldest first (their hashes, names and roles; never a secret). */
  List<TokenRow> tokens() throws StoreException;

  /** Deletes the tokens named {@code name}, audited; how many there were. */
  int revokeTokens(String name, String actor) throws StoreException;

  /** Work on the store that must commit as a whole. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws Exception;
  }

  /**
   * Runs {@code work} as one transaction: every change it makes through this store commits
   * together when it returns, and none does if it throws (an air-gap import is all or nothing).
   * Other writers wait until it ends; reads on other threads see the state before it.
   */
  <T> T atomically(Work<T> work) throws Exception;

  /** The database's own consistency check (pages, indexes); empty when it is sound. */
  List<String> checkIntegrity() throws StoreException;

  @Override
  void close() throws StoreException;
}
