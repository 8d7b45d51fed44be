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
import java.util.Optional;

/**
 * The schema step for inspection, exhibition and commission steps (issue 6): the fields are
 * checked against the type's schema in the agreement (issue 12; the commission's types come from
 * its shared provision), then the body is read as an
 * {@link InspectionMessage} or a {@link CommissionMessage} without {@code type} and {@code party}
 * (both are in the entry's envelope). The rules step checks the step in its canonical place in the
 * inspection projection ({@link Projections#tryAcceptStep}); a refusal answers 422 with the
 * ledger's {@code Refusal} kind.
 */
final class StepParser {
  private StepParser() {}

  /** {@code m} is the request's message with {@code party} filled in by the validator. */
  static MessageValidator.Parsed parse(Agreement agreement, String type, ObjectNode m) throws SubmitException {
    m.remove("party");
    JsonNode t = m.remove("type");
    if (t != null && !t.isNull() && !type.equals(t.asText())) {
      throw new SubmitException(400, "message.type", "differs from the request's type '" + type + "'");
    }
    MessageType mt = agreement.messageType(type).orElseThrow(() -> new SubmitException(400,
        "type", "unknown message type '" + type + "' in " + agreement.id()));
    MessageValidator.checkFields(agreement, mt, m, "message");
    ObjectNode typed = m.deepCopy();
    typed.put("type", type);
    Class<?> kind = InspectionProjection.isCommission(type) ? CommissionMessage.class : InspectionMessage.class;
    Object parsed = MessageValidator.convert(typed, kind);
    ObjectNode body = DataExchangeJson.mapper().valueToTree(parsed);
    body.remove("type");
    return new ParsedStep(body);
  }

  /** A parsed step; remembers the kind of refusal for the answer. */
  static final class ParsedStep implements MessageValidator.Parsed {
    /** The rules a step is checked against: its refusal, having changed nothing, or applied. */
    @FunctionalInterface
    interface Rules {
      Optional<InspectionProjection.Refused> accept(Projections p, long index, Envelope e);
    }

    private final JsonNode body;
    private final Rules rules;
    private String refusal;

    ParsedStep(JsonNode body) {
      this(body, Projections::tryAcceptStep);
    }

    ParsedStep(JsonNode body, Rules rules) {
      this.body = body;
      this.rules = rules;
    }

    @Override
    public List<JsonNode> bodies() {
      return List.of(body);
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      Optional<InspectionProjection.Refused> no = rules.accept(projections, index, entries.get(0));
      no.ifPresent(r -> refusal = r.refusal());
      return no.map(InspectionProjection.Refused::reason);
    }

    @Override
    public SubmitException refused(String problem) {
      return new SubmitException(422, "message", problem, refusal);
    }
  }
}
