package dev.verity.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.store.Records.Alarm;
import dev.verity.node.store.Records.AuditRecord;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.MirrorPending;
import dev.verity.node.store.Records.MirrorStep;
import dev.verity.node.store.Records.AuditQuery;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.Records.TokenRow;
import dev.verity.node.store.StoreException.Reason;
import dev.verity.tlog.tiles.TileId;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeStore} must do; each implementation (SQLite, PostgreSQL) runs this suite
 * by supplying {@link #open()}, {@link #reopen()} and a raw connection to the same database.
 * The concurrent cases run real threads against the store: under SQLite they are serialized by
 * its single writer, under PostgreSQL they race in the database.
 */
abstract class NodeStoreContract {
  static final int THREADS = 8;

  NodeStore store;

  /**
   * The clock the store is opened with: an exercise's time, far from the wall clock, so that a
   * row dated by {@code Instant.now()} cannot pass for one dated by the node's clock.
   */
  static final Instant EXERCISE_TIME = Instant.parse("2011-02-05T12:00:00Z");

  /** Opens the store, dating what it stamps itself by {@code clock}. */
  abstract NodeStore open(Clock clock) throws Exception;

  NodeStore open() throws Exception {
    return open(Clock.fixed(EXERCISE_TIME, ZoneOffset.UTC));
  }

  /** Closes and opens the same store again (persistence). */
  NodeStore reopen() throws Exception {
    store.close();
    return open();
  }

  /** A connection of the test's own to the store's database. */
  abstract Connection connect() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    store = open();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  static MessageRow row(String party, long i, String clientId) {
    return new MessageRow(party, i, "item-moved", "ab".repeat(32),
        ("{\"i\":" + i + "}").getBytes(), Instant.EPOCH, clientId);
  }

  void sql(String statement) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Runs {@code task} on {@link #THREADS} threads at once; their results. */
  static <T> List<T> concurrently(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(pool.submit(task));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ownMessagesAreIndexedOnceAndFoundByClientId() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, "a"), row("US", 1, "b")), "token:op");
    store.putOwnMessages(List.of(row("US", 1, "b")), "token:op"); // replay after a crash
    assertThat(store.countMessages("US")).isEqualTo(2);
    assertThat(store.messageByClientId("US", "b").orElseThrow().index()).isEqualTo(1);
    assertThat(store.messageByClientId("US", "zz")).isEmpty();
    assertThat(store.message("US", 0).orElseThrow().entry()).isEqualTo("{\"i\":0}".getBytes());
    assertThat(store.message("US", 7)).isEmpty();
    assertThat(store.auditTrail(10)).extracting(AuditRecord::actor).contains("token:op");
  }

  @Test
  void auditRowsAlarmsAndContactAreDatedByTheNodesClock() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, "a")), "token:op");
    store.applyMirrored("RU", 0, List.of(row("RU", 0, null)), "cp");
    store.raiseAlarm("RU", "fork", "two checkpoints");
    assertThat(store.auditTrail(10)).extracting(AuditRecord::at)
        .isNotEmpty().containsOnly(EXERCISE_TIME);
    assertThat(store.alarms(0, 10)).extracting(Alarm::at, Alarm::lastSeen)
        .containsExactly(Tuple.tuple(EXERCISE_TIME, EXERCISE_TIME));
    assertThat(store.position("RU").lastContact()).isEqualTo(EXERCISE_TIME);
  }

  @Test
  void aRowReadsBackExactlyAsWritten() throws Exception {
    Instant at = Instant.parse("2026-01-02T03:04:05.123456789Z");
    byte[] entry = new byte[256];
    for (int i = 0; i < entry.length; i++) {
      entry[i] = (byte) i;
    }
    MessageRow r = new MessageRow("US", 3, "declaration", "cd".repeat(32), entry, at, "c-3",
        "ef".repeat(32));
    store.putOwnMessages(List.of(r), "cli");
    MessageRow back = store.message("US", 3).orElseThrow();
    assertThat(back.entry()).isEqualTo(entry);
    assertThat(back).usingRecursiveComparison().ignoringFields("entry").isEqualTo(r);
  }

  @Test
  void atomicWorkCommitsAsAWhole() throws Exception {
    store.atomically(() -> {
      store.applyMirrored("RU", 0, List.of(row("RU", 0, null), row("RU", 1, null)), "cp");
      store.putOwnMessages(List.of(row("US", 0, "a")), "bundle");
      return null;
    });
    store = reopen();
    assertThat(store.countMessages("RU")).isEqualTo(2);
    assertThat(store.countMessages("US")).isEqualTo(1);
  }

  @Test
  void atomicWorkThatThrowsLeavesNothing() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, "a")), "cli");
    assertThatThrownBy(() -> store.atomically(() -> {
      store.putOwnMessages(List.of(row("US", 1, "b")), "bundle");
      store.applyMirrored("RU", 0, List.of(row("RU", 0, null)), "cp");
      throw new IllegalStateException("a forged entry");
    })).hasMessage("a forged entry");
    store = reopen();
    assertThat(store.countMessages("US")).isEqualTo(1);
    assertThat(store.countMessages("RU")).isZero();
    store.putOwnMessages(List.of(row("US", 1, "b")), "cli"); // the store goes on afterwards
    assertThat(store.countMessages("US")).isEqualTo(2);
  }

  /**
   * Concurrent writers may share one commit (SQLite's group commit): each returns only once its
   * own work is durable, and one that fails takes none of the others' work with it.
   */
  @Test
  void concurrentWritersCommitTheirOwnWorkOnly() throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Boolean> kept = concurrently(() -> {
      int i = next.getAndIncrement();
      try {
        store.atomically(() -> {
          store.putOwnMessages(List.of(row("US", i, "c" + i)), "cli");
          store.swapWitnessCheckpoint("o" + i, null, "cp" + i);
          if (i % 2 == 1) {
            throw new IllegalStateException("refused");
          }
          return null;
        });
        store.audit("cli", "wrote", "" + i);
        return true;
      } catch (IllegalStateException e) {
        return false;
      }
    });
    store = reopen();
    for (int i = 0; i < kept.size(); i++) {
      boolean even = i % 2 == 0;
      assertThat(store.message("US", i).isPresent()).as("entry %d", i).isEqualTo(even);
      assertThat(store.witnessCheckpoint("o" + i).isPresent()).as("state %d", i).isEqualTo(even);
    }
    assertThat(store.countMessages("US")).isEqualTo((kept.size() + 1) / 2);
  }

  @Test
  void listingsAreNewestFirstAndWithinTheirByteBudget() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, null), row("US", 1, null)), "cli");
    store.applyMirrored("RU", 0, List.of(row("RU", 0, null)), "cp1");
    assertThat(store.messages(null, false, null, 10)).extracting(MessageRow::party)
        .containsExactly("RU", "US", "US");
    List<MessageRow> budget = store.messages("US", false, "item-moved", 10, 8);
    assertThat(budget).extracting(MessageRow::index).containsExactly(1L, 0L);
    assertThat(budget.get(0).entry()).isEqualTo("{\"i\":1}".getBytes());
    assertThat(budget.get(1).entry()).as("past the budget: listed without its bytes").isNull();
    assertThat(store.messages("US", false, "declaration", 10)).isEmpty();
    assertThat(store.messages(null, false, null, 1)).hasSize(1);
  }

  @Test
  void entriesAreReadInBatchesByRowsAndBytes() throws Exception {
    List<MessageRow> rows = IntStream.range(0, 10).mapToObj(i -> row("US", i, null)).toList();
    store.putOwnMessages(rows, "cli");
    assertThat(store.messagesFrom("US", 3, 4, Long.MAX_VALUE)).extracting(MessageRow::index)
        .containsExactly(3L, 4L, 5L, 6L);
    assertThat(store.messagesFrom("US", 8, 100, Long.MAX_VALUE)).hasSize(2);
    assertThat(store.messagesFrom("US", 0, 100, 1)).as("at least one").hasSize(1);
    assertThat(store.messagesFrom("US", 0, 100, 14)).as("7 bytes each").hasSize(2);
    assertThat(store.allMessages("US")).hasSize(10);
  }

  @Test
  void mirroredEntriesApplyExactlyOnceWithThePosition() throws Exception {
    assertThat(store.applyMirrored("RU", 0, List.of(row("RU", 0, null), row("RU", 1, null)),
        "cp2")).isTrue();
    assertThat(store.applyMirrored("RU", 0, List.of(row("RU", 0, null)), "cp1"))
        .as("stale position").isFalse();
    assertThat(store.position("RU").mirroredSize()).isEqualTo(2);
    assertThat(store.position("RU").mirroredCheckpoint()).isEqualTo("cp2");
    assertThat(store.allMessages("RU")).hasSize(2);
    assertThat(store.messages("US", true, null, 10)).hasSize(2);
    assertThat(store.messages("US", false, null, 10)).isEmpty();
  }

  @Test
  void aMirrorStepKeepsItsTilesAndPendingCheckpointUntilReset() throws Exception {
    TileId tile = new TileId(0, 0, 2);
    byte[] narrow = new byte[64];
    byte[] wide = new byte[96];
    wide[95] = 7;
    store.applyMirrored(new MirrorStep("RU", 0, List.of(row("RU", 0, null), row("RU", 1, null)),
        Map.of(tile, narrow), null, "pending", "proof"));
    assertThat(store.mirrorPending("RU")).contains(new MirrorPending("pending", "proof"));
    assertThat(store.position("RU").mirroredCheckpoint()).as("unchanged: null").isNull();
    store.applyMirrored(new MirrorStep("RU", 2, List.of(row("RU", 2, null)),
        Map.of(new TileId(0, 0, 3), wide), "cp3", null, null));
    assertThat(store.mirrorTile("RU", 0, 0)).hasValueSatisfying(t -> assertThat(t).isEqualTo(wide));
    assertThat(store.mirrorPending("RU")).isEmpty();
    assertThat(store.position("RU").mirroredCheckpoint()).isEqualTo("cp3");
    assertThat(store.position("RU").lastContact()).isNotNull();
    store.resetMirror("RU", "cli");
    assertThat(store.allMessages("RU")).isEmpty();
    assertThat(store.mirrorTile("RU", 0, 0)).isEmpty();
    assertThat(store.position("RU").mirroredSize()).isZero();
    assertThat(store.position("RU").mirroredCheckpoint()).isNull();
    assertThat(store.auditTrail(1).get(0).action()).isEqualTo("mirror-reset");
  }

  @Test
  void concurrentStepsFromOnePositionApplyOnce() throws Exception {
    List<MessageRow> rows = List.of(row("RU", 0, null), row("RU", 1, null), row("RU", 2, null));
    store.setPublished("RU", 1); // the peer's row exists: the race is on its position alone
    List<Boolean> applied = concurrently(() -> store.applyMirrored("RU", 0, rows, "cp3"));
    assertThat(applied).containsOnlyOnce(true);
    assertThat(store.position("RU").mirroredSize()).isEqualTo(3);
    assertThat(store.countMessages("RU")).isEqualTo(3);
    assertThat(store.auditTrail(100)).filteredOn(a -> a.action().equals("mirror")).hasSize(1);
  }

  @Test
  void repairRewritesAnEntryOrPutsBackAMissingOne() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, "a")), "cli");
    MessageRow fixed = new MessageRow("US", 0, "declaration", "ef".repeat(32), "{}".getBytes(),
        Instant.EPOCH, "a");
    store.repairMessage(fixed, "cli:repair");
    store.repairMessage(row("US", 1, null), "cli:repair");
    assertThat(store.message("US", 0).orElseThrow().entry()).isEqualTo("{}".getBytes());
    assertThat(store.message("US", 0).orElseThrow().type()).isEqualTo("declaration");
    assertThat(store.message("US", 1)).isPresent();
    assertThat(store.auditTrail(2)).extracting(AuditRecord::action)
        .containsExactly("repair", "repair");
  }

  @Test
  void receiptsAdvanceThePeerAndDateEntries() throws Exception {
    store.setPublished("RU", 5);
    store.putCosignature(new Cosignature("US", "RU", 5, "line5", 1000, Instant.EPOCH), true);
    store.putCosignature(new Cosignature("US", "RU", 3, "line3", 900, Instant.EPOCH), true);
    store.putCosignature(new Cosignature("US", "CN", 3, "cn3", 950, Instant.EPOCH), true);
    assertThat(store.position("RU").cosignedSize()).isEqualTo(5);
    assertThat(store.position("RU").publishedSize()).isEqualTo(5);
    assertThat(store.latestCosignature("US", "RU").orElseThrow().line()).isEqualTo("line5");
    assertThat(store.latestCosignature("RU", "US")).isEmpty();
    assertThat(store.firstCosignatureTimes("US")).containsEntry(3L, 900L)
        .containsEntry(5L, 1000L).hasSize(2);
  }

  @Test
  void aPeersSizesNeverGoBack() throws Exception {
    store.setPublished("RU", 9);
    store.setPublished("RU", 4);
    store.setCosigned("RU", 7);
    store.setCosigned("RU", 2);
    store.putCosignature(new Cosignature("US", "RU", 3, "line3", 900, Instant.EPOCH), true);
    assertThat(store.position("RU").publishedSize()).isEqualTo(9);
    assertThat(store.position("RU").cosignedSize()).isEqualTo(7);
    assertThat(store.position("CN")).isEqualTo(PeerPosition.initial("CN"));
  }

  @Test
  void witnessStateSwapsOnlyFromTheExpectedCheckpoint() throws Exception {
    assertThat(store.witnessCheckpoint("o")).isEmpty();
    assertThat(store.swapWitnessCheckpoint("o", "cp1", "cp2")).as("nothing to replace").isFalse();
    assertThat(store.swapWitnessCheckpoint("o", null, "cp1")).isTrue();
    assertThat(store.swapWitnessCheckpoint("o", null, "cp1b")).as("already set").isFalse();
    assertThat(store.swapWitnessCheckpoint("o", "cp0", "cp2")).as("stale expectation").isFalse();
    assertThat(store.swapWitnessCheckpoint("o", "cp1", "cp2")).isTrue();
    assertThat(store.witnessCheckpoint("o")).contains("cp2");
    assertThat(store.witnessCheckpoint("other")).isEmpty();
  }

  /** C2SP tlog-witness: of two add-checkpoint requests from one state, one wins. */
  @Test
  void concurrentSwapsFromOneCheckpointLetOneWin() throws Exception {
    assertThat(concurrently(() -> store.swapWitnessCheckpoint("o", null, "first")))
        .containsOnlyOnce(true);
    String now = store.witnessCheckpoint("o").orElseThrow();
    AtomicInteger names = new AtomicInteger();
    List<String> won = concurrently(() -> {
      String mine = "next-" + names.incrementAndGet();
      return store.swapWitnessCheckpoint("o", now, mine) ? mine : null;
    });
    List<String> winners = won.stream().filter(Objects::nonNull).toList();
    assertThat(winners).hasSize(1);
    assertThat(store.witnessCheckpoint("o")).contains(winners.get(0));
  }

  @Test
  void alarmsCollapsePerPeerKindAndChannel() throws Exception {
    store.raiseAlarm("RU", "fork", "two trees of size 3");
    store.raiseAlarm("RU", "fork", Records.PUSH, "two trees of size 4", 2);
    store.raiseAlarm("RU", "fork", Records.POLL, "served a fork", 1);
    store.raiseAlarm("CN", "bad-signature", "sig");
    List<Alarm> alarms = store.alarms();
    assertThat(alarms).extracting(Alarm::peer, Alarm::kind, Alarm::source, Alarm::count)
        .containsExactly(Tuple.tuple("RU", "fork", "push", 3L),
            Tuple.tuple("RU", "fork", "poll", 1L),
            Tuple.tuple("CN", "bad-signature", "push", 1L));
    assertThat(alarms.get(0).detail()).isEqualTo("two trees of size 4");
    assertThat(alarms.get(0).lastSeen()).isAfterOrEqualTo(alarms.get(0).at());
    assertThat(store.countAlarms()).isEqualTo(3);
    assertThat(store.alarms(1, 1)).extracting(Alarm::source).containsExactly("poll");
    assertThat(store.alarms(3, 10)).isEmpty();
    assertThat(store.auditTrail(10)).filteredOn(a -> a.action().equals("alarm")).hasSize(3);
  }

  @Test
  void concurrentRepeatsOfANewAlarmAreOneAlarm() throws Exception {
    concurrently(() -> {
      store.raiseAlarm("RU", "fork", Records.PUSH, "seen", 1);
      return null;
    });
    assertThat(store.alarms()).singleElement()
        .satisfies(a -> assertThat(a.count()).isEqualTo(THREADS));
  }

  @Test
  void alarmsTokensAndAuditPersist() throws Exception {
    store.raiseAlarm("RU", "fork", "two trees of size 3");
    store.putToken(new TokenRow("hash1", "op", "operator", Instant.EPOCH), "cli");
    store.audit("cli", "peer-add", "RU");
    store = reopen();
    assertThat(store.alarms()).singleElement()
        .satisfies(a -> assertThat(a.kind()).isEqualTo("fork"));
    assertThat(store.token("hash1").orElseThrow().role()).isEqualTo("operator");
    assertThat(store.token("nope")).isEmpty();
    assertThat(store.auditTrail(10)).extracting(AuditRecord::action)
        .contains("peer-add", "token", "alarm");
    assertThat(store.auditTrail(1)).hasSize(1);
  }

  @Test
  void tokensAreListedAndRevokedByName() throws Exception {
    store.putToken(new TokenRow("h1", "alice", "operator", Instant.EPOCH), "cli");
    store.putToken(new TokenRow("h2", "bob", "viewer", Instant.EPOCH.plusSeconds(1)), "cli");
    assertThat(store.tokens()).extracting(TokenRow::name).containsExactly("alice", "bob");
    assertThat(store.revokeTokens("alice", "cli")).isEqualTo(1);
    assertThat(store.revokeTokens("alice", "cli")).isZero();
    assertThat(store.token("h1")).isEmpty();
    assertThat(store.tokens()).extracting(TokenRow::name).containsExactly("bob");
    assertThat(store.auditTrail(1).get(0).detail()).isEqualTo("revoked 1 token(s) named 'alice'");
  }

  /** A clock an auditor's query can be tested against: moved by hand, with fractions. */
  static final class HandClock extends Clock {
    Instant now = EXERCISE_TIME;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void theAuditTrailPagesAndFilters() throws Exception {
    store.close();
    HandClock clock = new HandClock();
    store = open(clock);
    // whole seconds and fractions: the stored text has as many digits as each instant needs
    String[] at = {"10:00:00Z", "10:00:00.5Z", "10:00:01Z", "10:00:01.25Z", "10:00:02Z"};
    for (int i = 0; i < at.length; i++) {
      clock.now = Instant.parse("2011-02-05T" + at[i]);
      store.audit(i % 2 == 0 ? "token:alice" : "token:bob", i < 3 ? "append" : "peer-add",
          "row " + i);
    }
    List<AuditRecord> page1 = store.auditTrail(new AuditQuery(0, null, null,
        Instant.parse("2011-02-05T10:00:00Z"), null, 2));
    assertThat(page1).extracting(AuditRecord::detail).containsExactly("row 4", "row 3");
    List<AuditRecord> page2 = store.auditTrail(new AuditQuery(page1.get(1).id(), null,
        null, Instant.parse("2011-02-05T10:00:00Z"), null, 10));
    assertThat(page2).extracting(AuditRecord::detail)
        .containsExactly("row 2", "row 1", "row 0");
    assertThat(store.auditTrail(new AuditQuery(0, "token:bob", null, null, null, 10)))
        .extracting(AuditRecord::detail).containsExactly("row 3", "row 1");
    assertThat(store.auditTrail(new AuditQuery(0, null, "peer-add", null, null, 10)))
        .extracting(AuditRecord::detail).containsExactly("row 4", "row 3");
    // [10:00:01, 10:00:02): the fractions of the first second are out, 10:00:02 is out
    assertThat(store.auditTrail(new AuditQuery(0, null, null,
        Instant.parse("2011-02-05T10:00:01Z"), Instant.parse("2011-02-05T10:00:02Z"), 10)))
        .extracting(AuditRecord::detail).containsExactly("row 3", "row 2");
    long first = page2.get(2).id();
    assertThat(store.auditTrail(new AuditQuery(first, "token:alice", null, null, null, 10)))
        .isEmpty();
  }

  @Test
  void aSoundStorePassesItsOwnCheck() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, "a")), "cli");
    assertThat(store.checkIntegrity()).isEmpty();
  }

  @Test
  void aSchemaFromANewerVerityIsRefusedInPlainWords() throws Exception {
    store.close();
    store = null;
    sql("INSERT INTO " + Migrations.HISTORY + " (installed_rank, version, description, type,"
        + " script, checksum, installed_by, execution_time, success) VALUES (99, '99',"
        + " 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'verity', 0, true)");
    assertThatThrownBy(this::open).isInstanceOfSatisfying(StoreException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NEWER);
      assertThat(e.getMessage()).contains("schema version 99",
          "newer than this Verity knows (" + migrations().get(migrations().size() - 1) + ")");
    });
  }

  /** The schema versions this driver's migrations make, in order. */
  List<String> migrations() {
    return List.of("1", "2");
  }

  @Test
  void reopeningMigratesNothingTwice() throws Exception {
    store = reopen();
    store = reopen();
    try (Connection c = connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT version, success FROM " + Migrations.HISTORY
            + " ORDER BY installed_rank")) {
      for (String version : migrations()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(version);
        assertThat(rs.getBoolean(2)).isTrue();
      }
      assertThat(rs.next()).as("each migration applied once").isFalse();
    }
  }
}
