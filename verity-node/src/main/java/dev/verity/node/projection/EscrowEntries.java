package dev.verity.node.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.escrow.EscrowCommitment;
import dev.verity.core.escrow.ItemRecords;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.node.entry.EntrySlices;
import dev.verity.node.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The two log entry kinds of an escrowed declaration (docs/formats/escrow.md, "In the node's
 * log"): {@code escrow-commitment}, whose body is the commitment itself, and {@code escrow-reveal},
 * whose body is {@code {"root", "part", "parts", "reveals": [...]}}. A reveal of many items spans
 * several entries (a C2SP tlog-tiles entry holds at most 65,535 bytes; one reveal of a 2,000-item
 * declaration is about 900 bytes); each part is checkable on its own.
 */
public final class EscrowEntries {
  public static final String COMMITMENT = "escrow-commitment";
  public static final String REVEAL = "escrow-reveal";

  private EscrowEntries() {}

  /** One reveal entry as read back. */
  public record RevealPart(String root, int part, int parts, List<Reveal> reveals) {}

  public static boolean handles(String type) {
    return COMMITMENT.equals(type) || REVEAL.equals(type);
  }

  public static JsonNode commitmentBody(EscrowCommitment c) {
    return DataExchangeJson.mapper().valueToTree(c);
  }

  public static EscrowCommitment commitment(JsonNode body) throws JsonProcessingException {
    return DataExchangeJson.mapper().treeToValue(body, EscrowCommitment.class);
  }

  /** The reveal entry bodies for {@code reveals} of the commitment {@code root}, in order. */
  public static List<JsonNode> revealBodies(String root, List<Reveal> reveals) {
    List<List<Reveal>> slices = EntrySlices.of(reveals, EscrowEntries::encodedBytesAtMost, 0);
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < slices.size(); i++) {
      ObjectNode o = CanonicalJson.mapper().createObjectNode();
      o.put("root", root);
      o.put("part", i);
      o.put("parts", slices.size());
      ArrayNode a = o.putArray("reveals");
      slices.get(i).forEach(r -> a.add((JsonNode) DataExchangeJson.mapper().valueToTree(r)));
      out.add(o);
    }
    return out;
  }

  /**
   * An upper bound of a reveal's canonical JSON size, without encoding it (the entry budget check
   * would otherwise encode every reveal twice): the item record as committed, and per proof hash
   * 64 hex digits, quotes and a comma; 140 bytes cover the member names, the 64-digit salt and the index.
   */
  static int encodedBytesAtMost(Reveal r) {
    return ItemRecords.canonical(r.item()).length + 67 * r.proof().size() + 140;
  }

  public static RevealPart revealPart(JsonNode body) throws JsonProcessingException {
    List<Reveal> rs = new ArrayList<>();
    for (JsonNode r : body.path("reveals")) {
      rs.add(DataExchangeJson.mapper().treeToValue(r, Reveal.class));
    }
    if (!body.path("root").isTextual() || !body.path("reveals").isArray()) {
      throw new JsonMappingException(
          null, "an escrow reveal: an object with root (text) and reveals (a list)");
    }
    return new RevealPart(body.path("root").asText(), body.path("part").asInt(-1), body.path("parts").asInt(-1), rs);
  }
}
