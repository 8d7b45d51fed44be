package dev.verity.core.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Item;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscrowedDeclarationTest {

  @Test
  void commitsToTheRootSizeAndAggregates() throws Exception {
    var a = AgreementCatalog.get("new-start-voluntary-2026");
    Declaration d = EscrowFixtures.declaration(10);
    EscrowedDeclaration e = EscrowedDeclaration.commit(a, d, new SecureRandom());
    EscrowCommitment c = e.commitment();
    assertThat(c.format()).isEqualTo("verity-escrow/v1");
    assertThat(c.agreement()).isEqualTo("new-start-voluntary-2026");
    assertThat(c.size()).isEqualTo(10);
    assertThat(c.root()).hasSize(64).isEqualTo(e.root().hex());
    // 5 silos, each loaded with an ICBM of 1..3 warheads: 1+2+3+1+2
    assertThat(c.aggregates()).containsEntry("deployed_icbm_slbm_hb", 5L).containsEntry("warheads", 9L)
        .containsEntry("deployed_and_nondeployed_launchers", 5L);
    assertThat(e.items()).extracting(Item::id).startsWith("M-00000", "M-00001").endsWith("S-00004");
    // same salts, same root; fresh salts, another root
    assertThat(EscrowedDeclaration.withSalts(a, d, e.salts()).root()).isEqualTo(e.root());
    assertThat(EscrowedDeclaration.commit(a, d, new SecureRandom()).root()).isNotEqualTo(e.root());
  }

  @Test
  void anOpenModeAgreementIsNotEscrowed() throws Exception {
    var open = AgreementCatalog.get("new-start");
    assertThatThrownBy(() -> EscrowedDeclaration.commit(open, EscrowFixtures.declaration(2), new SecureRandom()))
        .isInstanceOf(EscrowException.class)
        .hasMessage("agreement new-start publishes declarations in full (declarationMode: open), not in escrow");
  }

  @Test
  void revealsItemsWithProofsAndRefusesUnknownOnes() throws Exception {
    var a = AgreementCatalog.get("new-start-voluntary-2026");
    EscrowedDeclaration e = EscrowedDeclaration.commit(a, EscrowFixtures.declaration(10), new SecureRandom());
    List<Reveal> r = e.reveal(List.of("S-00002", "M-00000"));
    assertThat(r).extracting(Reveal::index).containsExactly(7L, 0L);
    assertThat(r.get(0).salt()).hasSize(64);
    assertThat(r.get(0).proof()).hasSize(4); // ceil(log2 10)
    assertThatThrownBy(() -> e.reveal(List.of("X"))).hasMessage("item X is not in the declaration");
  }

  @Test
  void twoThousandItemsCommitAndRevealAll() throws Exception {
    var a = AgreementCatalog.get("new-start-voluntary-2026");
    EscrowedDeclaration e = EscrowedDeclaration.commit(a, EscrowFixtures.declaration(2000), new SecureRandom());
    List<Reveal> all = e.revealAll();
    assertThat(all).hasSize(2000);
    assertThat(EscrowVerifier.verify(e.commitment(), all, List.of()).clean()).isTrue();
  }
}
