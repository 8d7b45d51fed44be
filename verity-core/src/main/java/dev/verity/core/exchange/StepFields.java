package dev.verity.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.ExchangeStep.AttestConsent;
import dev.verity.core.exchange.ExchangeStep.AttestStage;
import dev.verity.core.exchange.ExchangeStep.CommitList;
import dev.verity.core.exchange.ExchangeStep.Consent;
import dev.verity.core.exchange.ExchangeStep.HandOver;
import dev.verity.core.exchange.ExchangeStep.Reblind;
import dev.verity.core.exchange.ExchangeStep.ReportCounts;
import dev.verity.tlog.merkle.Hash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads one entry body ({@link ExchangeJson}) field by field; the first problem is thrown. */
final class StepFields {
  private final String party;
  private final Instant at;
  private final ObjectNode body;

  StepFields(String party, Instant at, ObjectNode body) {
    this.party = party;
    this.at = at;
    this.body = body;
  }

  static ExchangeInputException problem(String field, String words) {
    return new ExchangeInputException("entry", List.of(new InputProblem(0, field, words)));
  }

  ExchangeStep step() throws ExchangeInputException {
    String type = text(body, "type");
    return switch (type) {
      case "exchange-list" -> new CommitList(party, at, list());
      case "exchange-reblind" -> new Reblind(party, at, listId(object(body, "list")),
          hash(body, "root"), array(body, "values", n -> Blinded.fromHex(n.asText())));
      case "exchange-consent" -> new AttestConsent(party, at, listId(object(body, "list")),
          hash(body, "commitment"), consent());
      case "exchange-handover" -> new HandOver(party, at, integer(body, "stage"),
          array(body, "commitments", n -> Hash.fromHex(n.asText())));
      case "exchange-counts" -> new ReportCounts(party, at, integer(body, "stage"),
          counts(body.get("handed"), "handed"), counts(body.get("received"), "received"));
      case "exchange-stage-attestation" -> new AttestStage(party, at, integer(body, "stage"),
          crossed());
      default -> throw problem("type", "'" + type + "' is not an exchange message type");
    };
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
