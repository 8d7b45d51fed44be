package dev.verity.node.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.Correction;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.node.entry.Envelope;
import dev.verity.node.projection.Projections;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schema step for a {@link Correction}: {@code {"supersedes": INDEX, "reason": TEXT,
 * "replacement": NOTIFICATION?}}. The replacement is any notification of the agreement's
 * catalogue (its type may differ from the original's; absent, the original's), checked like a
 * new one (fields, event window), and keeps the number of the notification it corrects. The rules
 * step ({@link Projections#tryCorrect}) checks that the entry named is the version in force and
 * that the corrected history still folds.
 */
final class CorrectionParser {
  private CorrectionParser() {}

  static MessageValidator.Parsed parse(
      MessageValidator v, ObjectNode m, Projections projections, Instant now)
      throws SubmitException {
    MessageValidator.onlyFields(m, "message", "supersedes", "reason", "replacement");
    JsonNode s = m.get("supersedes");
    if (s == null || !s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
      throw new SubmitException(
          400,
          "message.supersedes",
          "required: the index (0 or more) of the" + " entry of this node's log it corrects");
    }
    JsonNode reason = m.get("reason");
    if (reason == null
        || !reason.isTextual()
        || reason.textValue().isBlank()
        || reason.textValue().length() > Correction.MAX_REASON) {
      throw new SubmitException(
          400,
          "message.reason",
          "required: why, in 1-"
              + Correction.MAX_REASON
              + " characters (the other Parties read it beside both entries)");
    }
    Projections.Correctable target = projections.correctable(v.party(), s.asLong());
    if (target.problem() != null) {
      throw new SubmitException(422, "message.supersedes", target.problem());
    }
    JsonNode r = m.get("replacement");
    if (r != null && !r.isNull()) {
      m.set("replacement", replacement(v, r, target, now));
    } else {
      m.remove("replacement");
    }
    return new ParsedCorrection(MessageValidator.convert(m, Correction.class));
  }

  private static ObjectNode replacement(
      MessageValidator v, JsonNode r, Projections.Correctable target, Instant now)
      throws SubmitException {
    if (!r.isObject()) {
      throw new SubmitException(
          400,
          "message.replacement",
          "a notification (a JSON object), or" + " nothing to withdraw the original");
    }
    ObjectNode n = r.deepCopy();
    String type = n.hasNonNull("type") ? n.get("type").asText() : target.type();
    if (type == null) {
      throw new SubmitException(
          400,
          "message.replacement.type",
          "required: the original was" + " withdrawn, so the replacement must say its type");
    }
    JsonNode p = n.get("party");
    if (p != null && !p.isNull() && !v.party().equals(p.asText())) {
      throw new SubmitException(
          422, "message.replacement.party", "this node speaks for " + v.party());
    }
    return v.notification(type, n, target.number(), now, "message.replacement");
  }

  /** A parsed correction: one entry, applied by the projections if the corrected history folds. */
  record ParsedCorrection(Correction correction) implements MessageValidator.Parsed {
    @Override
    public List<JsonNode> bodies() {
      return List.of(DataExchangeJson.mapper().valueToTree(correction));
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      return projections.tryCorrect(index, entries.get(0), correction);
    }
  }
}
