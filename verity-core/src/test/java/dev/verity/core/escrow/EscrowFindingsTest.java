package dev.verity.core.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.inspection.InspectionMessage.Findings;
import dev.verity.core.message.Item;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscrowFindingsTest {
  Map<String, Item> revealed = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    EscrowedDeclaration e = EscrowedDeclaration.commit(AgreementCatalog.get("new-start-voluntary-2026"),
        EscrowFixtures.declaration(20), new SecureRandom());
    // what the other Party accepted: reveals that check against the commitment
    EscrowVerifier.Result r = EscrowVerifier.verify(e.commitment(), e.reveal(List.of("S-00001", "M-00001", "S-00002")), List.of());
    r.accepted().forEach(i -> revealed.put(i.id(), i));
  }

  private static Findings findings(List<String> uids, Integer rvs, Map<String, Integer> bombers) {
    return new Findings("I-1", uids, rvs, bombers);
  }

  @Test
  void findingsThatMatchTheRevealedItemsRaiseNothing() {
    // M-00001 carries 1 + 1 % 3 = 2 warheads
    assertThat(EscrowFindings.check(revealed, "BASE-1", "M-00001", findings(List.of("S-00001", "M-00001"), 2, null)))
        .isEmpty();
  }

  @Test
  void anItemSeenButNotRevealedIsNamed() {
    assertThat(EscrowFindings.check(revealed, "BASE-1", null, findings(List.of("S-00001", "M-00007"), null, null)))
        .containsExactly(new RevealProblem("M-00007", "seen by the inspectors at BASE-1 but not revealed with a valid proof"));
  }

  @Test
  void anItemSeenElsewhereThanRevealedIsNamed() {
    assertThat(EscrowFindings.check(revealed, "BASE-9", null, findings(List.of("S-00002"), null, null)))
        .containsExactly(new RevealProblem("S-00002", "seen by the inspectors at BASE-9 but revealed at BASE-1"));
  }

  @Test
  void moreReentryVehiclesThanRevealedAreNamed() {
    assertThat(EscrowFindings.check(revealed, "BASE-1", "M-00001", findings(List.of(), 3, null)))
        .containsExactly(new RevealProblem("M-00001", "reentry vehicles counted: 3, revealed: 2"));
  }

  @Test
  void aDesignatedMissileThatWasNotRevealedIsNamed() {
    assertThat(EscrowFindings.check(revealed, "BASE-1", "M-00005", findings(List.of(), 1, null)))
        .containsExactly(new RevealProblem("M-00005", "designated missile not revealed with a valid proof"));
  }

  @Test
  void aBomberInspectedButNotRevealedIsNamed() {
    assertThat(EscrowFindings.check(revealed, "BASE-1", null, findings(List.of(), null, Map.of("B-1", 0))))
        .containsExactly(new RevealProblem("B-1", "bomber inspected but not revealed with a valid proof"));
  }
}
