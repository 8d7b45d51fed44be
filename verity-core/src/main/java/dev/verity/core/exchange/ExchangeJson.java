package dev.verity.core.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.Fields;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The bodies of exchange entries as JSON (docs/formats/exchange.md, "Entries"): what a node puts
 * in its log, the message's {@code type} and its fields. Members sorted by name, no whitespace;
 * hashes and blinded values as lower-case hex. The sender and the time are the entry's own, not
 * the body's. {@link #read} turns a body back into a message, naming the field of any problem;
 * {@link #step} makes a message the step that carries it.
 */
public final class ExchangeJson {
  /** The message types the exchanges fold. */
  public static final Set<String> TYPES = Set.of("exchange-arrangement", "exchange-list",
      "exchange-list-part", "exchange-reblind", "exchange-consent", "exchange-handover",
      "exchange-counts",
      "exchange-stage-attestation");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ExchangeJson() {}

  /** The canonical body of {@code m}: its type and its fields. */
  public static byte[] write(ExchangeMessage m) {
    try {
      ObjectNode o = F.objectNode().put("type", m.type());
      o.setAll(fields(m));
      return JSON.writeValueAsBytes(JSON.treeToValue(o, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The step by which {@code entry}'s sender, at {@code at}, sends {@code m}. */
  public static Step step(EntryRef entry, Instant at, ExchangeMessage m) {
    return new Step(entry, at, m.type(), Fields.of(fields(m)));
  }

  /** The fields of {@code m}, as the agreement's schema declares them. */
  public static ObjectNode fields(ExchangeMessage m) {
    ObjectNode o = F.objectNode();
    if (m instanceof Arrangement a) {
      arrangement(o, a);
      return o;
    }
    if (!(m instanceof CommitList) && !(m instanceof DeclareList)) {
      o.put("exchange", m.exchange());
    }
    if (m instanceof CommitList c) {
      list(o, c.list());
    } else if (m instanceof DeclareList d) {
      declared(o, d);
    } else if (m instanceof ListPart p) {
      o.set("list", listId(p.list()));
      o.put("root", p.root().hex()).put("part", p.part());
      entries(o, p.entries());
    } else if (m instanceof Reblind r) {
      o.set("list", listId(r.list()));
      o.put("root", r.root().hex());
      if (r.part() > 0) {
        o.put("part", r.part());
      }
      ArrayNode values = o.putArray("values");
      r.values().forEach(v -> values.add(v.hex()));
    } else if (m instanceof AttestConsent a) {
      o.set("list", listId(a.list()));
      o.put("commitment", a.commitment().hex()).put("decision", a.decision().label());
    } else if (m instanceof HandOver h) {
      o.put("stage", h.stage());
      ArrayNode cs = o.putArray("commitments");
      h.commitments().forEach(c -> cs.add(c.hex()));
    } else if (m instanceof ReportCounts r) {
      o.put("stage", r.stage());
      counts(o, "handed", r.handed());
      counts(o, "received", r.received());
    } else {
      AttestStage a = (AttestStage) m;
      o.put("stage", a.stage());
      ObjectNode from = o.putObject("crossedFrom");
      a.crossedFrom().forEach((p, c) -> counts(from, p, c));
    }
    return o;
  }

  private static void arrangement(ObjectNode o, Arrangement a) {
    o.put("exchange", a.exchange()).put("intermediary", a.intermediary());
    a.parties().forEach(o.putArray("parties")::add);
    a.mediators().forEach(o.putArray("mediators")::add);
    ArrayNode cs = o.putArray("categories");
    a.categories().forEach(c -> cs.addObject().put("id", c.id()).put("inTotal", c.inTotal())
        .put("consentToReturn", c.consentToReturn()));
    ArrayNode ss = o.putArray("stages");
    a.stages().forEach(s -> ss.addObject().put("number", s.number())
        .put("date", s.date().toString()));
    if (!a.ratio().isEmpty()) {
      ObjectNode r = o.putObject("ratio");
      a.ratio().forEach(r::put);
    }
    if (!a.counts().isEmpty()) {
      ObjectNode c = o.putObject("counts");
      a.counts().forEach((p, by) -> {
        ObjectNode n = c.putObject(p);
        by.forEach(n::put);
      });
    }
  }

  private static void list(ObjectNode o, ListCommitment l) {
    o.put("exchange", l.exchange()).put("party", l.party()).put("kind", l.kind().label())
        .put("category", l.category()).put("count", l.count()).put("root", l.root().hex());
    entries(o, l.entries());
  }

  private static void declared(ObjectNode o, DeclareList d) {
    o.put("exchange", d.exchange()).put("party", d.party()).put("kind", d.kind().label())
        .put("category", d.category()).put("count", d.count()).put("root", d.root().hex());
    ArrayNode parts = o.putArray("parts");
    d.parts().forEach(h -> parts.add(h.hex()));
  }

  private static void entries(ObjectNode o, List<ListEntry> list) {
    ArrayNode entries = o.putArray("entries");
    for (ListEntry e : list) {
      entries.addArray().add(e.commitment().hex()).add(e.blinded().hex());
    }
  }

  private static ObjectNode listId(ListId id) {
    return F.objectNode().put("party", id.party()).put("kind", id.kind().label())
        .put("category", id.category());
  }

  private static void counts(ObjectNode o, String name, Counts c) {
    if (c == null) {
      return;
    }
    ObjectNode n = o.putObject(name);
    ObjectNode by = n.putObject("byCategory");
    c.byCategory().forEach(by::put);
    if (c.total() != null) {
      n.put("total", c.total());
    }
  }

  /** The message of an entry's body (its type and fields); problems name the field. */
  public static ExchangeMessage read(byte[] body) throws ExchangeInputException {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw StepFields.problem(null, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw StepFields.problem(null, "not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw StepFields.problem(null, "an entry body is a JSON object");
    }
    JsonNode type = n.get("type");
    if (type == null || !type.isTextual()) {
      throw StepFields.problem("type", "a message type is required");
    }
    ObjectNode fields = ((ObjectNode) n).deepCopy();
    fields.remove("type");
    return message(type.asText(), fields);
  }

  /** The message of type {@code type} with {@code fields}; problems name the field. */
  public static ExchangeMessage message(String type, ObjectNode fields)
      throws ExchangeInputException {
    return new StepFields(type, fields).message();
  }
}
