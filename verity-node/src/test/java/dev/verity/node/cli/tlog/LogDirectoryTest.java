package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import java.security.SecureRandom;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MerkleHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirectoryTest {
  record Checkpoints(CheckpointSigner signer, CheckpointReader reader) {}

  @TempDir Path tmp;

  @Test
  void appendsAuditsAndProves() throws Exception {
    NoteKeys.KeyPair key = NoteKeys.generate("example.com/log", (byte) 1, new SecureRandom());
    Checkpoints cps = new Checkpoints(LogCheckpoints.signer(key.signerKey()),
        LogCheckpoints.reader(key.verifierKey()));
    Path dir = tmp.resolve("log");
    try (LogWriter w = LogDirectory.openForAppend(dir, cps.signer(), cps.reader())) {
      for (int i = 0; i < 300; i++) {
        w.appendAsync(("e" + i).getBytes(StandardCharsets.UTF_8));
      }
      assertThat(w.append("last".getBytes(StandardCharsets.UTF_8))).isEqualTo(300);
    }
    AuditReport r = LogDirectory.audit(dir, cps.reader());
    assertThat(r.isClean()).isTrue();
    assertThat(r.treeHead().orElseThrow().size()).isEqualTo(301);
    InclusionProof p = LogDirectory.prove(dir, cps.reader(), 7, 200);
    assertThat(p.treeSize()).isEqualTo(200);
    p.verify(MerkleHash.leaf("e7".getBytes(StandardCharsets.UTF_8)),
        dev.verity.tlog.merkle.TreeProofs.root(
            LogDirectory.read(dir, cps.reader()).hashReader(), 200));
    byte[] cp = Files.readAllBytes(dir.resolve("checkpoint"));
    cp[cp.length - 5] ^= 1;
    Files.write(dir.resolve("checkpoint"), cp);
    assertThat(LogDirectory.audit(dir, cps.reader()).problems())
        .anyMatch(pr -> pr.path().equals("checkpoint"));
  }
}
