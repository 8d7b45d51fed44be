package dev.verity.node.federation;

import dev.verity.node.store.NodeStore;
import dev.verity.node.store.StoreException;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.CheckpointException;
import dev.verity.tlog.witness.WitnessException;
import dev.verity.tlog.witness.WitnessState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The witness's memory in the node's store: one transaction per cosignature (a single WAL
 * fsync) instead of a file written, fsynced, renamed and its directory fsynced (D18). Nodes made
 * before kept it in files under {@code witness/}; {@link #open} takes those over once.
 */
public final class StoreWitnessState implements WitnessState {
  private final NodeStore store;

  private StoreWitnessState(NodeStore store) {
    this.store = store;
  }

  /** The state in {@code store}, first importing what {@code legacyDir} holds for {@code origins}. */
  public static StoreWitnessState open(NodeStore store, Path legacyDir, Collection<String> origins)
      throws WitnessException {
    StoreWitnessState state = new StoreWitnessState(store);
    if (Files.isDirectory(legacyDir)) {
      WitnessState files = WitnessState.inDirectory(legacyDir);
      for (String origin : origins) {
        Optional<Checkpoint> old = files.latest(origin);
        if (old.isPresent() && state.latest(origin).isEmpty()) {
          state.compareAndSwap(null, old.get());
        }
      }
    }
    return state;
  }

  @Override
  public Optional<Checkpoint> latest(String origin) throws WitnessException {
    Objects.requireNonNull(origin, "origin");
    try {
      Optional<String> text = store.witnessCheckpoint(origin);
      return text.isEmpty() ? Optional.empty() : Optional.of(Checkpoint.parse(text.get()));
    } catch (StoreException e) {
      throw new WitnessException("cannot read witness state: " + e.getMessage(), e);
    } catch (CheckpointException e) {
      throw new WitnessException("witness state of " + origin + " is corrupt: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean compareAndSwap(Checkpoint expected, Checkpoint next) throws WitnessException {
    Objects.requireNonNull(next, "next");
    if (expected != null && !expected.origin().equals(next.origin())) {
      throw new IllegalArgumentException("expected and next have different origins");
    }
    try {
      return store.swapWitnessCheckpoint(next.origin(), expected == null ? null : expected.format(), next.format());
    } catch (StoreException e) {
      throw new WitnessException("cannot write witness state: " + e.getMessage(), e);
    }
  }
}
