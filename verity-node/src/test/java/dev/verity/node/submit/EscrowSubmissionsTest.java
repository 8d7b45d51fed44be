package dev.verity.node.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.node.cli.inspection.EscrowBenchCommand;
import dev.verity.node.vault.EscrowVault;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.node.submit.SubmitException;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.node.submit.Submitter;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.LogStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escrow through the submit pipeline, in one process. */
class EscrowSubmissionsTest {
  @TempDir Path dir;
  SqliteNodeStore store;
  LogWriter log;
  EscrowVault vault;
  Projections projections;
  Submitter submitter;

  private void start(String agreementName) throws Exception {
    String origin = "verity.example/" + agreementName + "/US";
    var keys = NoteKeys.generate(origin, NoteKeys.TYPE_ED25519, new SecureRandom());
    store = SqliteNodeStore.open(dir.resolve("node.db"));
    vault = EscrowVault.open(dir.resolve("escrow.db"));
    log = LogWriter.builder(LogStorage.memory()).signer(LogCheckpoints.signer(origin, keys.signerKey()))
        .reader(LogCheckpoints.reader(origin, keys.verifierKey())).open();
    Agreement a = AgreementCatalog.get(agreementName);
    projections = new Projections(a);
    submitter = new Submitter(a, "US", log, projections, store, new EscrowSubmissions(a, "US", vault),
        Clock.systemUTC(), size -> {});
  }

  @AfterEach
  void tearDown() throws Exception {
    submitter.close();
    log.close();
    store.close();
    vault.close();
  }

  private JsonNode declaration(int items) throws Exception {
    return CanonicalJson.mapper().readTree(DataExchangeJson.write(EscrowBenchCommand.synthetic(items)));
  }

  private static JsonNode json(String s) throws Exception {
    return CanonicalJson.mapper().readTree(s);
  }

  private List<MessageRow> entries() throws Exception {
    submitter.drain(5000);
    return store.allMessages("US");
  }

  @Test
  void aDeclarationIsLoggedAsItsCommitmentOnlyAndItsItemsStayPrivate() throws Exception {
    start("new-start-voluntary-2026");
    var s = submitter.submit(new SubmitRequest("d1", "declaration", declaration(200)), "t");
    assertThat(s.entries()).isEqualTo(1);
    MessageRow row = entries().get(0);
    assertThat(row.type()).isEqualTo(EscrowEntries.COMMITMENT);
    String entry = new String(row.entry(), StandardCharsets.UTF_8);
    assertThat(entry).contains("\"size\":200", "\"root\":").doesNotContain("M-0000001", "S-0000001", "salt");
    var committed = projections.escrow().asOf("US", null).orElseThrow().commitment();
    assertThat(vault.get(AgreementCatalog.get("new-start-voluntary-2026"), committed.root())).isPresent();
    assertThat(projections.compliance(committed.asOf())).singleElement()
        .satisfies(c -> assertThat(c.party()).isEqualTo("US"));
  }

