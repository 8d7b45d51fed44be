package dev.verity.node.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercise clock: starts where configured, moves only forward, and resumes after a restart. */
class ExerciseClockTest {
  static final Instant START = Instant.parse("2020-03-02T00:00:00Z");

  @TempDir Path dir;

  @Test
  void standsStillUntilAdvanced() throws Exception {
    ExerciseClock c = ExerciseClock.open(dir, START);
    assertThat(c.instant()).isEqualTo(START);
    Thread.sleep(5);
    assertThat(c.millis()).isEqualTo(START.toEpochMilli());
    assertThat(c.advanceTo(START.plusSeconds(3600))).isEqualTo(START.plusSeconds(3600));
    assertThat(c.advanceTo(START.plusSeconds(3600))).as("to the same instant").isEqualTo(START.plusSeconds(3600));
  }

  @Test
  void neverMovesBackwards() throws Exception {
    ExerciseClock c = ExerciseClock.open(dir, START);
    c.advanceTo(START.plusSeconds(60));
    assertThatThrownBy(() -> c.advanceTo(START)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThat(c.instant()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void aRestartResumesAtTheLastTime() throws Exception {
    ExerciseClock.open(dir, START).advanceTo(START.plusSeconds(86_400));
    assertThat(ExerciseClock.open(dir, START).instant()).isEqualTo(START.plusSeconds(86_400));
    Files.writeString(dir.resolve(ExerciseClock.FILE), "yesterday");
    assertThatThrownBy(() -> ExerciseClock.open(dir, START)).hasMessageContaining("not an ISO instant");
  }
}
