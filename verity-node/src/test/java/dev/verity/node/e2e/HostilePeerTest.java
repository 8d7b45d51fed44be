package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.federation.PeerClient;
import dev.verity.node.federation.Push;
import dev.verity.tlog.log.LogReader;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.runtime.Node;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.witness.AddCheckpointRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Russian node that misbehaves towards the US node: the test holds RU's keys and pushes
 * checkpoints to the US witness itself, and RU's log is served to US as its files are on disk,
 * unchecked ({@link StaticLogServer}: a Verity node withholds a damaged file). A checkpoint with a
 * bad signature, a fork (another tree of a size already cosigned) and an altered entry (served
 * from RU's tampered tile) are each refused, raised as an alarm shown by the API, and never
 * cosigned.
 */
class HostilePeerTest {
  @TempDir Path root;

  @Test
  @Timeout(180)
  void forksAlteredEntriesAndBadSignaturesAreDetectedAndNeverCosigned() throws Exception {
    Cluster c = new Cluster(root);
    Member usM = c.init("new-start", "US");
    Member ruM = c.init("new-start", "RU");
    NodeIdentity ruKeys = NodeIdentity.load(ruM.dir, "new-start", "RU");
    String usPin = NodeIdentity.readPublic(usM.dir.resolve("identity.json")).tlsPin();
    c.pin(ruM, usM, "https://127.0.0.1:1/"); // RU never pushes by itself: the test does
    try (StaticLogServer hostile = new StaticLogServer(ruKeys, ruM.dir.resolve("log"), usPin)) {
      c.pin(usM, ruM, hostile.url());
      run(c, usM, ruM);
    }
  }

  private void run(Cluster c, Member usM, Member ruM) throws Exception {
    try (Node us = Node.start(usM.dir); Node ru = Node.start(ruM.dir)) {
      var decl = DemoScenario.submissions("RU", 0, 1).get(0);
      ru.submitter().submit(new SubmitRequest(decl.clientId(), decl.type(), decl.message()), "test");
      PublicIdentity usId = NodeIdentity.readPublic(usM.dir.resolve("identity.json"));
      PeerClient asRu = new PeerClient(ru.identity(), new PeerConfig(usM.peerUrl(), usId));

      String honest = checkpoint(ru);
      long size = Checkpoint.parse(SignedNote.parse(honest).text()).size();
      var ok = asRu.addCheckpoint(new AddCheckpointRequest(0, List.of(), honest).format());
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(us.store().position("RU").mirroredSize()).isEqualTo(size);

      // 1. bad signature: RU's origin, someone else's key
      String origin = ru.identity().publicIdentity().origin();
      String forged = SignedCheckpoint.sign(new Checkpoint(origin, size + 1, MerkleHash.EMPTY_ROOT),
          NoteKeys.generate(origin, NoteKeys.TYPE_ED25519, new SecureRandom()).signerKey());
      var bad = asRu.addCheckpoint(new AddCheckpointRequest(size, List.of(), forged).format());
      assertThat(bad.status()).isEqualTo(403);

      // 2. fork: RU's real key signs another tree of the size already cosigned
      String fork = SignedCheckpoint.sign(new Checkpoint(origin, size, MerkleHash.leaf(new byte[] {42})),
          ru.identity().logSignerKey());
      var forked = asRu.addCheckpoint(new AddCheckpointRequest(size, List.of(), fork).format());
      assertThat(forked.status()).isEqualTo(422);

      // an honest push carries its entries: the witness needs nothing from RU's tiles (moved away)
      ru.submitter().submit(new SubmitRequest("ex-0", "bomber-exercise", Cluster.JSON.readTree(
          "{\"eventTime\":\"2020-08-01T00:00:00Z\"}")), "test");
      String pushed = checkpoint(ru);
      long pushedSize = Checkpoint.parse(SignedNote.parse(pushed).text()).size();
      Path served = ruM.dir.resolve("log/tile/entries/000.p/" + pushedSize);
      Path away = served.resolveSibling("away");
      Push withEntries = push(ru, size, pushedSize, pushed);
      Files.move(served, away);
      var honestPush = asRu.addCheckpoint(withEntries);
      Files.move(away, served);
      assertThat(honestPush.status()).as(honestPush.body()).isEqualTo(200);
      assertThat(us.store().position("RU").mirroredSize()).isEqualTo(pushedSize);
      size = pushedSize;

      // 3. altered entry: RU appends one more, then its served bundle is changed on disk
      ru.submitter().submit(new SubmitRequest("ex-1", "bomber-exercise", Cluster.JSON.readTree(
          "{\"eventTime\":\"2020-09-01T00:00:00Z\"}")), "test");
      String next = checkpoint(ru);
      long nextSize = Checkpoint.parse(SignedNote.parse(next).text()).size();
      Path bundle = ruM.dir.resolve("log/tile/entries/000.p/" + nextSize);
      String text = new String(Files.readAllBytes(bundle), StandardCharsets.ISO_8859_1);
      assertThat(text).contains("bomber-exercise");
      Files.write(bundle, text.replace("bomber-exercise", "bomber-exercisf").getBytes(StandardCharsets.ISO_8859_1));
      var proof = ru.logStorage();
      var consistency = dev.verity.tlog.log.LogReader.open(proof, ru.ownReader()).consistencyProof(size, nextSize).path();
      var altered = asRu.addCheckpoint(new AddCheckpointRequest(size, consistency, next).format());
      assertThat(altered.status()).as(altered.body()).isEqualTo(422);
      // ... and the same altered entry pushed with the checkpoint
      var alteredPush = asRu.addCheckpoint(push(ru, size, nextSize, next));
      assertThat(alteredPush.status()).as(alteredPush.body()).isEqualTo(422);
      assertThat(alteredPush.body()).contains("do not hash to the signed checkpoint's root");

      // the pull side finds the same in what RU serves, without any push
      int alarms = us.store().alarms().size();
      us.witness().poll(us.config().peers().get(0));
      assertThat(us.store().alarms()).hasSize(alarms + 1);
      assertThat(us.store().alarms().get(alarms).detail()).startsWith("served log");

      assertThat(us.store().position("RU").mirroredSize()).as("nothing of the bad checkpoints applied").isEqualTo(size);
      assertThat(us.store().latestCosignature("RU", "US").orElseThrow().size()).as("never cosigned").isEqualTo(size);
      JsonNode log = Cluster.getJson(usM, "/api/v1/log");
      assertThat(log.path("alarms").findValuesAsText("kind")).contains("bad-signature", "fork", "altered-entry");
    }
  }

  /** RU's add-checkpoint from {@code old} to {@code size} with the entries as RU's disk holds them. */
  private static Push push(Node ru, long old, long size, String checkpoint) throws Exception {
    var log = LogReader.open(ru.logStorage(), ru.ownReader());
    String request = new AddCheckpointRequest(old, log.consistencyProof(old, size).path(), checkpoint).format();
    return new Push(request.getBytes(StandardCharsets.UTF_8), old, log.entries(old, size));
  }

  static String checkpoint(Node n) throws Exception {
    return new String(n.logStorage().readCheckpoint().orElseThrow(), StandardCharsets.UTF_8);
  }
}