  @Test
  void revealsAreAppendedAndCheckedAndARepeatIsRefused() throws Exception {
    start("new-start-voluntary-2026");
    submitter.submit(new SubmitRequest("d1", "declaration", declaration(200)), "t");
    var s = submitter.submit(new SubmitRequest("r1", EscrowEntries.REVEAL,
        json("{\"items\":[\"M-0000004\",\"S-0000004\"]}")), "t");
    assertThat(s.index()).isEqualTo(1);
    assertThat(entries().get(1).type()).isEqualTo(EscrowEntries.REVEAL);
    assertThat(projections.problems()).isEmpty();
    assertThat(projections.escrow().asOf("US", null).orElseThrow().revealed()).hasSize(2);
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("r2", EscrowEntries.REVEAL,
        json("{\"items\":[\"M-0000004\"]}")), "t"))
        .isInstanceOf(SubmitException.class).hasMessage("M-0000004 was revealed already");
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("r3", EscrowEntries.REVEAL,
        json("{\"items\":[\"X-1\"]}")), "t"))
        .isInstanceOf(SubmitException.class).hasMessage("item X-1 is not in the declaration");
    var all = submitter.submit(new SubmitRequest("r4", EscrowEntries.REVEAL, json("{\"items\":\"all\"}")), "t");
    assertThat(all.entries()).isGreaterThan(1); // 198 reveals with proofs do not fit one entry
    assertThat(projections.escrow().asOf("US", null).orElseThrow().revealed()).hasSize(200);
    assertThat(projections.problems()).isEmpty();
  }

  @Test
  void twoThousandItemsCommitAndRevealThroughThePipeline() throws Exception {
    start("new-start-voluntary-2026");
    JsonNode d = declaration(2000);
    for (int round = 0; round < 2; round++) { // the second round is reported: less JIT warm-up
      long t0 = System.nanoTime();
      submitter.submit(new SubmitRequest("d" + round, "declaration", d), "t");
      long t1 = System.nanoTime();
      var r = submitter.submit(new SubmitRequest("r" + round, EscrowEntries.REVEAL, json("{\"items\":\"all\"}")), "t");
      long t2 = System.nanoTime();
      if (round == 1) {
        System.out.printf("escrow in the submit pipeline: commit of 2,000 items %d ms, reveal of all 2,000 in %d entries %d ms%n",
            (t1 - t0) / 1_000_000, r.entries(), (t2 - t1) / 1_000_000);
      }
      // each round commits a new root (fresh salts), and "all" reveals every item of that root
      assertThat(projections.escrow().asOf("US", null).orElseThrow().revealed()).hasSize(2000);
    }
    assertThat(projections.problems()).isEmpty();
  }

  /**
   * Under escrow the node accepts what the agreement's catalogue offers (issue 10): item-less
   * notifications go through, a notification naming an item is recorded unchecked (the items are
   * committed, not published), and a type the catalogue does not offer is refused.
   */
  @Test
  void notificationsUnderEscrowAreTheCataloguesOwn() throws Exception {
    start("new-start-voluntary-2026");
    submitter.submit(new SubmitRequest("d1", "declaration", declaration(20)), "t");
    assertThat(submitter.submit(new SubmitRequest("n1", "bomber-exercise",
        json("{\"eventTime\":\"2026-03-02T00:00:00Z\"}")), "t").duplicate()).isFalse();
    assertThat(submitter.submit(new SubmitRequest("n2", "item-moved",
        json("{\"eventTime\":\"2026-03-03T00:00:00Z\",\"item\":\"M-0000001\","
            + "\"facility\":\"F1\"}")), "t")
        .duplicate()).isFalse();
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("n3", "inspection-notice",
        json("{\"inspection\":\"x\"}")), "t"))
        .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(
            "unknown message type 'inspection-notice' in new-start-voluntary-2026");
    assertThat(projections.problems()).isEmpty();
  }

  @Test
  void aRawCommitmentOrARevealBeforeAnyCommitmentIsRefused() throws Exception {
    start("new-start-voluntary-2026");
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("c1", EscrowEntries.COMMITMENT,
        json("{\"root\":\"00\"}")), "t"))
        .isInstanceOf(SubmitException.class).hasMessageContaining("made by the node from a 'declaration'");
    assertThatThrownBy(() -> submitter.submit(new SubmitRequest("r1", EscrowEntries.REVEAL,
        json("{\"items\":\"all\"}")), "t"))
        .isInstanceOf(SubmitException.class).hasMessageContaining("no escrow commitment from US in the log yet");
    assertThat(entries()).isEmpty();
  }

  @Test
  void escrowUnderAnOpenAgreementIsRefusedWith422() throws Exception {
    start("new-start");
    for (String type : List.of(EscrowEntries.REVEAL, EscrowEntries.COMMITMENT)) {
      assertThatThrownBy(() -> submitter.submit(new SubmitRequest("e-" + type, type, json("{\"items\":\"all\"}")), "t"))
          .isInstanceOfSatisfying(SubmitException.class, e -> assertThat(e.status()).isEqualTo(422))
          .hasMessageContaining("new-start publishes declarations in full (declarationMode: open)");
    }
  }
}
