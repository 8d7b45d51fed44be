package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
import dev.verity.tlog.note.NoteKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {
  @Test
  void generateWritesGoFormatKeysWithPrivateMode(@TempDir Path dir) throws Exception {
    Cli.Result r = Cli.run("key", "generate", "--name", "alice", "--out", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String skey = Files.readString(dir.resolve("alice.skey")).strip();
    String vkey = Files.readString(dir.resolve("alice.vkey")).strip();
    assertThat(skey).startsWith("PRIVATE+KEY+alice+");
    assertThat(NoteKeys.verifierKeyOf(skey)).isEqualTo(vkey);
    NoteKeys.parseVerifier(vkey);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("alice.skey")))).isEqualTo("rw-------");
  }

  @Test
  void refusesToOverwriteUnlessForced(@TempDir Path dir) throws Exception {
    assertThat(Cli.run("key", "generate", "--name", "a", "--out", dir.toString()).exit())
        .isZero();
    String before = Files.readString(dir.resolve("a.skey"));
    Cli.Result again = Cli.run("key", "generate", "--name", "a", "--out", dir.toString());
    assertThat(again.exit()).isNotZero();
    assertThat(again.err()).contains("exists");
    assertThat(Files.readString(dir.resolve("a.skey"))).isEqualTo(before);
    assertThat(Cli.run("key", "generate", "--name", "a", "--out", dir.toString(), "--force")
        .exit()).isZero();
    assertThat(Files.readString(dir.resolve("a.skey"))).isNotEqualTo(before);
  }

  @Test
  void cosignatureTypeAndNamesWithSlashes(@TempDir Path dir) throws Exception {
    Cli.Result r = Cli.run("key", "generate", "--name", "witness.example/w1", "--out",
        dir.toString(), "--type", "cosignature");
    assertThat(r.exit()).as(r.err()).isZero();
    String vkey = Files.readString(dir.resolve("witness.example_w1.vkey")).strip();
    assertThat(NoteKeys.splitVerifierKey(vkey).type()).isEqualTo(NoteKeys.TYPE_COSIGNATURE_V1);
    assertThat(Cli.run("key", "generate", "--name", "a b", "--out", dir.toString()).exit())
        .isNotZero();
  }
}
