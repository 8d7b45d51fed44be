package dev.verity.node.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.node.entry.EntrySlices;
import dev.verity.node.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A declaration (data exchange) spans several log entries: a New START declaration of 1,500
 * items is about 150 KB and a C2SP tlog-tiles entry holds at most 65,535 bytes. Each part is a
 * declaration of its own with a slice of the items (the facilities go in the first), wrapped as
 * {@code {"part": i, "parts": n, "declaration": {...}}}; the parts are appended consecutively
 * and the projection applies the declaration once the last part is in.
 */
public final class DeclarationParts {
  public static final String TYPE = "declaration";

  private DeclarationParts() {}

  public record Part(int index, int count, Declaration declaration) {}

  /** Splits a declaration into entry bodies, in order. */
  public static List<JsonNode> split(Declaration d) {
    List<List<Item>> slices = EntrySlices.of(d.items(), it -> CanonicalJson.encode(it).length,
        CanonicalJson.encode(d.facilities()).length);
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < slices.size(); i++) {
      Declaration part = new Declaration(d.agreement(), d.party(), d.asOf(), null,
          i == 0 ? d.facilities() : List.of(), slices.get(i));
      ObjectNode o = CanonicalJson.mapper().createObjectNode();
      o.put("part", i);
      o.put("parts", slices.size());
      o.set("declaration", DataExchangeJson.mapper().valueToTree(part));
      out.add(o);
    }
    return out;
  }

  /** Reads one part. */
  public static Part part(JsonNode body) throws JsonProcessingException {
    Declaration d = DataExchangeJson.mapper().treeToValue(body.get("declaration"), Declaration.class);
    return new Part(body.path("part").asInt(-1), body.path("parts").asInt(-1), d);
  }

  /** The whole declaration from its parts. */
  public static Declaration join(List<Declaration> parts) {
    List<Facility> fs = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    for (Declaration p : parts) {
      fs.addAll(p.facilities());
      items.addAll(p.items());
    }
    Declaration first = parts.get(0);
    return new Declaration(first.agreement(), first.party(), first.asOf(), first.receivedAt(), fs, items);
  }
}
