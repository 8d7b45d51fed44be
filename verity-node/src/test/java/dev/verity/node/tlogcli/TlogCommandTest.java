package dev.verity.node.tlogcli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.proof.TlogProof;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlogCommandTest {
  @Test
  void verifyProofAcceptsGoodAndRefusesWrongEntry(@TempDir Path dir) throws Exception {
    assertThat(Cli.run("key", "generate", "--name", "example.com/log", "--out",
        dir.toString()).exit()).isZero();
    String skey = Files.readString(dir.resolve("example.com_log.skey")).strip();
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < 5; i++) {
      tree.append(("entry " + i).getBytes());
    }
    String cp = SignedCheckpoint.sign(new Checkpoint("example.com/log", 5, tree.root()), skey);
    Path proof = dir.resolve("p.tlog-proof");
    Files.writeString(proof, TlogProof.of(TreeProofs.inclusion(tree, 3, 5), cp).format());
    Path entry = dir.resolve("entry");
    Files.write(entry, "entry 3".getBytes());
    String vkey = dir.resolve("example.com_log.vkey").toString();
    Cli.Result ok = Cli.run("tlog", "verify-proof", "--key", vkey, "--entry", entry.toString(),
        proof.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("index 3").contains("size 5");
    Files.write(entry, "entry 4".getBytes());
    Cli.Result bad = Cli.run("tlog", "verify-proof", "--key", vkey, "--entry", entry.toString(),
        proof.toString());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("inclusion");
  }
}
