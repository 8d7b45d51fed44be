package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.config.PeerLimits;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.node.verify.StorageCheck;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.tiles.BundleId;
import dev.verity.tlog.tiles.TileSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gap in a peer's log mirrored in steps bounded by the peer limits: each step a proven prefix of
 * the signed checkpoint, stored with its tiles, and the mirror's state verifiable after a stop at
 * any step; a peer whose tiles or entries do not match, or whose entry is too large, is refused
 * with nothing of that step stored.
 */
class MirrorStepsTest {
  static final String ORIGIN = "verity.example/new-start/RU";
  @TempDir Path dir;
  SqliteNodeStore store;
  LogStorage peerLog;
  NoteKeys.KeyPair keys;
  String checkpoint;
  Checkpoint head;

  @BeforeEach
  void setUp() throws Exception {
    store = SqliteNodeStore.open(dir.resolve("node.db"));
    keys = NoteKeys.generate(ORIGIN, NoteKeys.TYPE_ED25519, new SecureRandom());
    peerLog = LogStorage.memory();
    try (LogWriter w =
        LogWriter.builder(new KeepOpen(peerLog))
            .signer(LogCheckpoints.signer(ORIGIN, keys.signerKey()))
            .reader(LogCheckpoints.reader(ORIGIN, keys.verifierKey()))
            .open()) {
      for (int i = 0; i < 1000; i++) {
        w.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    checkpoint = new String(peerLog.readCheckpoint().orElseThrow(), StandardCharsets.UTF_8);
    head = Checkpoint.parse(SignedNote.parse(checkpoint).text());
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  /** The peer's log as the mirror reads it, failing after {@code bundles} bundle reads. */
  Mirror.BundleSource source(int bundles, TileSource tiles) {
    AtomicInteger left = new AtomicInteger(bundles);
    return new Mirror.BundleSource() {
      @Override
      public Optional<byte[]> bundle(BundleId id) throws IOException {
        if (left.getAndDecrement() <= 0) {
          throw new IOException("the peer went away");
        }
        return peerLog.read(id);
      }

      @Override
      public TileSource tiles() {
        return tiles;
      }
    };
  }

  Mirror mirror(PeerLimits limits) throws Exception {
    return Mirror.load("RU", store, null, Clock.systemUTC(), limits);
  }

  PeerConfig peer() {
    return new PeerConfig(
        "https://127.0.0.1:1/",
        new PublicIdentity(
            "RU", "new-start", ORIGIN, keys.verifierKey(), "unused", "unused", "unused"));
  }

  @Test
  void aGapIsMirroredInProvenStepsThatSurviveAStopBetweenThem() throws Exception {
    PeerLimits small = new PeerLimits(0, 300, 0);
    Mirror m = mirror(small);
    // two bundles make the first step (it passes 300 entries), then the peer goes away
    assertThatThrownBy(() -> m.catchUp(head, checkpoint, source(2, peerLog.tileSource())))
        .isInstanceOf(IOException.class);
    assertThat(store.position("RU").mirroredSize()).isEqualTo(512);
    assertThat(store.position("RU").mirroredCheckpoint())
        .as("no signed checkpoint of size 512")
        .isNull();
    assertThat(store.mirrorPending("RU").orElseThrow().checkpoint()).isEqualTo(checkpoint);
    // what was stored verifies on its own: a restart checks the prefix against the stored proof
    assertThat(new StorageCheck(store).mirror(peer(), null, r -> {}).problems()).isEmpty();
    Mirror again = mirror(small);
    again.catchUp(head, checkpoint, source(100, peerLog.tileSource()));
    assertThat(store.position("RU").mirroredSize()).isEqualTo(1000);
    assertThat(store.position("RU").mirroredCheckpoint()).isEqualTo(checkpoint);
    assertThat(store.mirrorPending("RU")).isEmpty();
    assertThat(new StorageCheck(store).mirror(peer(), null, r -> {}).problems()).isEmpty();
    InclusionProof p = again.inclusion(700, 1000);
    p.verify(MerkleHash.leaf("entry 700".getBytes(StandardCharsets.UTF_8)), head.rootHash());
    assertThat(TreeProofs.root(again.hashes(1000), 1000)).isEqualTo(head.rootHash());
  }

  @Test
  void aStepThePeersTilesDoNotProveIsRefusedAndNotStored() throws Exception {
    TileSource lying =
        id -> {
          byte[] t = peerLog.tileSource().readTile(id).clone();
          t[0] ^= 1;
          return t;
        };
    assertThatThrownBy(
            () -> mirror(new PeerLimits(0, 300, 0)).catchUp(head, checkpoint, source(100, lying)))
        .isInstanceOf(FederationException.class)
        .hasMessageContaining("not a prefix of the signed checkpoint");
    assertThat(store.position("RU").mirroredSize()).isZero();
  }

  @Test
  void anEntryLargerThanTheLimitStopsTheMirror() throws Exception {
    assertThatThrownBy(
            () ->
                mirror(new PeerLimits(5, 0, 0))
                    .catchUp(head, checkpoint, source(100, peerLog.tileSource())))
        .isInstanceOf(FederationException.class)
        .satisfies(e -> assertThat(((FederationException) e).kind()).isEqualTo("entry-too-large"));
    assertThat(store.position("RU").mirroredSize()).isZero();
  }

  @Test
  void withoutTilesTheGapIsTakenInOneStep() throws Exception {
    List<Long> sizes = new ArrayList<>();
    Mirror m = mirror(new PeerLimits(0, 10, 0));
    m.catchUp(head, checkpoint, source(100, null));
    sizes.add(store.position("RU").mirroredSize());
    assertThat(sizes).containsExactly(1000L);
  }

  /** Storage a writer may close without closing what the test still reads. */
  private static final class KeepOpen extends dev.verity.tlog.storage.ForwardingLogStorage {
    KeepOpen(LogStorage s) {
      super(s);
    }

    @Override
    public void close() {
      // the test reads the log after its writer is closed
    }
  }
}
