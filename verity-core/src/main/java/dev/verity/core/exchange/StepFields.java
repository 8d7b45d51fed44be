package dev.verity.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.Arrangement.CategoryRule;
import dev.verity.core.exchange.Arrangement.Stage;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.Consent;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.tlog.merkle.Hash;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one message's fields ({@link ExchangeJson}) field by field; the first problem is thrown,
 * naming the field.
 */
final class StepFields {
  private final String type;
  private final ObjectNode body;

  StepFields(String type, ObjectNode body) {
    this.type = type;
    this.body = body;
  }

  static ExchangeInputException problem(String field, String words) {
    return new ExchangeInputException("entry", List.of(new InputProblem(0, field, words)));
  }

  /** The message; the exchange it names is read last, after what it says. */
  ExchangeMessage message() throws ExchangeInputException {
    return switch (type) {
      case "exchange-arrangement" -> arrangement();
      case "exchange-list" -> body.has("parts") ? declared() : new CommitList(list());
      case "exchange-list-part" -> {
        ListId list = listId(object(body, "list"));
        Hash root = hash(body, "root");
        int part = integer(body, "part");
        List<ListEntry> entries = array(body, "entries", StepFields::entry);
        yield new ListPart(exchange(), list, root, part, entries);
      }
      case "exchange-reblind" -> reblind();
      case "exchange-consent" -> {
        ListId list = listId(object(body, "list"));
        Hash commitment = hash(body, "commitment");
        yield new AttestConsent(exchange(), list, commitment, consent());
      }
      case "exchange-handover" -> {
        int stage = integer(body, "stage");
        List<Hash> cs = array(body, "commitments", n -> Hash.fromHex(n.asText()));
        yield new HandOver(exchange(), stage, cs);
      }
      case "exchange-counts" -> {
        int stage = integer(body, "stage");
        Counts handed = counts(body.get("handed"), "handed");
        Counts received = counts(body.get("received"), "received");
        yield new ReportCounts(exchange(), stage, handed, received);
      }
      case "exchange-stage-attestation" -> {
        int stage = integer(body, "stage");
        Map<String, Counts> crossed = crossed();
        yield new AttestStage(exchange(), stage, crossed);
      }
      default -> throw problem("type", "'" + type + "' is not an exchange message type");
    };
  }

  private Reblind reblind() throws ExchangeInputException {
    ListId list = listId(object(body, "list"));
    Hash root = hash(body, "root");
    int part = body.has("part") ? integer(body, "part") : 0;
    List<Blinded> values = array(body, "values", n -> Blinded.fromHex(n.asText()));
    return new Reblind(exchange(), list, root, part, values);
  }

  private String exchange() throws ExchangeInputException {
    return text(body, "exchange");
  }

  private Arrangement arrangement() throws ExchangeInputException {
    List<String> parties = array(body, "parties", StepFields::name);
    if (parties.size() != 2 || parties.get(0).equals(parties.get(1))) {
      throw problem("parties", "an exchange is between two Parties");
    }
    return new Arrangement(text(body, "exchange"), parties,
        array(body, "mediators", StepFields::name), text(body, "intermediary"),
        array(body, "categories", StepFields::category), array(body, "stages", StepFields::stage),
        shares(body.get("ratio"), "ratio"), planned());
  }

