package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.PushEvent;
import dev.verity.node.federation.WitnessPushEvent;
import dev.verity.node.runtime.Node;
import dev.verity.node.submit.AppendEvent;
import dev.verity.node.submit.SubmitException;
import dev.verity.node.submit.SubmitRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK Flight Recorder events of a receipt's path (D95), recorded from two nodes in this JVM:
 * each append is recorded with its index; the publisher's {@link PushEvent} and the witness's
 * {@link WitnessPushEvent} of the same request agree on its sizes, each event's stages fit in its
 * duration, and the witness's time fits in the publisher's exchange. A refused request and a
 * retried submission are recorded with their outcome.
 */
@Timeout(120)
class ReceiptEventsTest {
  /** Two clocks (nanoTime for the stages, JFR's ticks for durations) may disagree this much. */
  static final long CLOCKS_NS = 1_000_000;

  @TempDir Path root;

  @Test
  void aReceiptsPathIsRecordedStageByStageOnBothNodes() throws Exception {
    Path file = root.resolve("receipts.jfr");
    List<Submission> sent = DemoScenario.submissions("US", 3, 1);
    record(file, sent);
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    assertAppends(named(events, AppendEvent.NAME), sent.size());
    assertPushes(named(events, PushEvent.NAME), named(events, WitnessPushEvent.NAME));
  }

  /**
   * Two nodes, recorded: US submits {@code sent} (the first twice) and a message of no type of
   * the agreement; the entries are receipted; RU sends US's witness a malformed request.
   */
  private void record(Path file, List<Submission> sent) throws Exception {
    Cluster c = new Cluster(root);
    Member us = c.init("new-start", "US");
    Member ru = c.init("new-start", "RU");
    c.pinAll();
    try (Node usNode = Node.start(us.dir); Node ruNode = Node.start(ru.dir);
        Recording r = new Recording()) {
      List.of(AppendEvent.NAME, PushEvent.NAME, WitnessPushEvent.NAME).forEach(r::enable);
      r.start();
      AtomicLong receipted = new AtomicLong();
      usNode.onReceipt((peer, size) -> receipted.accumulateAndGet(size, Math::max));
      long last = 0;
      for (Submission s : sent) {
        last = usNode.submitter().submit(new SubmitRequest(s.clientId(), s.type(), s.message()),
            "test").index();
      }
      Submission first = sent.get(0); // a retry: answered with the original entry
      usNode.submitter().submit(new SubmitRequest(first.clientId(), first.type(),
          first.message()), "test");
      assertThatThrownBy(() -> usNode.submitter().submit(new SubmitRequest("no-type-1",
          "no-such-type", first.message()), "test")).isInstanceOf(SubmitException.class);
      long size = last + 1;
      Cluster.await("receipted", Duration.ofSeconds(60), () -> receipted.get() >= size);
      PeerClient asRu = Cluster.peerClient(ru, "new-start", us);
      assertThat(asRu.addCheckpoint("not an add-checkpoint request").status()).isEqualTo(400);
      r.stop();
      r.dump(file);
    }
  }

  /** One event per submission: each appended at the next index, then the retry as the same. */
  private static void assertAppends(List<RecordedEvent> appends, int sent) {
    List<RecordedEvent> appended = appends.stream()
        .filter(a -> a.getString("outcome").equals("appended")).toList();
    assertThat(appended).hasSize(sent).allSatisfy(a -> {
      assertThat(a.getString("agreement")).isEqualTo("new-start");
      assertThat(a.getInt("entries")).isPositive(); // a declaration may be several entries
      assertThat(a.getLong("durable")).as("the group commit is timed").isPositive();
      assertStagesFit(a, AppendEvent.STAGES);
    });
    // submitted one after the other: each begins where the one before it ended
    List<RecordedEvent> inOrder = appended.stream()
        .sorted(Comparator.comparingLong(a -> a.getLong("index"))).toList();
    for (int i = 1; i < inOrder.size(); i++) {
      RecordedEvent before = inOrder.get(i - 1);
      assertThat(inOrder.get(i).getLong("index"))
          .isEqualTo(before.getLong("index") + before.getInt("entries"));
    }
    long firstIndex = inOrder.get(0).getLong("index");
    assertThat(appends).filteredOn(a -> a.getString("outcome").equals("same"))
        .singleElement().satisfies(a -> assertThat(a.getLong("index")).isEqualTo(firstIndex));
    assertThat(appends).filteredOn(a -> a.getString("outcome").equals("refused"))
        .singleElement().satisfies(a -> assertThat(a.getLong("index")).isEqualTo(-1));
  }

  private static void assertPushes(List<RecordedEvent> pushes, List<RecordedEvent> witnessed) {
    assertThat(pushes).isNotEmpty().allSatisfy(p -> {
      assertThat(p.getString("witness")).isEqualTo("RU");
      assertThat(p.getString("log")).as("the US log's origin").contains("US");
      assertStagesFit(p, PushEvent.STAGES);
    });
    RecordedEvent answered = pushes.stream().filter(p -> p.getInt("status") == 200)
        .filter(p -> p.getInt("pushed") > 0).findFirst().orElseThrow();
    assertThat(answered.getLong("size") - answered.getLong("oldSize"))
        .isEqualTo(answered.getInt("pushed"));
    RecordedEvent same = witnessed.stream()
        .filter(w -> w.getLong("size") == answered.getLong("size"))
        .filter(w -> w.getLong("oldSize") == answered.getLong("oldSize")).findFirst()
        .orElseThrow();
    assertThat(same.getString("publisher")).isEqualTo("US");
    assertThat(same.getString("log")).isEqualTo(answered.getString("log"));
    assertThat(same.getInt("status")).isEqualTo(200);
    assertThat(same.getInt("pushed")).isEqualTo(answered.getInt("pushed"));
    assertStagesFit(same, WitnessPushEvent.STAGES);
    assertThat(same.getLong("durable")).as("the witness's commit is timed").isPositive();
    assertThat(same.getDuration().toNanos())
        .as("the witness's work is inside the publisher's exchange")
        .isLessThanOrEqualTo(answered.getLong("exchange") + CLOCKS_NS);
    assertThat(witnessed).anySatisfy(w -> {
      assertThat(w.getString("publisher")).isEqualTo("RU");
      assertThat(w.getInt("status")).isEqualTo(400);
    });
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }

  /** Every stage is timed, none negative, and together they fit in the event's duration. */
  private static void assertStagesFit(RecordedEvent e, List<String> stages) {
    long sum = 0;
    for (String stage : stages) {
      assertThat(e.getLong(stage)).as(stage).isNotNegative();
      sum += e.getLong(stage);
    }
    assertThat(sum).as("stages of %s", e).isPositive()
        .isLessThanOrEqualTo(e.getDuration().toNanos() + CLOCKS_NS);
  }
}
