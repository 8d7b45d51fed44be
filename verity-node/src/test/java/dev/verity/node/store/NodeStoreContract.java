package dev.verity.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.TokenRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeStore} must do; each implementation (SQLite now, PostgreSQL later) runs
 * this suite by supplying {@link #open()}.
 */
abstract class NodeStoreContract {
  NodeStore store;

  abstract NodeStore open() throws Exception;

  /** Closes and opens the same store again (persistence). */
  abstract NodeStore reopen() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    store = open();
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  static MessageRow row(String party, long i, String clientId) {
    return new MessageRow(party, i, "item-moved", "ab".repeat(32), ("{\"i\":" + i + "}").getBytes(), Instant.EPOCH, clientId);
  }

  @Test
  void ownMessagesAreIndexedOnceAndFoundByClientId() throws Exception {
    store.putOwnMessages(List.of(row("US", 0, "a"), row("US", 1, "b")), "token:op");
    store.putOwnMessages(List.of(row("US", 1, "b")), "token:op"); // replay after a crash: no duplicate
    assertThat(store.countMessages("US")).isEqualTo(2);
    assertThat(store.messageByClientId("US", "b").orElseThrow().index()).isEqualTo(1);
    assertThat(store.messageByClientId("US", "zz")).isEmpty();
    assertThat(store.message("US", 0).orElseThrow().entry()).isEqualTo("{\"i\":0}".getBytes());
    assertThat(store.auditTrail(10)).extracting(Records.AuditRecord::actor).contains("token:op");
  }

  @Test
  void mirroredEntriesApplyExactlyOnceWithThePosition() throws Exception {
    assertThat(store.applyMirrored("RU", 0, List.of(row("RU", 0, null), row("RU", 1, null)), "cp2")).isTrue();
    assertThat(store.applyMirrored("RU", 0, List.of(row("RU", 0, null)), "cp1")).as("stale position").isFalse();
    assertThat(store.position("RU").mirroredSize()).isEqualTo(2);
    assertThat(store.position("RU").mirroredCheckpoint()).isEqualTo("cp2");
    assertThat(store.allMessages("RU")).hasSize(2);
    assertThat(store.messages("US", true, null, 10)).hasSize(2);
    assertThat(store.messages("US", false, null, 10)).isEmpty();
  }

  @Test
  void receiptsAdvanceThePeerAndDateEntries() throws Exception {
    store.setPublished("RU", 5);
    store.putCosignature(new Cosignature("US", "RU", 5, "line5", 1000, Instant.EPOCH), true);
    store.putCosignature(new Cosignature("US", "RU", 3, "line3", 900, Instant.EPOCH), true);
    assertThat(store.position("RU").cosignedSize()).isEqualTo(5);
    assertThat(store.position("RU").publishedSize()).isEqualTo(5);
    assertThat(store.latestCosignature("US", "RU").orElseThrow().line()).isEqualTo("line5");
    assertThat(store.firstCosignatureTimes("US")).containsEntry(3L, 900L).containsEntry(5L, 1000L);
  }

  @Test
  void witnessStateSwapsOnlyFromTheExpectedCheckpoint() throws Exception {
    assertThat(store.witnessCheckpoint("o")).isEmpty();
    assertThat(store.swapWitnessCheckpoint("o", "cp1", "cp2")).as("nothing to replace yet").isFalse();
    assertThat(store.swapWitnessCheckpoint("o", null, "cp1")).isTrue();
    assertThat(store.swapWitnessCheckpoint("o", null, "cp1b")).as("already set").isFalse();
    assertThat(store.swapWitnessCheckpoint("o", "cp0", "cp2")).as("stale expectation").isFalse();
    assertThat(store.swapWitnessCheckpoint("o", "cp1", "cp2")).isTrue();
    assertThat(store.witnessCheckpoint("o")).contains("cp2");
    assertThat(store.witnessCheckpoint("other")).isEmpty();
  }

  @Test
  void alarmsTokensAndAuditPersist() throws Exception {
    store.raiseAlarm("RU", "fork", "two trees of size 3");
    store.putToken(new TokenRow("hash1", "op", "operator", Instant.EPOCH), "cli");
    store.audit("cli", "peer-add", "RU");
    store = reopen();
    assertThat(store.alarms()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo("fork"));
    assertThat(store.token("hash1").orElseThrow().role()).isEqualTo("operator");
    assertThat(store.token("nope")).isEmpty();
    assertThat(store.auditTrail(10)).extracting(Records.AuditRecord::action).contains("peer-add", "token", "alarm");
  }
}
