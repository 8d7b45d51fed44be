package dev.verity.node.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verity.node.entry.Envelope;
import dev.verity.node.entry.InputException;
import dev.verity.node.entry.InputRules;
import dev.verity.node.escrow.EscrowEntries;
import dev.verity.node.escrow.EscrowLedger;
import dev.verity.node.escrow.EscrowSubmissions;
import dev.verity.node.projection.DeclarationParts;
import dev.verity.node.projection.InspectionProjection;
import dev.verity.node.projection.Projections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The schema step of validation: the request's shape, the message type against the agreement's
 * catalogue, the fields the type requires. The rules step (against the projection) follows in
 * {@link Submitter}. Field names in errors are JSON paths into the request.
 */
final class MessageValidator {
  static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /**
   * What the schema step produced: a message of one kind, which knows its entry bodies and its
   * rules against the projection. The submit pipeline itself is kind-agnostic; a new kind
   * (inspection steps, issue 6) implements this and is chosen in {@link #parse}.
   */
  interface Parsed {
    /** The entry bodies, in log order (a declaration spans several entries). */
    List<JsonNode> bodies();

    /** The type the entries carry (an escrowed declaration is logged as its commitment). */
    default String entryType(String requested) {
      return requested;
    }

    /**
     * Checks the rules against the projection and, if they pass, applies the entries from
     * {@code index} on in the same step; returns the problem otherwise, having changed nothing.
     */
    Optional<String> accept(Projections projections, long index, List<Envelope> entries);

    /** The answer to a submission whose rules refused it with {@code problem}. */
    default SubmitException refused(String problem) {
      return new SubmitException(422, "message", problem);
    }
  }

  record ParsedNotification(Notification notification, JsonNode body) implements Parsed {
    @Override
    public List<JsonNode> bodies() {
      return List.of(body);
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      return projections.tryAccept(index, entries.get(0), notification);
    }
  }

  record ParsedDeclaration(Declaration declaration) implements Parsed {
    @Override
    public List<JsonNode> bodies() {
      return DeclarationParts.split(declaration);
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      // the declaration's own rules (Inventory.of) were checked by the schema step
      for (int i = 0; i < entries.size(); i++) {
        projections.apply(entries.get(i).party(), index + i, entries.get(i));
      }
      return Optional.empty();
    }
  }

  /** A declaration committed in escrow, or a reveal from one (dev.verity.node.escrow). */
  record ParsedEscrow(EscrowSubmissions.Prepared prepared) implements Parsed {
    @Override
    public List<JsonNode> bodies() {
      return prepared.bodies();
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      return prepared.acceptor().accept(projections, index, entries);
    }

    @Override
    public String entryType(String requested) {
      return prepared.type();
    }
  }

  private static final Map<String, Function<Notification, Object>> FIELDS = Map.of(
      "item", Notification::item, "facility", Notification::facility, "launcher", Notification::launcher,
      "warheads", Notification::warheads, "newItem", Notification::newItem);

  private final Agreement agreement;
  private final String party;
  private final EscrowSubmissions escrow;
  private final EscrowLedger ledger;

  MessageValidator(Agreement agreement, String party, EscrowSubmissions escrow, EscrowLedger ledger) {
    this.agreement = agreement;
    this.party = party;
    this.escrow = escrow;
    this.ledger = ledger;
  }

  void checkRequest(SubmitRequest r) throws SubmitException {
    if (r.clientId() == null || !CLIENT_ID.matcher(r.clientId()).matches()) {
      throw new SubmitException(400, "clientId", "required: 1-128 characters of A-Z a-z 0-9 . _ : -");
    }
    if (r.type() == null || r.type().isBlank()) {
      throw new SubmitException(400, "type", "required: a message type of " + agreement.id() + " or 'declaration'");
    }
    if (r.message() == null || !r.message().isObject()) {
      throw new SubmitException(400, "message", "required: a JSON object");
    }
    try {
      InputRules.identifier(r.type(), "type");
      InputRules.check(r.message(), "message");
    } catch (InputException e) {
      throw new SubmitException(400, e.field(), e.reason());
    }
  }

