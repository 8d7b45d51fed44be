package dev.verity.node.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.ForwardingLogStorage;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The own log's head: a checkpoint this process signed is taken without verifying its
 * signature again, any other bytes are verified, and a bad signature is still caught.
 */
class VerifiedLogTest {
  static final String ORIGIN = "verity.example/new-start/US";

  @Test
  void checkpointsSignedHereAreNotVerifiedAgainButOthersAre() throws Exception {
    var keys = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());
    CheckpointReader real = LogCheckpoints.reader(ORIGIN, keys.verifierKey());
    AtomicInteger verified = new AtomicInteger();
    CheckpointReader counting = file -> {
      verified.incrementAndGet();
      return real.open(file);
    };
    LogStorage storage = LogStorage.memory();
    List<String> problems = new ArrayList<>();
    VerifiedLog own = new VerifiedLog("US", storage, counting, p -> problems.add(p.toString()));
    VerifiedLog other = new VerifiedLog("US", storage, counting, p -> problems.add(p.toString()));
    try (LogWriter log = LogWriter.builder(storage)
        .signer(own.signingHere(LogCheckpoints.signer(ORIGIN, keys.signerKey())))
        .reader(real).open()) {
      for (int i = 0; i < 3; i++) {
        log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        int before = verified.get();
        assertThat(own.head().tree().head().size()).isEqualTo(i + 1);
        assertThat(verified.get()).as("signed here: not verified again").isEqualTo(before);
        assertThat(other.head().tree().head().size()).isEqualTo(i + 1);
        assertThat(verified.get()).as("the same bytes, never signed by that log's writer")
            .isEqualTo(before + 1);
      }
      assertThat(problems).isEmpty();
    }
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsRefusedEvenAfterOwnSignatures() throws Exception {
    var keys = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());
    var intruder = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());
    CheckpointReader real = LogCheckpoints.reader(ORIGIN, keys.verifierKey());
    LogStorage storage = LogStorage.memory();
    AtomicReference<byte[]> served = new AtomicReference<>();
    LogStorage shown = new ForwardingLogStorage(storage) {
      @Override
      public Optional<byte[]> readCheckpoint() throws IOException {
        return served.get() != null ? Optional.of(served.get()) : super.readCheckpoint();
      }
    };
    List<String> problems = new ArrayList<>();
    VerifiedLog own = new VerifiedLog("US", shown, real, p -> problems.add(p.toString()));
    try (LogWriter log = LogWriter.builder(storage)
        .signer(own.signingHere(LogCheckpoints.signer(ORIGIN, keys.signerKey())))
        .reader(real).open()) {
      log.append("entry".getBytes(StandardCharsets.UTF_8));
      TreeHead head = own.head().tree().head();
      assertThat(head.size()).isEqualTo(1);
      // the same tree head, signed by another key (a replaced file): verified, and refused
      served.set(LogCheckpoints.signer(ORIGIN, intruder.signerKey()).sign(1, head.root()));
      assertThatThrownBy(own::head).isInstanceOf(StorageCorruptException.class);
      assertThat(problems).hasSize(1);
    }
  }
}
