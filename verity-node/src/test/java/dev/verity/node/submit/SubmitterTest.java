package dev.verity.node.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.json.CanonicalJson;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.LogStorage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submit pipeline in one process: validation order, durability, idempotency under concurrency. */
class SubmitterTest {
  static final String ORIGIN = "verity.example/new-start/US";
  @TempDir Path dir;
  SqliteNodeStore store;
  LogWriter log;
  Submitter submitter;
  final AtomicLong durable = new AtomicLong();

  /** A signed log in memory, with a fresh key (also for StepParserTest). */
  static LogWriter memoryLog() throws Exception {
    var keys = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());
    return LogWriter.builder(LogStorage.memory()).signer(LogCheckpoints.signer(ORIGIN, keys.signerKey()))
        .reader(LogCheckpoints.reader(ORIGIN, keys.verifierKey())).open();
  }

  @BeforeEach
  void setUp() throws Exception {
    store = SqliteNodeStore.open(dir.resolve("node.db"));
    log = memoryLog();
    var agreement = AgreementCatalog.get("new-start");
    submitter = new Submitter(agreement, "US", log, new Projections(agreement), store, Clock.systemUTC(),
        size -> durable.accumulateAndGet(size, Math::max));
    var d = DemoScenario.submissions("US", 0, 1).get(0);
    assertThat(submitter.submit(new SubmitRequest(d.clientId(), d.type(), d.message()), "t").entries()).isEqualTo(3);
  }

  @AfterEach
  void tearDown() throws Exception {
    submitter.close();
    log.close();
    store.close();
  }

  static JsonNode exercise() throws Exception {
    return CanonicalJson.mapper().readTree("{\"eventTime\":\"2020-09-01T00:00:00Z\"}");
  }

  @Test
  void concurrentSubmitsGetDistinctIndexesAndRetriesTheOriginal() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    Set<Long> indexes = ConcurrentHashMap.newKeySet();
    List<Future<Submitted>> fs = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "c-" + (i % 100); // every id twice, concurrently
      fs.add(pool.submit(() -> submitter.submit(new SubmitRequest(id, "bomber-exercise", exercise()), "t")));
    }
    int duplicates = 0;
    for (Future<Submitted> f : fs) {
      Submitted s = f.get(60, TimeUnit.SECONDS);
      indexes.add(s.index());
      duplicates += s.duplicate() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(indexes).hasSize(100);
    assertThat(duplicates).isEqualTo(100);
    assertThat(log.treeHead().size()).isEqualTo(103);
    assertThat(durable.get()).isEqualTo(103);
    submitter.drain(5000);
    assertThat(store.countMessages("US")).isEqualTo(103);
  }

  @Test
  void refusedSubmissionsAppendNothing() throws Exception {
    long before = log.treeHead().size();
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("bad id!", "bomber-exercise", exercise()), "t"))
        .isInstanceOf(SubmitException.class).hasMessageContaining("A-Z");
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("x", "bomber-exercise",
        CanonicalJson.mapper().readTree("{\"eventTime\":\"yesterday\"}")), "t"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.field()).isEqualTo("message.eventTime"));
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("y", "item-eliminated",
        CanonicalJson.mapper().readTree("{\"eventTime\":\"2020-09-01T00:00:00Z\",\"item\":\"NOPE\"}")), "t"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("z", "bomber-exercise",
        CanonicalJson.mapper().readTree("{\"eventTime\":\"2020-09-01T00:00:00Z\",\"number\":7}")), "t"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.field()).isEqualTo("message.number"));
    assertThat(log.treeHead().size()).isEqualTo(before);
    // and the next valid one still gets number 1
    assertThat(submitter.submit(new SubmitRequest("ok", "bomber-exercise", exercise()), "t").index()).isEqualTo(before);
  }
}
