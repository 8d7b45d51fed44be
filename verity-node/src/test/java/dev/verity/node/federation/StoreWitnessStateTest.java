package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.store.SqliteNodeStore;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.witness.WitnessState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWitnessStateTest {
  private static final String ORIGIN = "verity.example/new-start/RU";
  @TempDir Path dir;

  private static Checkpoint at(long size) {
    return new Checkpoint(ORIGIN, size, MerkleHash.leaf(new byte[] {(byte) size}));
  }

  @Test
  void takesOverTheFileStateOnceThenKeepsItsOwn() throws Exception {
    Path legacy = dir.resolve("witness");
    WitnessState files = WitnessState.inDirectory(legacy);
    assertThat(files.compareAndSwap(null, at(5))).isTrue();
    try (SqliteNodeStore store = SqliteNodeStore.open(dir.resolve("node.db"))) {
      StoreWitnessState state = StoreWitnessState.open(store, legacy, List.of(ORIGIN, "unknown/origin"));
      assertThat(state.latest(ORIGIN)).contains(at(5));
      assertThat(state.latest("unknown/origin")).isEmpty();
      assertThat(state.compareAndSwap(at(4), at(7))).as("stale expectation").isFalse();
      assertThat(state.compareAndSwap(at(5), at(7))).isTrue();
      assertThat(StoreWitnessState.open(store, legacy, List.of(ORIGIN)).latest(ORIGIN))
          .as("the old files do not roll the witness back on the next start").contains(at(7));
    }
  }

  @Test
  void startsEmptyWithoutFilesAndCreatesNone() throws Exception {
    try (SqliteNodeStore store = SqliteNodeStore.open(dir.resolve("node.db"))) {
      StoreWitnessState state = StoreWitnessState.open(store, dir.resolve("witness"), List.of(ORIGIN));
      assertThat(state.latest(ORIGIN)).isEmpty();
      assertThat(state.compareAndSwap(null, at(1))).isTrue();
      assertThat(state.compareAndSwap(null, at(2))).as("someone else set it first").isFalse();
    }
    assertThat(dir.resolve("witness")).doesNotExist();
  }
}
