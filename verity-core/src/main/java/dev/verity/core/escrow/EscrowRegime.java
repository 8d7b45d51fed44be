package dev.verity.core.escrow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.regime.Regime;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Escrowed declarations (docs/formats/escrow.md) as a {@link Regime}: {@code escrow-commitment}
 * steps carry a commitment, {@code escrow-reveal} steps {@code {"root", "part", "parts",
 * "reveals"}}. The proofs stay code ({@link EscrowVerifier}, through {@link EscrowState}). A
 * commitment that is not one, or a reveal for a root the Party never committed, is refused; a
 * reveal that does not check is kept, marked with its problem: it is a finding about the other
 * Party, not a malformed step.
 */
public final class EscrowRegime implements Regime<EscrowState> {
  public static final String ID = "escrow";
  public static final String COMMITMENT = "escrow-commitment";
  public static final String REVEAL = "escrow-reveal";

  private final Agreement agreement;

  public EscrowRegime(Agreement agreement) {
    this.agreement = agreement;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> types() {
    return Set.of(COMMITMENT, REVEAL);
  }

  @Override
  public EscrowState empty() {
    return new EscrowState(agreement);
  }

  @Override
  public Outcome<EscrowState> apply(EscrowState state, Step step) {
    ObjectMapper json = DataExchangeJson.mapper();
    JsonNode body = step.fields().json();
    try {
      if (step.type().equals(COMMITMENT)) {
        return state.commit(step.party(), step.entry().index(),
                json.treeToValue(body, EscrowCommitment.class))
            .<Outcome<EscrowState>>map(Outcome::refused).orElse(Outcome.next(state));
      }
      List<Reveal> rs = new ArrayList<>();
      for (JsonNode r : body.path("reveals")) {
        rs.add(json.treeToValue(r, Reveal.class));
      }
      String root = body.path("root").asText();
      if (!body.path("root").isTextual() || !state.committed(step.party(), root)) {
        return Outcome.refused(Kind.SUBJECT, "known-root", "escrow reveal for root " + root
            + ", which " + step.party() + " never committed");
      }
      state.reveal(step.party(), step.entry().index(), root, rs);
      return Outcome.next(state);
    } catch (JsonProcessingException e) {
      return Outcome.refused(Kind.MALFORMED, step.type(), e.getOriginalMessage().split("\n")[0]);
    }
  }

  @Override
  public List<Obligation> obligations(EscrowState state, Instant asOf) {
    return List.of();
  }

  /** Per Party: its commitments (with what each revealed) and every reveal, checked or not. */
  public record PartyView(List<EscrowState.Escrowed> commitments,
      List<EscrowState.Revealed> reveals) {}

  @Override
  public Object view(EscrowState state) {
    Map<String, PartyView> out = new LinkedHashMap<>();
    agreement.participantIds().forEach(p -> out.put(p, new PartyView(state.commitments(p),
        state.reveals(p))));
    return out;
  }
}
