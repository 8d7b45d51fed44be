package dev.verity.tlog.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.merkle.Hash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWitnessStateTest {
  private static Checkpoint cp(String origin, long size) {
    byte[] root = new byte[32];
    root[0] = (byte) size;
    return new Checkpoint(origin, size, Hash.of(root));
  }

  @Test
  void compareAndSwapPersists(@TempDir Path dir) throws Exception {
    WitnessState s = WitnessState.inDirectory(dir);
    assertThat(s.latest("a b/c")).isEmpty();
    assertThat(s.compareAndSwap(null, cp("a b/c", 1))).isTrue();
    assertThat(s.compareAndSwap(null, cp("a b/c", 2))).isFalse();
    assertThat(s.compareAndSwap(cp("a b/c", 2), cp("a b/c", 3))).isFalse();
    assertThat(s.compareAndSwap(cp("a b/c", 1), cp("a b/c", 3))).isTrue();
    // A fresh instance (as after a restart) sees the durable state; no temp files remain.
    assertThat(WitnessState.inDirectory(dir).latest("a b/c")).contains(cp("a b/c", 3));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void concurrentSwapsFromOneStateOnlyOneWins(@TempDir Path dir) throws Exception {
    WitnessState s = WitnessState.inDirectory(dir);
    s.compareAndSwap(null, cp("o", 1));
    ExecutorService ex = Executors.newFixedThreadPool(4);
    AtomicInteger wins = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 2; i < 10; i++) {
      long size = i;
      fs.add(ex.submit(() -> {
        if (s.compareAndSwap(cp("o", 1), cp("o", size))) {
          wins.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    ex.shutdown();
    assertThat(wins).hasValue(1);
  }

  @Test
  void twoInstancesOnOneDirectoryExcludeEachOther(@TempDir Path dir) throws Exception {
    WitnessState a = WitnessState.inDirectory(dir);
    WitnessState b = WitnessState.inDirectory(dir.resolve(".").resolve("..")
        .resolve(dir.getFileName()));
    a.compareAndSwap(null, cp("o", 1));
    ExecutorService ex = Executors.newFixedThreadPool(4);
    AtomicInteger wins = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 2; i < 12; i++) {
      long size = i;
      WitnessState s = i % 2 == 0 ? a : b;
      fs.add(ex.submit(() -> {
        if (s.compareAndSwap(cp("o", 1), cp("o", size))) {
          wins.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    ex.shutdown();
    assertThat(wins).hasValue(1);
  }

  @Test
  void corruptStateIsReported(@TempDir Path dir) throws Exception {
    WitnessState s = WitnessState.inDirectory(dir);
    s.compareAndSwap(null, cp("o", 1));
    try (var files = Files.list(dir)) {
      Path f = files.filter(p -> p.toString().endsWith(".checkpoint")).findFirst().orElseThrow();
      Files.writeString(f, "garbage");
    }
    assertThatThrownBy(() -> s.latest("o")).isInstanceOf(WitnessException.class)
        .hasMessageContaining("corrupt");
  }
}
