package dev.verity.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged event reads no clock unless it is recorded (its laps are 0), and when it is recorded
 * each lap is the time since the one before and the event is written with its stages.
 */
class StagedEventTest {
  static final String NAME = StagedEvent.NAMESPACE + "test.Staged";
  static final long STAGE_MS = 20;

  @TempDir Path dir;

  @Name(NAME)
  @StackTrace(false)
  static final class Staged extends StagedEvent {
    @Timespan long first;
    @Timespan long second;
  }

  @Test
  void anUnrecordedEventReadsNoClock() throws Exception {
    Staged e = new Staged();
    e.start();
    Thread.sleep(STAGE_MS);
    assertThat(e.lap()).isZero();
    e.finish();
  }

  @Test
  void anEventStartedBeforeTheRecordingIsNotWrittenWithStagesOfZero() throws Exception {
    Path file = dir.resolve("late.jfr");
    Staged early = new Staged();
    early.start(); // in flight when the operator starts a recording
    try (Recording r = new Recording()) {
      r.enable(NAME);
      r.start();
      Staged later = new Staged();
      later.start();
      early.first = early.lap();
      later.first = later.lap();
      early.finish();
      later.finish();
      r.stop();
      r.dump(file);
    }
    assertThat(RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(NAME)))
        .as("only the event started while recording").hasSize(1);
  }

  @Test
  void aRecordedEventTimesEachStageFromTheLast() throws Exception {
    Path file = dir.resolve("staged.jfr");
    try (Recording r = new Recording()) {
      r.enable(NAME);
      r.start();
      Staged e = new Staged();
      e.start();
      Thread.sleep(STAGE_MS);
      e.first = e.lap();
      e.second = e.lap(); // at once: a stage of (almost) nothing
      e.finish();
      r.stop();
      r.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(NAME)).toList();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.getLong("first")).isGreaterThanOrEqualTo(STAGE_MS * 1_000_000);
      assertThat(e.getLong("second")).isBetween(0L, e.getLong("first") / 10);
      assertThat(e.getDuration().toMillis()).isGreaterThanOrEqualTo(STAGE_MS);
    });
  }
}