  private static String name(JsonNode n) {
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw new IllegalArgumentException("a participant's id is required");
    }
    return n.asText();
  }

  private static CategoryRule category(JsonNode n) {
    if (!n.isObject() || !n.path("id").isTextual() || !n.path("inTotal").isBoolean()
        || !n.path("consentToReturn").isBoolean()) {
      throw new IllegalArgumentException("a category is {id, inTotal, consentToReturn}");
    }
    return new CategoryRule(n.get("id").asText(), n.get("inTotal").asBoolean(),
        n.get("consentToReturn").asBoolean());
  }

  private static Stage stage(JsonNode n) {
    try {
      return new Stage(n.path("number").asInt(-1), LocalDate.parse(n.path("date").asText()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a stage is {number, date: YYYY-MM-DD}");
    }
  }

  private static Map<String, Integer> shares(JsonNode n, String field)
      throws ExchangeInputException {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw problem(field, "an object of party: number");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
      String k = it.next();
      out.put(k, integer((ObjectNode) n, k, field + "." + k));
    }
    return out;
  }

  private Map<String, Map<String, Integer>> planned() throws ExchangeInputException {
    JsonNode n = body.get("counts");
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw problem("counts", "an object of party: {category: number}");
    }
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
      String p = it.next();
      out.put(p, shares(n.get(p), "counts." + p));
    }
    return out;
  }

  private ListCommitment list() throws ExchangeInputException {
    ListKind kind = kind(body);
    List<ListEntry> entries = array(body, "entries", StepFields::entry);
    if (integer(body, "count") != entries.size()) {
      throw problem("count", "count " + integer(body, "count") + " but " + entries.size()
          + " entries");
    }
    return new ListCommitment(text(body, "exchange"), text(body, "party"), kind,
        text(body, "category"), hash(body, "root"), entries);
  }

  /** A list declared in parts: its count, root and part roots; no entries. */
  private DeclareList declared() throws ExchangeInputException {
    ListKind kind = kind(body);
    if (body.has("entries")) {
      throw problem("entries", "a list in parts carries its entries in exchange-list-part"
          + " messages, not with its parts' roots");
    }
    List<Hash> parts = array(body, "parts", n -> Hash.fromHex(n.asText()));
    return new DeclareList(text(body, "exchange"), text(body, "party"), kind,
        text(body, "category"), integer(body, "count"), hash(body, "root"), parts);
  }

  private static ListEntry entry(JsonNode n) {
    if (!n.isArray() || n.size() != 2) {
      throw new IllegalArgumentException("an entry is [commitment, blinded value]");
    }
    return new ListEntry(Hash.fromHex(n.get(0).asText()), Blinded.fromHex(n.get(1).asText()));
  }

  private ListId listId(ObjectNode n) throws ExchangeInputException {
    return new ListId(text(n, "party"), kind(n), text(n, "category"));
  }

  private ListKind kind(ObjectNode n) throws ExchangeInputException {
    ListKind k = ListKind.ofLabel(text(n, "kind"));
    if (k == null) {
      throw problem("kind", "'" + text(n, "kind") + "' is not held or requested");
    }
    return k;
  }

  private Consent consent() throws ExchangeInputException {
    String d = text(body, "decision");
    for (Consent c : Consent.values()) {
      if (c.label().equals(d)) {
        return c;
      }
    }
    throw problem("decision", "'" + d + "' is not consents or refuses");
  }

  private Map<String, Counts> crossed() throws ExchangeInputException {
    ObjectNode from = object(body, "crossedFrom");
    Map<String, Counts> out = new LinkedHashMap<>();
    for (Iterator<String> it = from.fieldNames(); it.hasNext();) {
      String p = it.next();
      Counts c = counts(from.get(p), "crossedFrom." + p);
      if (c == null) {
        throw problem("crossedFrom." + p, "counts are an object {byCategory, total}");
      }
      out.put(p, c);
    }
    return out;
  }

  private static Counts counts(JsonNode n, String field) throws ExchangeInputException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw problem(field, "counts are an object {byCategory, total}");
    }
    Map<String, Integer> by = new LinkedHashMap<>();
    JsonNode b = n.get("byCategory");
    if (b != null && !b.isObject()) {
      throw problem(field + ".byCategory", "an object of category: count");
    }
    for (Iterator<String> it = b == null ? List.<String>of().iterator() : b.fieldNames();
        it.hasNext();) {
      String c = it.next();
      by.put(c, integer((ObjectNode) b, c, field + ".byCategory." + c));
    }
    JsonNode t = n.get("total");
    return new Counts(by, t == null ? null : integer((ObjectNode) n, "total", field + ".total"));
  }

  private static String text(ObjectNode n, String field) throws ExchangeInputException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw problem(field, "a non-empty string is required");
    }
    return v.asText();
  }

  private static int integer(ObjectNode n, String field) throws ExchangeInputException {
    return integer(n, field, field);
  }

  private static int integer(ObjectNode n, String field, String path)
      throws ExchangeInputException {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw problem(path, "a whole number is required");
    }
    return v.asInt();
  }

  private static ObjectNode object(ObjectNode n, String field) throws ExchangeInputException {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw problem(field, "an object is required");
    }
    return (ObjectNode) v;
  }

  private static Hash hash(ObjectNode n, String field) throws ExchangeInputException {
    String h = text(n, field);
    try {
      return Hash.fromHex(h);
    } catch (IllegalArgumentException e) {
      throw problem(field, "64 hex digits are required");
    }
  }

  private static <T> List<T> array(ObjectNode n, String field, Function<JsonNode, T> f)
      throws ExchangeInputException {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray() || v.size() > ExchangeRegime.MAX_LIST) {
      throw problem(field, "an array of at most " + ExchangeRegime.MAX_LIST + " is required");
    }
    List<T> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      try {
        out.add(f.apply(v.get(i)));
      } catch (IllegalArgumentException e) {
        throw problem(field + "[" + i + "]", e.getMessage());
      }
    }
    return out;
  }
}
