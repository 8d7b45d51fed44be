package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
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

  // shared/vectors/README.md: the Tessera test log's verifier key.
  private static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  @Test
  void appendFsckProveAndVerify(@TempDir Path dir) throws Exception {
    assertThat(Cli.run("key", "generate", "--name", "example.com/log", "--out",
        dir.toString()).exit()).isZero();
    String skey = dir.resolve("example.com_log.skey").toString();
    String vkey = dir.resolve("example.com_log.vkey").toString();
    Path log = dir.resolve("log");
    Cli.Result first = Cli.run("one\ntwo\nthree\n".getBytes(), "tlog", "append", "--log",
        log.toString(), "--key", skey);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("0\n1\n2\nexample.com/log\n3\n");
    Path entry = dir.resolve("four");
    Files.writeString(entry, "four");
    Cli.Result second = Cli.run("tlog", "append", "--log", log.toString(), "--key", skey,
        entry.toString());
    assertThat(second.out()).startsWith("3\nexample.com/log\n4\n");

    Cli.Result fsck = Cli.run("tlog", "fsck", "--log", log.toString(), "--key", vkey);
    assertThat(fsck.exit()).as(fsck.err()).isZero();
    assertThat(fsck.out()).contains("size 4").contains("ok");

    Cli.Result prove = Cli.run("tlog", "prove", "--log", log.toString(), "--index", "3");
    assertThat(prove.exit()).as(prove.err()).isZero();
    Path proof = dir.resolve("p");
    Files.writeString(proof, prove.out());
    Cli.Result ok = Cli.run("tlog", "verify-proof", "--key", vkey, "--entry", entry.toString(),
        proof.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();

    Cli.Result older = Cli.run("tlog", "prove", "--log", log.toString(), "--index", "1",
        "--size", "2");
    assertThat(older.exit()).isNotZero();
    assertThat(older.err()).contains("--sign-key");
    Cli.Result signed = Cli.run("tlog", "prove", "--log", log.toString(), "--index", "1",
        "--size", "2", "--sign-key", skey);
    assertThat(signed.exit()).as(signed.err()).isZero();
    assertThat(TlogProof.parse(signed.out()).checkpoint()).contains("\n2\n");
  }

  @Test
  void fsckAcceptsTheTesseraLogAndNamesAFlippedByte(@TempDir Path dir) throws Exception {
    Path src = Cli.vectors("tessera-testdata-log/log");
    Path copy = dir.resolve("log");
    copyTree(src, copy);
    Cli.Result ok = Cli.run("tlog", "fsck", "--log", copy.toString(), "--key", TESSERA_VKEY);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("size 15").contains("rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=");

    Path tile = copy.resolve("tile/0/000.p/15");
    byte[] b = Files.readAllBytes(tile);
    b[100] ^= 0x01;
    Files.write(tile, b);
    Cli.Result bad = Cli.run("tlog", "fsck", "--log", copy.toString(), "--key", TESSERA_VKEY);
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("tile/0/000.p/15");
  }

  private static void copyTree(Path src, Path dst) throws java.io.IOException {
    try (var s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
          t.toFile().setWritable(true);
        }
      }
    }
  }
}
