package dev.verity.core.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Item;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.replay.Replay;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escrowed declarations behind the regime SPI: the proofs are checked as the node checks them. */
class EscrowRegimeTest {
  static final ObjectMapper JSON = DataExchangeJson.mapper();

  static JsonNode reveal(String root, List<Reveal> rs) {
    ObjectNode o = JSON.createObjectNode();
    o.put("root", root);
    o.put("part", 0);
    o.put("parts", 1);
    rs.forEach(r -> o.withArray("reveals").add((JsonNode) JSON.valueToTree(r)));
    return o;
  }

  @Test
  void revealsAreCheckedAgainstTheCommitmentAndAnAlteredOneIsKeptWithItsProblem()
      throws Exception {
    Agreement a = AgreementCatalog.get("new-start-voluntary-2026");
    EscrowedDeclaration d = EscrowedDeclaration.commit(a, EscrowFixtures.declaration(20),
        new SecureRandom());
    String root = d.commitment().root();
    List<Reveal> good = d.reveal(List.of("M-00001", "S-00001"));
    Reveal bad = d.reveal(List.of("M-00002")).get(0);
    Item altered = bad.item().withWarheads(bad.item().warheadCount() + 1);
    Instant t = Instant.parse("2026-03-20T10:00:00Z");
    List<Replay.Input> in = new ArrayList<>();
    in.add(new Replay.Input(0, t, "US", "escrow-commitment", JSON.valueToTree(d.commitment())));
    in.add(new Replay.Input(1, t.plusSeconds(60), "US", "escrow-reveal", reveal(root, good)));
    in.add(new Replay.Input(2, t.plusSeconds(120), "US", "escrow-reveal", reveal(root,
        List.of(new Reveal(altered, bad.salt(), bad.index(), bad.proof())))));
    in.add(new Replay.Input(3, t.plusSeconds(180), "US", "escrow-reveal", reveal("00".repeat(32),
        good)));
    in.add(new Replay.Input(4, t.plusSeconds(240), "US", "escrow-commitment",
        JSON.valueToTree(d.commitment())));

    Replay.Result r = Replay.run(a, in, null);
    assertThat(r.accepted()).containsExactly(0, 1, 2);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, Kind.SUBJECT, "known-root"),
            org.assertj.core.groups.Tuple.tuple(4, Kind.SUBJECT, "unique-root"));
    var us = (EscrowRegime.PartyView) ((java.util.Map<?, ?>) r.state().get("escrow")).get("US");
    assertThat(us.commitments()).singleElement().satisfies(c ->
        assertThat(c.revealed()).extracting(Item::id).containsExactly("M-00001", "S-00001"));
    assertThat(us.reveals()).filteredOn(x -> !x.ok()).singleElement().satisfies(x -> {
      assertThat(x.item()).isEqualTo("M-00002");
      assertThat(x.problem()).contains("does not match the commitment");
    });
  }

  @Test
  void anOpenAgreementTakesNoEscrowSteps() throws Exception {
    Replay.Result r = Replay.run(AgreementCatalog.get("new-start"), List.of(new Replay.Input(0,
        Instant.parse("2020-01-01T00:00:00Z"), "US", "escrow-commitment", JSON.createObjectNode())),
        null);
    assertThat(r.refused()).singleElement().satisfies(x -> assertThat(x.refusal())
        .isEqualTo(Kind.UNKNOWN_TYPE));
  }
}
