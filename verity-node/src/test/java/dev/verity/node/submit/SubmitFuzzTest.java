package dev.verity.node.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.MerkleHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzz target for the submit path: a request's JSON through validation to the canonical entry
 * appended ({@link Submitter}), replaying {@code SubmitFuzzTestInputs/submit/} in every build, one
 * seed per finding of issue 11 (lone surrogates, NUL and bidi characters in identifiers, 871.7 as a
 * number, "5" as warheads, year 999999999, a number for an instant). Properties: a request is
 * refused with 400, 413 or 422 and nothing appended, or appended; an appended entry is exactly what
 * a peer reads and counts (readable under the same rules, same leaf hash).
 */
class SubmitFuzzTest {
  private static final Submitter SUBMITTER;
  private static final SqliteNodeStore STORE;
  private static final LogWriter LOG;
  private static final AtomicLong REQUESTS = new AtomicLong();

  static {
    try {
      Path dir = Files.createTempDirectory("verity-submit-fuzz");
      dir.toFile().deleteOnExit();
      STORE = SqliteNodeStore.open(dir.resolve("node.db"));
      LOG = SubmitterTest.memoryLog();
      var agreement = AgreementCatalog.get("new-start");
      SUBMITTER =
          new Submitter(
              agreement, "US", LOG, new Projections(agreement), STORE, Clock.systemUTC(), s -> {});
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void submit(byte[] request) throws Exception {
    JsonNode body;
    try {
      body = CanonicalJson.mapper().readTree(request);
    } catch (IOException e) {
      return; // the API answers 400 malformed JSON before the submit path
    }
    if (body == null || !body.isObject()) {
      return;
    }
    long before = LOG.treeHead().size();
    // a fresh client id unless the request names one: a repeat would be an idempotent duplicate
    String clientId =
        body.path("clientId").isTextual()
            ? body.path("clientId").textValue()
            : "fuzz-" + REQUESTS.incrementAndGet();
    SubmitRequest r =
        new SubmitRequest(
            clientId,
            body.path("type").isTextual() ? body.path("type").textValue() : null,
            body.get("message"));
    Submitted s;
    try {
      s = SUBMITTER.submit(r, "fuzz");
    } catch (SubmitException e) {
      assertThat(e.status()).isIn(400, 413, 422);
      assertThat(e.getMessage()).isNotBlank();
      assertThat(LOG.treeHead().size())
          .as("a refused submission appends nothing")
          .isEqualTo(before);
      return;
    }
    if (s.duplicate()) {
      return;
    }
    SUBMITTER.drain(5000);
    for (long i = s.index(); i < s.index() + s.entries(); i++) {
      MessageRow row = STORE.message("US", i).orElseThrow();
      EntryReading read = EntryReading.of("US", i, row.entry());
      assertThat(read.readable())
          .as("what the node signs, a peer counts: %s", read.problem())
          .isTrue();
      assertThat(row.leafHash()).isEqualTo(MerkleHash.leaf(row.entry()).hex());
    }
  }
}
