package dev.verity.node.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.message.Item;
import dev.verity.node.cli.inspection.EscrowBenchCommand;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer's side: reveals mirrored from a Party are checked against its commitment as they are applied. */
class EscrowLedgerTest {
  EscrowedDeclaration escrow;
  EscrowLedger ledger;
  long next;

  @BeforeEach
  void setUp() throws Exception {
    var a = AgreementCatalog.get("new-start-voluntary-2026");
    escrow = EscrowedDeclaration.commit(a, EscrowBenchCommand.synthetic(40), new SecureRandom());
    ledger = new EscrowLedger(a);
    apply(EscrowEntries.COMMITMENT, EscrowEntries.commitmentBody(escrow.commitment()));
  }

  private void apply(String type, JsonNode body) {
    ledger.apply("US", next++, type, body);
  }

  private void reveal(List<Reveal> rs) {
    EscrowEntries.revealBodies(escrow.commitment().root(), rs).forEach(b -> apply(EscrowEntries.REVEAL, b));
  }

  private List<EscrowLedger.RevealView> reveals() {
    @SuppressWarnings("unchecked")
    var us = (Map<String, Object>) ledger.view().get("US");
    @SuppressWarnings("unchecked")
    var rs = (List<EscrowLedger.RevealView>) us.get("reveals");
    return rs;
  }

  @Test
  void theCommittedAggregatesAreKnownWithNothingRevealed() {
    var x = ledger.asOf("US", null).orElseThrow();
    assertThat(x.commitment().aggregates()).isEqualTo(escrow.commitment().aggregates());
    assertThat(x.revealed()).isEmpty();
    assertThat(x.entry()).isEqualTo(new EscrowLedger.EntryRef("US", 0));
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void honestRevealsCheckAndCount() throws Exception {
    reveal(escrow.reveal(List.of("M-0000003", "S-0000007")));
    assertThat(ledger.problems()).isEmpty();
    assertThat(reveals()).extracting(EscrowLedger.RevealView::item, EscrowLedger.RevealView::ok)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("M-0000003", true), org.assertj.core.groups.Tuple.tuple("S-0000007", true));
    assertThat(ledger.revealedIds("US", escrow.commitment().root())).containsExactly("M-0000003", "S-0000007");
  }

  @Test
  void anAlteredItemIsNamed() throws Exception {
    Reveal r = escrow.reveal(List.of("M-0000003")).get(0);
    reveal(List.of(new Reveal(r.item().withWarheads(1 + r.item().warheadCount()), r.salt(), r.index(), r.proof())));
    assertThat(ledger.problems()).singleElement().asString()
        .startsWith("US/1: escrow reveal of M-0000003: does not match the commitment at index");
    assertThat(reveals()).singleElement().extracting(EscrowLedger.RevealView::ok).isEqualTo(false);
    assertThat(ledger.asOf("US", null).orElseThrow().revealed()).isEmpty();
  }

  @Test
  void anItemThatWasNeverCommittedIsProvedAbsent() throws Exception {
    // M-0000003 and M-0000004 are adjacent leaves; "M-0000003A" would sit between them
    reveal(escrow.reveal(List.of("M-0000003", "M-0000004")));
    Reveal near = escrow.reveal(List.of("M-0000003")).get(0);
    Item forged = new Item("M-0000003A", "icbm", "BASE-0", "S-0000099", null, 1, null, null, null, null);
    reveal(List.of(new Reveal(forged, near.salt(), 30, near.proof()))); // an index not revealed yet
    assertThat(ledger.problems()).singleElement().asString().contains("M-0000003A: not in the committed declaration: it"
        + " would sit between M-0000003 (index " + near.index() + ") and M-0000004 (index " + (near.index() + 1) + ")");
  }

  @Test
  void anIndexOrItemRevealedTwiceIsNamed() throws Exception {
    List<Reveal> rs = escrow.reveal(List.of("M-0000003", "M-0000005"));
    reveal(rs.subList(0, 1));
    reveal(rs.subList(0, 1));
    Reveal other = rs.get(1);
    reveal(List.of(new Reveal(other.item(), other.salt(), rs.get(0).index(), other.proof())));
    assertThat(ledger.problems()).containsExactly(
        "US/2: escrow reveal of M-0000003: revealed more than once (already in US/1)",
        "US/3: escrow reveal of M-0000005: index " + rs.get(0).index() + " was already revealed for M-0000003");
  }

  @Test
  void aRevealOfAnUncommittedRootIsNamed() throws Exception {
    JsonNode body = EscrowEntries.revealBodies("ab".repeat(32), escrow.reveal(List.of("M-0000003"))).get(0);
    apply(EscrowEntries.REVEAL, body);
    assertThat(ledger.problems()).containsExactly("US/1: escrow reveal of 1 item(s) for root " + "ab".repeat(32)
        + ", which US never committed");
  }

  @Test
  void anUnreadableRevealIsRecordedAndTheNextEntriesStillApply() throws Exception {
    ObjectNode body = (ObjectNode) EscrowEntries.revealBodies(escrow.commitment().root(), escrow.reveal(List.of("M-0000003"))).get(0);
    ((ObjectNode) body.get("reveals").get(0)).put("unexpected", 1);
    apply(EscrowEntries.REVEAL, body);
    reveal(escrow.reveal(List.of("M-0000004")));
    assertThat(ledger.problems()).singleElement().asString().startsWith("US/1: unreadable escrow-reveal: Unrecognized field \"unexpected\"");
    assertThat(ledger.revealedIds("US", escrow.commitment().root())).containsExactly("M-0000004");
  }

  @Test
  void aMalformedCommitmentIsNamedAndIgnored() {
    ObjectNode c = (ObjectNode) EscrowEntries.commitmentBody(escrow.commitment());
    c.put("root", "xyz");
    ledger.apply("RU", 0, EscrowEntries.COMMITMENT, c);
    assertThat(ledger.problems()).containsExactly("RU/0: escrow commitment not accepted: party is not RU");
    assertThat(ledger.asOf("RU", null)).isEmpty();
  }

  @Test
  void aCommitmentUnderAnOpenAgreementIsNamed() throws Exception {
    EscrowLedger open = new EscrowLedger(AgreementCatalog.get("new-start"));
    open.apply("US", 0, EscrowEntries.COMMITMENT, EscrowEntries.commitmentBody(escrow.commitment()));
    assertThat(open.problems()).containsExactly(
        "US/0: escrow commitment under new-start, which publishes declarations in full");
  }

  @Test
  void theSizeEstimateOfARevealIsAnUpperBoundOfItsEncoding() throws Exception {
    for (Reveal r : escrow.revealAll()) {
      int actual = dev.verity.node.json.CanonicalJson.encode(dev.verity.core.message.DataExchangeJson.mapper().valueToTree(r)).length;
      assertThat(EscrowEntries.encodedBytesAtMost(r)).isBetween(actual, actual + 100);
    }
  }

  @Test
  void aFullRevealSpansSeveralEntriesEachUnderTheEntryLimit() throws Exception {
    List<JsonNode> bodies = EscrowEntries.revealBodies(escrow.commitment().root(), escrow.revealAll());
    assertThat(bodies).allSatisfy(b -> assertThat(dev.verity.node.json.CanonicalJson.encode(b).length)
        .isLessThanOrEqualTo(dev.verity.node.entry.EntrySlices.BUDGET + 2000));
    bodies.forEach(b -> apply(EscrowEntries.REVEAL, b));
    assertThat(ledger.problems()).isEmpty();
    assertThat(ledger.asOf("US", null).orElseThrow().revealed()).hasSize(40);
  }
}
