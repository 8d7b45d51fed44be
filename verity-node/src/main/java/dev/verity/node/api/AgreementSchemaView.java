package dev.verity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Party;
import dev.verity.core.schema.MessageSchema;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.LifeView;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /api/v1/agreements/{id}}: an agreement and the typed schema of each of its message
 * types, the shape a client generates its forms from (issue 12; docs/formats/api.md, "Agreement
 * and message schema"). Every field is the core's canonical form ({@link MessageSchema#json}: its
 * kind, bounds, enum values, {@code required}, {@code label} key) with its {@code name} added, and
 * fields are listed in the order the agreement declares them, at every depth: a record's {@code
 * fields} and the alternatives and values ({@code of}) of a one-of or map are lists too.
 */
final class AgreementSchemaView {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AgreementSchemaView() {}

  /**
   * {@code GET /api/v1/agreements/{id}}: the node's agreement, if {@code id} names it, with its
   * life as of the request's {@code asOf} ({@code life}: standing, suspensions in effect with the
   * suspending Party and its stated reason, withdrawals, timeline).
   */
  static void serve(Context ctx, Agreement served, LifeView life) {
    String id = ctx.pathParam("id");
    if (!id.equals(served.id())) {
      throw new Http.ApiError(404, "id", "this node takes part in " + served.id() + " only");
    }
    ObjectNode o = of(served);
    o.set("life", CanonicalJson.mapper().valueToTree(life));
    Http.json(ctx, 200, o);
  }

  /** The description of {@code a}. */
  static ObjectNode of(Agreement a) {
    ObjectNode o = JSON.objectNode();
    o.put("id", a.id());
    o.put("title", a.title());
    o.put("entryIntoForce", a.entryIntoForce().toString());
    o.put("endsOn", a.endsOn() == null ? null : a.endsOn().toString());
    ArrayNode parties = o.putArray("parties");
    for (Party p : a.parties()) {
      parties.addObject().put("id", p.id()).put("name", p.name())
          .put("role", p.role() == null ? "party" : p.role()).put("bound", p.bound());
    }
    ArrayNode messages = o.putArray("messages");
    a.messages().forEach(t -> messages.add(message(t)));
    return o;
  }

  private static ObjectNode message(MessageType t) {
    ObjectNode o = JSON.objectNode();
    o.put("type", t.id());
    o.put("name", t.name());
    o.put("provision", t.provision());
    o.put("notification", t.notification());
    o.set("deadline", CanonicalJson.mapper().valueToTree(t.deadline()));
    o.put("source", t.source());
    if (t.providedUnder() != null) { // New START's launch: given under the 1988 agreement
      o.set("providedUnder", CanonicalJson.mapper().valueToTree(t.providedUnder()));
    }
    o.set("fields", fields(t.schema().json()));
    return o;
  }

  /** A schema's canonical object ({@code name: spec}) as a list of specs, each with its name. */
  static ArrayNode fields(JsonNode schema) {
    ArrayNode out = JSON.arrayNode();
    for (Map.Entry<String, JsonNode> f : schema.properties()) {
      ObjectNode spec = JSON.objectNode().put("name", f.getKey());
      spec.setAll(type((ObjectNode) f.getValue()));
      out.add(spec);
    }
    return out;
  }

  /** A type's canonical form with the fields of its records, at any depth, as lists. */
  private static ObjectNode type(ObjectNode spec) {
    ObjectNode o = spec.deepCopy();
    if (o.get("fields") instanceof ObjectNode nested) {
      o.set("fields", fields(nested));
    }
    JsonNode of = o.get("of");
    if (of instanceof ObjectNode single) {
      o.set("of", type(single));
    } else if (of instanceof ArrayNode alternatives) {
      ArrayNode each = JSON.arrayNode();
      alternatives.forEach(x -> each.add(type((ObjectNode) x)));
      o.set("of", each);
    }
    return o;
  }
}
