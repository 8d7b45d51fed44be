package dev.verity.node.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.commission.CommissionMessage;
import dev.verity.core.inspection.InspectionMessage;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.node.entry.Envelope;
import dev.verity.node.projection.InspectionProjection;
import dev.verity.node.projection.Projections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema step for inspection, exhibition and commission steps (issue 6): the body is an
 * {@link InspectionMessage} or a {@link CommissionMessage} without {@code type} and {@code party}
 * (both are in the entry's envelope). The rules step checks the step in its canonical place in the
 * inspection projection ({@link Projections#tryAcceptStep}); a refusal answers 422 with the
 * ledger's {@code Refusal} kind.
 */
final class StepParser {
  /** Fields the catalogue lists but that a step may leave out (a Type Two inspection designates no missile). */
  private static final Set<String> OPTIONAL = Set.of("missile", "bombers", "uniqueIdentifiers", "reentryVehicles",
      "bomberArmaments", "reason", "concerning");

  /** Fields each commission message needs (its type is not in the agreement's catalogue). */
  private static final Map<String, List<String>> COMMISSION_FIELDS = Map.of(
      "commission-session", List.of("session", "date"),
      "commission-agenda-item", List.of("session", "item", "title"),
      "commission-decision", List.of("decision", "session", "text"),
      "commission-decision-signed", List.of("decision"),
      "commission-item-closed", List.of("item"));

  private StepParser() {}

  /** {@code m} is the request's message with {@code party} filled in by the validator. */
  static MessageValidator.Parsed parse(Agreement agreement, String type, ObjectNode m) throws SubmitException {
    m.remove("party");
    JsonNode t = m.remove("type");
    if (t != null && !t.isNull() && !type.equals(t.asText())) {
      throw new SubmitException(400, "message.type", "differs from the request's type '" + type + "'");
    }
    List<String> required = required(agreement, type);
    for (String f : required) {
      if (!m.hasNonNull(f)) {
        throw new SubmitException(400, "message." + f, "required by " + type);
      }
    }
    ObjectNode typed = m.deepCopy();
    typed.put("type", type);
    Class<?> kind = InspectionProjection.isCommission(type) ? CommissionMessage.class : InspectionMessage.class;
    Object parsed = MessageValidator.convert(typed, kind);
    ObjectNode body = DataExchangeJson.mapper().valueToTree(parsed);
    body.remove("type");
    return new ParsedStep(body);
  }

  private static List<String> required(Agreement agreement, String type) throws SubmitException {
    if (InspectionProjection.isCommission(type)) {
      List<String> f = COMMISSION_FIELDS.get(type);
      if (f == null) {
        throw new SubmitException(400, "type", "unknown commission message type '" + type + "'");
      }
      return f;
    }
    MessageType mt = agreement.messageType(type).orElseThrow(() -> new SubmitException(400, "type",
        "unknown message type '" + type + "' in " + agreement.id()));
    return mt.fields().stream().filter(f -> !OPTIONAL.contains(f)).toList();
  }

  /** A parsed step; remembers the kind of refusal for the answer. */
  static final class ParsedStep implements MessageValidator.Parsed {
    private final JsonNode body;
    private String refusal;

    ParsedStep(JsonNode body) {
      this.body = body;
    }

    @Override
    public List<JsonNode> bodies() {
      return List.of(body);
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      Optional<InspectionProjection.Refused> no = projections.tryAcceptStep(index, entries.get(0));
      no.ifPresent(r -> refusal = r.refusal());
      return no.map(InspectionProjection.Refused::reason);
    }

    @Override
    public SubmitException refused(String problem) {
      return new SubmitException(422, "message", problem, refusal);
    }
  }
}
