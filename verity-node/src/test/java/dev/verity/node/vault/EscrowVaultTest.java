package dev.verity.node.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.escrow.EscrowVerifier;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.node.cli.inspection.EscrowBenchCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscrowVaultTest {
  @TempDir Path dir;

  @Test
  void keepsTheDeclarationAndSaltsAcrossARestartInAFileOnlyTheNodeCanRead() throws Exception {
    var a = AgreementCatalog.get("new-start-voluntary-2026");
    EscrowedDeclaration e = EscrowedDeclaration.commit(a, EscrowBenchCommand.synthetic(30), new SecureRandom());
    Path file = dir.resolve("escrow.db");
    try (EscrowVault v = EscrowVault.open(file)) {
      v.put(e);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (EscrowVault v = EscrowVault.open(file)) {
      EscrowedDeclaration back = v.get(a, e.commitment().root()).orElseThrow();
      assertThat(back.commitment()).isEqualTo(e.commitment());
      // the salts came back: a reveal from the reopened vault checks against the original commitment
      assertThat(EscrowVerifier.verify(e.commitment(), back.reveal(List.of("M-0000002")), List.of()).clean()).isTrue();
      assertThat(v.get(a, "00".repeat(32))).isEmpty();
    }
  }
}
