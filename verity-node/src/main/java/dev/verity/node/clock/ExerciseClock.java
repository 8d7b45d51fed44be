package dev.verity.node.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The clock of an exercise node (drills, the scripted treaty year): it starts at the configured
 * instant and moves only when an operator advances it, never backwards. Every time the node
 * records (entries' {@code createdAt}, witness cosignatures, "now" for obligations) comes from it.
 * The current time is kept in {@code DIR/exercise-clock} (written before the advance is answered),
 * so a restarted node resumes where it stopped.
 */
public final class ExerciseClock extends Clock {
  static final String FILE = "exercise-clock";

  private final Path file;
  private volatile Instant now;

  private ExerciseClock(Path file, Instant now) {
    this.file = file;
    this.now = now;
  }

  /** The clock of the node in {@code dir}: the persisted time, or {@code start} on first use. */
  public static ExerciseClock open(Path dir, Instant start) throws IOException {
    Path f = dir.resolve(FILE);
    Instant now = start;
    if (Files.exists(f)) {
      try {
        now = Instant.parse(Files.readString(f, StandardCharsets.UTF_8).trim());
      } catch (DateTimeParseException e) {
        throw new IOException(f + ": not an ISO instant: " + e.getParsedString());
      }
    }
    ExerciseClock c = new ExerciseClock(f, now);
    c.persist(now);
    return c;
  }

  /** Moves the clock to {@code to}; refused when that is before the current time. */
  public synchronized Instant advanceTo(Instant to) throws IOException {
    if (to.isBefore(now)) {
      throw new IllegalArgumentException("the exercise clock only moves forward: it is " + now + ", not before");
    }
    persist(to);
    now = to;
    return now;
  }

  private void persist(Instant t) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.writeString(tmp, t.toString() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the exercise clock is UTC");
    }
    return this;
  }
}
