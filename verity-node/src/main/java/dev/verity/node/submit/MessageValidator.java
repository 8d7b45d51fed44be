package dev.verity.node.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.BoundedInstants;
import dev.verity.core.message.Correction;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.JsonProblems;
import dev.verity.core.message.JsonProblems.Problem;
import dev.verity.core.message.Notification;
import dev.verity.core.schema.FieldError;
import dev.verity.core.schema.Validation;
import dev.verity.node.entry.Envelope;
import dev.verity.node.entry.KeyAnnouncement;
import dev.verity.node.entry.InputException;
import dev.verity.node.entry.InputRules;
import dev.verity.node.projection.DeclarationParts;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.projection.InspectionProjection;
import dev.verity.node.projection.Projections;
import dev.verity.node.submit.EscrowSubmissions;
import dev.verity.node.submit.EscrowSubmissions.Prepared;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schema step of validation: the request's shape, the message type against the agreement's
 * catalogue, the fields the type requires. The rules step (against the projection) follows in
 * {@link Submitter}. Field names in errors are JSON paths into the request.
 */
final class MessageValidator {
  /** The actor of what the node submits itself (a key announcement). */
  static final String NODE = "node";
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
      // the declaration's own rules (Inventory.of) were checked by the schema step; here, that
      // the notifications already sent about events after its date still apply to it
      Optional<String> no = projections.checkDeclaration(declaration.party(), declaration);
      if (no.isPresent()) {
        return no;
      }
      for (int i = 0; i < entries.size(); i++) {
        projections.apply(entries.get(i).party(), index + i, entries.get(i));
      }
      return Optional.empty();
    }
  }

  /** The node's announcement of its next key (a system type every agreement takes). */
  record ParsedKeyAnnouncement(JsonNode body) implements Parsed {
    @Override
    public List<JsonNode> bodies() {
      return List.of(body);
    }

    @Override
    public Optional<String> accept(Projections projections, long index, List<Envelope> entries) {
      projections.apply(entries.get(0).party(), index, entries.get(0));
      return Optional.empty();
    }
  }

  /** A declaration committed in escrow, or a reveal from one (dev.verity.node.escrow). */
  record ParsedEscrow(Prepared prepared) implements Parsed {
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

  /** What a notification's body holds beside its fields: the envelope the node fills in. */
  private static final Set<String> NOTIFICATION_ENVELOPE = Set.of("type", "party", "number");

  private final Agreement agreement;
  private final String party;
  private final EscrowSubmissions escrow;
  private final EscrowLedger ledger;
  private final Projections projections;

  MessageValidator(Agreement agreement, String party, EscrowSubmissions escrow,
      Projections projections) {
    this.agreement = agreement;
    this.party = party;
    this.escrow = escrow;
    this.ledger = projections.escrow();
    this.projections = projections;
  }

  /** The Party this node speaks for. */
  String party() {
    return party;
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

  /**
   * Parses the message of {@code r} as its type says, filling in what the node knows;
   * {@code now} (the node's clock) bounds the event times ({@code eventWindow}).
   */
  Parsed parse(SubmitRequest r, long nextNumber, Instant now) throws SubmitException {
    return parse(r, nextNumber, now, null);
  }

  /**
   * As {@link #parse(SubmitRequest, long, Instant)}, on behalf of {@code actor} (the API's
   * {@code token:<name>}): a provision's fields the node fills ({@code filledBy: operator}, the
   * officer who acknowledges on the military line) are written from it, never from the client.
   */
  Parsed parse(SubmitRequest r, long nextNumber, Instant now, String actor)
      throws SubmitException {
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
    if (r.type().equals(Correction.TYPE)) {
      m.remove("party");
      return CorrectionParser.parse(this, m, projections, now);
    }
    if (r.type().equals("declaration")) {
      requireBound();
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
      onlyFields(m, "message", "items", "root", "party");
      return new ParsedEscrow(escrow().reveal(m, ledger));
    }
    if (r.type().equals(KeyAnnouncement.TYPE)) {
      return keyAnnouncement(m, actor);
    }
    if (r.type().equals(EscrowEntries.COMMITMENT)) {
      escrow().requireEscrowMode(EscrowEntries.COMMITMENT);
      throw new SubmitException(400, "type", "escrow-commitment entries are made by the node from a 'declaration',"
          + " whose items and salts it keeps private");
    }
    if (projections.provisions().handles(r.type())) {
      return provision(r.type(), m, actor);
    }
    ObjectNode body = notification(r.type(), m, nextNumber, now, "message");
    return new ParsedNotification(convert(body, Notification.class), body);
  }

  /** Made by the node itself ({@link #NODE}) from a rotation; never taken from a client. */
  private static Parsed keyAnnouncement(ObjectNode m, String actor) throws SubmitException {
    if (!NODE.equals(actor)) {
      throw new SubmitException(400, "type", "key-announcement entries are made by the node from"
          + " 'verity node key rotate', never submitted");
    }
    if (KeyAnnouncement.of(m).isEmpty()) {
      throw new SubmitException(400, "message", "a key announcement: key (witness), newKey,"
          + " effectiveAt");
    }
    return new ParsedKeyAnnouncement(m);
  }

  /**
   * A notification's body checked against the catalogue and the event window, with the party,
   * type and number filled in; {@code at} names it in errors ("message", "message.replacement").
   */
  ObjectNode notification(String typeName, ObjectNode m, long number, Instant now, String at)
      throws SubmitException {
    MessageType type = agreement.messageType(typeName).orElseThrow(() -> new SubmitException(400,
        at.equals("message") ? "type" : at + ".type", "unknown message type '" + typeName + "' in "
        + agreement.id() + " (its catalogue: GET /api/v1/agreement)"));
    JsonNode t = m.get("type");
    if (t != null && !t.isNull() && !type.id().equals(t.asText())) {
      throw new SubmitException(400, at + ".type",
          "differs from the request's type '" + type.id() + "'");
    }
    m.put("type", type.id());
    m.put("party", party);
    reject(m, at, "receivedAt");
    JsonNode num = m.get("number");
    if (num == null || num.isNull()) {
      m.put("number", number);
    } else if (!num.isIntegralNumber() || !num.canConvertToLong() || num.asLong() != number) {
      throw new SubmitException(422, at + ".number", "must be " + number + " (the next in " + party
          + "'s sequence"
          + (at.equals("message") ? ")" : ", or the number of the notification corrected)"));
    }
    eventTime(type, m.get("eventTime"), now, at);
    ObjectNode fields = m.deepCopy();
    fields.remove(NOTIFICATION_ENVELOPE);
    checkFields(agreement, type, fields, at);
    convert(m, Notification.class, at);
    return m;
  }

  /** A provision's step: the fields its type declares, and nothing the node fills in. */
  private Parsed provision(String typeName, ObjectNode m, String actor)
      throws SubmitException {
    MessageType type = agreement.messageType(typeName).orElseThrow();
    // the envelope names the sender; a type may still declare it (an exchange list is the
    // sender's own, exchange-list's "party"), checked above against this node's Party
    if (!type.fields().contains("party")) {
      m.remove("party");
    }
    m = filled(type, m, actor);
    checkFields(agreement, type, m, "message");
    // a refusal answers 422 naming the evaluator's rule (exercise-notification/one-a-year)
    return new StepParser.ParsedStep(m, (p, index, e) -> p.tryAcceptProvision(index, e)
        .map(r -> new InspectionProjection.Refused(r.rule(), r.reason())));
  }

  /**
   * The message with the fields the node fills written from the operator signed in
   * (docs/dev/decisions.md D53): a client that sets one is refused, naming the field, so that no
   * client can put another officer's name in a signed acknowledgement.
   */
  private static ObjectNode filled(MessageType type, ObjectNode m, String actor)
      throws SubmitException {
    if (type.schema().nodeFilled().isEmpty()) {
      return m;
    }
    for (var f : type.schema().nodeFilled()) {
      if (m.has(f.name())) {
        throw new SubmitException(400, "message." + f.name(),
            "set by the node from the operator signed in; leave it out");
      }
    }
    if (actor == null || actor.isBlank()) {
      throw new SubmitException(403, null, "a " + type.id() + " needs a signed-in operator");
    }
    return type.schema().fill(m, operatorName(actor));
  }

  /** The operator's name as the node authenticated it: an API token's name, without "token:". */
  static String operatorName(String actor) {
    return actor.startsWith(TOKEN) ? actor.substring(TOKEN.length()) : actor;
  }

  private static final String TOKEN = "token:";

  /**
   * Checks {@code fields} against {@code type}'s schema in the agreement (issue 12): every field
   * the type declares, of its kind and in its bounds, and no other. The first problem answers
   * 400 naming its field under {@code at}; the others follow in the same words.
   */
  static void checkFields(Agreement agreement, MessageType type, JsonNode fields, String at)
      throws SubmitException {
    Validation v = agreement.validate(type, fields);
    if (v.ok()) {
      return;
    }
    FieldError first = v.errors().get(0);
    String more = v.errors().stream().skip(1).map(e -> at + "." + e)
        .collect(Collectors.joining("; "));
    throw new SubmitException(400, first.path().isEmpty() ? at : at + "." + first.path(),
        first.problem() + (more.isEmpty() ? "" : " (and " + more + ")"));
  }

  /** An event time is an ISO 8601 instant inside the agreement's window around {@code now}. */
  private void eventTime(MessageType type, JsonNode t, Instant now, String at)
      throws SubmitException {
    String field = at + ".eventTime";
    if (t == null || t.isNull()) {
      throw new SubmitException(400, field, "required: " + JsonProblems.INSTANT);
    }
    Instant event = BoundedInstants.parseInstant(t.isTextual() ? t.textValue() : null);
    if (event == null) {
      throw new SubmitException(400, field, "expected " + JsonProblems.INSTANT
          + (t.isTextual() ? ", not '" + t.textValue() + "'" : ""));
    }
    String problem = agreement.eventWindow().problem(agreement, type, event, now);
    if (problem != null) {
      throw new SubmitException(400, field, problem);
    }
  }

  /** Only a Party bound by the agreement declares; observers and mediators do not. */
  private void requireBound() throws SubmitException {
    var p = agreement.party(party).orElseThrow();
    if (!p.bound()) {
      throw new SubmitException(422, "type", party + " is "
          + (p.role() == null ? "not a Party" : "an " + p.role()) + " of " + agreement.id()
          + ": only the Parties bound by its limits declare their forces; an " + p.role()
          + " does not");
    }
  }

  /** Refuses any field of {@code m} not in {@code known}, naming it and the known ones. */
  static void onlyFields(JsonNode m, String at, String... known) throws SubmitException {
    Set<String> ok = Set.of(known);
    var names = m.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!ok.contains(f)) {
        throw new SubmitException(400, at + "." + f,
            JsonProblems.unknownField(f, List.of((Object[]) known)));
      }
    }
  }

  private EscrowSubmissions escrow() throws SubmitException {
    if (escrow == null) {
      throw new SubmitException(500, "type", "this node was started without an escrow vault");
    }
    return escrow;
  }

  private static void reject(ObjectNode m, String field) throws SubmitException {
    reject(m, "message", field);
  }

  private static void reject(ObjectNode m, String at, String field) throws SubmitException {
    if (m.has(field)) {
      throw new SubmitException(400, at + "." + field,
          "set by the node from the receipt, not by the sender");
    }
  }

  static <T> T convert(JsonNode m, Class<T> type) throws SubmitException {
    return convert(m, type, "message");
  }

  /** {@code m} as a {@code type}; a problem in plain words, with its field under {@code at}. */
  static <T> T convert(JsonNode m, Class<T> type, String at) throws SubmitException {
    try {
      return DataExchangeJson.mapper().treeToValue(m, type);
    } catch (JsonProcessingException e) {
      Problem p = JsonProblems.of(e);
      throw new SubmitException(400, p.field(at), p.message());
    }
  }
}
