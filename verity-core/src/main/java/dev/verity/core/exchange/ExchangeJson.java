package dev.verity.core.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.ExchangeStep.AttestConsent;
import dev.verity.core.exchange.ExchangeStep.AttestStage;
import dev.verity.core.exchange.ExchangeStep.CommitList;
import dev.verity.core.exchange.ExchangeStep.HandOver;
import dev.verity.core.exchange.ExchangeStep.Reblind;
import dev.verity.core.exchange.ExchangeStep.ReportCounts;
import java.io.IOException;
import java.time.Instant;

/**
 * The bodies of exchange entries as JSON (docs/formats/exchange.md, "Entries"): what a node puts
 * in its log. Members sorted by name, no whitespace; hashes and blinded values as lower-case hex.
 * The sender and the time are the entry's own, not the body's. {@link #read} turns a body back
 * into a step, naming the field of any problem.
 */
public final class ExchangeJson {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ExchangeJson() {}

  /** The canonical body of {@code step}. */
  public static byte[] write(ExchangeStep step) {
    try {
      return JSON.writeValueAsBytes(JSON.treeToValue(tree(step), Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode tree(ExchangeStep step) {
    ObjectNode o = F.objectNode().put("type", step.type());
    if (step instanceof CommitList c) {
      list(o, c.list());
    } else if (step instanceof Reblind r) {
      o.set("list", listId(r.list()));
      o.put("root", r.root().hex());
      ArrayNode values = o.putArray("values");
      r.values().forEach(v -> values.add(v.hex()));
    } else if (step instanceof AttestConsent a) {
      o.set("list", listId(a.list()));
      o.put("commitment", a.commitment().hex()).put("decision", a.decision().label());
    } else if (step instanceof HandOver h) {
      o.put("stage", h.stage());
      ArrayNode cs = o.putArray("commitments");
      h.commitments().forEach(c -> cs.add(c.hex()));
    } else if (step instanceof ReportCounts r) {
      o.put("stage", r.stage());
      counts(o, "handed", r.handed());
      counts(o, "received", r.received());
    } else {
      AttestStage a = (AttestStage) step;
      o.put("stage", a.stage());
      ObjectNode from = o.putObject("crossedFrom");
      a.crossedFrom().forEach((p, c) -> counts(from, p, c));
    }
    return o;
  }

  private static void list(ObjectNode o, ListCommitment l) {
    o.put("exchange", l.exchange()).put("party", l.party()).put("kind", l.kind().label())
        .put("category", l.category()).put("count", l.count()).put("root", l.root().hex());
    ArrayNode entries = o.putArray("entries");
    for (ListEntry e : l.entries()) {
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

  /** The step {@code party} sent at {@code at} with this body; problems name the field. */
  public static ExchangeStep read(String party, Instant at, byte[] body)
      throws ExchangeInputException {
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
    return new StepFields(party, at, (ObjectNode) n).step();
  }
}
