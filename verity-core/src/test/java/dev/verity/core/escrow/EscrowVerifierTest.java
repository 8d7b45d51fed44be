package dev.verity.core.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.LimitStatus;
import dev.verity.core.message.Item;
import dev.verity.core.selection.Canonical;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscrowVerifierTest {
  Agreement agreement;
  EscrowedDeclaration escrow;

  @BeforeEach
  void setUp() throws Exception {
    agreement = AgreementCatalog.get("new-start-voluntary-2026");
    escrow = EscrowedDeclaration.commit(agreement, EscrowFixtures.declaration(20), new SecureRandom());
  }

  private EscrowVerifier.Result verify(List<Reveal> rs, List<Item> observed) {
    return EscrowVerifier.verify(escrow.commitment(), rs, observed);
  }

  @Test
  void cleanRevealsAreAccepted() throws Exception {
    List<Reveal> rs = escrow.reveal(List.of("M-00003", "S-00007", "M-00000"));
    EscrowVerifier.Result r = verify(rs, List.of());
    assertThat(r.clean()).isTrue();
    assertThat(r.accepted()).extracting(Item::id).containsExactly("M-00003", "S-00007", "M-00000");
  }

  @Test
  void anAlteredItemIsDetected() throws Exception {
    Reveal r = escrow.reveal(List.of("M-00003")).get(0);
    Reveal altered = new Reveal(r.item().withWarheads(7), r.salt(), r.index(), r.proof());
    assertThat(verify(List.of(altered), List.of()).problems()).singleElement().isEqualTo(new RevealProblem("M-00003",
        "does not match the commitment at index 3: the item record, its salt or its index differs from what was committed"));
  }

  @Test
  void aWrongSaltIsDetected() throws Exception {
    Reveal r = escrow.reveal(List.of("M-00003")).get(0);
    Reveal salted = new Reveal(r.item(), Canonical.hex(new byte[32]), r.index(), r.proof());
    assertThat(verify(List.of(salted), List.of()).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("does not match the commitment at index 3"));
    Reveal shortSalt = new Reveal(r.item(), "abcd", r.index(), r.proof());
    assertThat(verify(List.of(shortSalt), List.of()).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).isEqualTo("salt is not 32 bytes of hex"));
  }

  @Test
  void aProofForAnotherIndexIsDetected() throws Exception {
    List<Reveal> rs = escrow.reveal(List.of("M-00003", "M-00004"));
    Reveal swapped = new Reveal(rs.get(0).item(), rs.get(0).salt(), rs.get(0).index(), rs.get(1).proof());
    Reveal moved = new Reveal(rs.get(1).item(), rs.get(1).salt(), 5, rs.get(1).proof());
    Reveal outside = new Reveal(rs.get(1).item(), rs.get(1).salt(), 20, rs.get(1).proof());
    assertThat(verify(List.of(swapped), List.of()).clean()).isFalse();
    assertThat(verify(List.of(moved), List.of()).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("does not match the commitment at index 5"));
    assertThat(verify(List.of(outside), List.of()).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).isEqualTo("index 20 is outside the committed declaration of 20 items"));
  }

  @Test
  void aProofOfTheWrongLengthIsNotReportedAsAMismatch() throws Exception {
    Reveal r = escrow.reveal(List.of("M-00003")).get(0);
    Reveal truncated = new Reveal(r.item(), r.salt(), r.index(),
        r.proof().subList(0, r.proof().size() - 1));
    assertThat(verify(List.of(truncated), List.of()).problems()).singleElement()
        .isEqualTo(new RevealProblem("M-00003",
            "proof does not check: inclusion proof has too few hashes (4)"));
  }

  @Test
  void anItemThatWasNotCommittedIsDetected() throws Exception {
    // M-00003a would sit between M-00003 (index 3) and M-00004 (index 4)
    List<Reveal> rs = new ArrayList<>(escrow.reveal(List.of("M-00003", "M-00004")));
    Reveal forged = new Reveal(new Item("M-00003a", "icbm", "BASE-1", null, null, 1, null, null, null, null),
        Canonical.hex(new byte[32]), 9, rs.get(1).proof());
    rs.add(forged);
    EscrowVerifier.Result r = verify(rs, List.of());
    assertThat(r.accepted()).hasSize(2);
    assertThat(r.problems()).singleElement().isEqualTo(new RevealProblem("M-00003a",
        "not in the committed declaration: it would sit between M-00003 (index 3) and M-00004 (index 4), which are adjacent"));
    // without neighbours revealed it is still refused
    assertThat(verify(List.of(forged), List.of()).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("does not match the commitment at index 9"));
  }

  @Test
  void duplicatesAreDetected() throws Exception {
    Reveal r = escrow.reveal(List.of("M-00003")).get(0);
    assertThat(verify(List.of(r, r), List.of()).problems()).singleElement()
        .isEqualTo(new RevealProblem("M-00003", "revealed more than once"));
    Reveal other = escrow.reveal(List.of("M-00004")).get(0);
    Reveal sameIndex = new Reveal(other.item(), other.salt(), 3, other.proof());
    assertThat(verify(List.of(r, sameIndex), List.of()).problems()).singleElement()
        .isEqualTo(new RevealProblem("M-00004", "index 3 was already revealed for M-00003"));
  }

  @Test
  void revealsAreCheckedAgainstWhatTheInspectorsSaw() throws Exception {
    List<Reveal> rs = escrow.reveal(List.of("M-00003", "M-00004"));
    List<Item> seen = List.of(
        new Item("M-00003", null, "BASE-1", null, null, 1, null, null, null, null), // declared 1 (3 % 3 + 1)
        new Item("M-00004", null, null, null, null, 3, null, null, null, null), // declared 2
        Item.of("M-99999", "icbm", "BASE-1"));
    EscrowVerifier.Result r = verify(rs, seen);
    assertThat(r.problems()).containsExactly(
        new RevealProblem("M-00004", "revealed record differs from what the inspectors saw: warheads declared 2, seen 3"),
        new RevealProblem("M-99999", "seen by the inspectors but not revealed with a valid proof"));
  }

  @Test
  void theCommittedAggregatesAreCheckedAgainstTheLimitsWithoutReveals() {
    var pc = EscrowVerifier.compliance(agreement, escrow.commitment());
    assertThat(pc.limits()).hasSize(3).allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.WITHIN));
    var over = new EscrowCommitment(EscrowCommitment.FORMAT, agreement.id(), "US", escrow.commitment().asOf(), 1,
        escrow.commitment().root(), java.util.Map.of("warheads", 1600L, "deployed_icbm_slbm_hb", 700L, "deployed_and_nondeployed_launchers", 800L));
    assertThat(EscrowVerifier.compliance(agreement, over).violates()).isTrue();
  }

  @Test
  void aFullRevealRecomputesTheCommittedAggregates() throws Exception {
    var d = EscrowFixtures.declaration(20);
    EscrowVerifier.Result r = verify(escrow.revealAll(), List.of());
    assertThat(EscrowVerifier.aggregatesOfFullReveal(agreement, escrow.commitment(), r.accepted(), d.facilities())).isNull();
    var c = escrow.commitment();
    var inflated = new EscrowCommitment(c.format(), c.agreement(), c.party(), c.asOf(), c.size(), c.root(),
        java.util.Map.of("warheads", 1L, "deployed_icbm_slbm_hb", 10L, "deployed_and_nondeployed_launchers", 10L));
    assertThat(EscrowVerifier.aggregatesOfFullReveal(agreement, inflated, r.accepted(), d.facilities()).reason())
        .startsWith("committed aggregates {deployed_and_nondeployed_launchers=10, deployed_icbm_slbm_hb=10, warheads=1} differ");
    assertThat(EscrowVerifier.aggregatesOfFullReveal(agreement, c, r.accepted().subList(0, 3), d.facilities())).isNull();
  }
}