  /** Parses the message of {@code r} as its type says, filling in what the node knows. */
  Parsed parse(SubmitRequest r, long nextNumber) throws SubmitException {
    checkRequest(r);
    ObjectNode m = r.message().deepCopy();
    JsonNode p = m.get("party");
    if (p != null && !p.isNull() && !party.equals(p.asText())) {
      throw new SubmitException(422, "message.party", "this node speaks for " + party + ", not " + p.asText());
    }
    m.put("party", party);
    if (InspectionProjection.handles(r.type())) {
      return StepParser.parse(agreement, r.type(), m); // inspection, exhibition and commission steps (issue 6)
    }
    if (r.type().equals("declaration")) {
      if (!m.hasNonNull("agreement")) {
        m.put("agreement", agreement.id());
      }
      if (!agreement.id().equals(m.get("agreement").asText())) {
        throw new SubmitException(422, "message.agreement", "this node serves " + agreement.id());
      }
      reject(m, "receivedAt");
      Declaration d = convert(m, Declaration.class);
      if (d.asOf() == null) {
        throw new SubmitException(400, "message.asOf", "required");
      }
      try {
        Inventory.of(agreement, "message", d);
      } catch (DeclarationException e) {
        throw new SubmitException(422, "message", e.getMessage());
      }
      return agreement.declarationMode() == DeclarationMode.ESCROW ? new ParsedEscrow(escrow().commit(d))
          : new ParsedDeclaration(d);
    }
    if (r.type().equals(EscrowEntries.REVEAL)) {
      escrow().requireEscrowMode(EscrowEntries.REVEAL);
      return new ParsedEscrow(escrow().reveal(m, ledger));
    }
    if (r.type().equals(EscrowEntries.COMMITMENT)) {
      escrow().requireEscrowMode(EscrowEntries.COMMITMENT);
      throw new SubmitException(400, "type", "escrow-commitment entries are made by the node from a 'declaration',"
          + " whose items and salts it keeps private");
    }
    MessageType type = agreement.messageType(r.type()).orElseThrow(() -> new SubmitException(400, "type",
        "unknown message type '" + r.type() + "' in " + agreement.id()));
    JsonNode t = m.get("type");
    if (t != null && !t.isNull() && !type.id().equals(t.asText())) {
      throw new SubmitException(400, "message.type", "differs from the request's type '" + type.id() + "'");
    }
    m.put("type", type.id());
    reject(m, "receivedAt");
    JsonNode num = m.get("number");
    if (num == null || num.isNull()) {
      m.put("number", nextNumber);
    } else if (!num.isIntegralNumber() || !num.canConvertToLong() || num.asLong() != nextNumber) {
      throw new SubmitException(422, "message.number", "must be " + nextNumber + " (the next in " + party + "'s sequence)");
    }
    Notification n = convert(m, Notification.class);
    if (n.eventTime() == null) {
      throw new SubmitException(400, "message.eventTime", "required");
    }
    for (String f : type.fields()) {
      Function<Notification, Object> get = FIELDS.get(f);
      if (get != null && get.apply(n) == null) {
        throw new SubmitException(400, "message." + f, "required by " + type.id());
      }
    }
    return new ParsedNotification(n, m);
  }

  private EscrowSubmissions escrow() throws SubmitException {
    if (escrow == null) {
      throw new SubmitException(500, "type", "this node was started without an escrow vault");
    }
    return escrow;
  }

  private static void reject(ObjectNode m, String field) throws SubmitException {
    if (m.has(field)) {
      throw new SubmitException(400, "message." + field, "set by the node from the receipt, not by the sender");
    }
  }

  static <T> T convert(JsonNode m, Class<T> type) throws SubmitException {
    try {
      return DataExchangeJson.mapper().treeToValue(m, type);
    } catch (JsonMappingException e) {
      StringBuilder path = new StringBuilder("message");
      for (JsonMappingException.Reference ref : e.getPath()) {
        if (ref.getFieldName() != null) {
          path.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      throw new SubmitException(400, path.toString(), e.getOriginalMessage().split("\n")[0]);
    } catch (JsonProcessingException e) {
      throw new SubmitException(400, "message", e.getOriginalMessage());
    }
  }
}
