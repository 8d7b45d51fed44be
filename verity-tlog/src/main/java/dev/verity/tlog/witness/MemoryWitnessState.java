package dev.verity.tlog.witness;

import dev.verity.tlog.checkpoint.Checkpoint;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link WitnessState} in memory: atomic, not durable. */
final class MemoryWitnessState implements WitnessState {
  private final ConcurrentMap<String, Checkpoint> latest = new ConcurrentHashMap<>();

  @Override
  public Optional<Checkpoint> latest(String origin) {
    return Optional.ofNullable(latest.get(Objects.requireNonNull(origin, "origin")));
  }

  @Override
  public boolean compareAndSwap(Checkpoint expected, Checkpoint next) {
    Objects.requireNonNull(next, "next");
    if (expected == null) {
      return latest.putIfAbsent(next.origin(), next) == null;
    }
    if (!expected.origin().equals(next.origin())) {
      throw new IllegalArgumentException("expected and next have different origins");
    }
    return latest.replace(next.origin(), expected, next);
  }
}
