package dev.verity.node.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * A node's announcement of its next key, an entry of its own log in each of its agreements (a
 * system type like the escrow ones: every agreement takes it, only the node makes it, from
 * {@code verity node key rotate}). Signed by the log key like every entry, so a peer that reads
 * it in its verified mirror of that node knows the key comes from the node it pinned, and
 * accepts the new key before the node uses it (docs/formats/entries.md, "key-announcement").
 *
 * @param key which key: {@code witness} (a cosignature/v1 verifier key follows)
 * @param newKey the next key, as peers pin it (a note verifier key of type 0x04 for a witness)
 * @param effectiveAt from when the node uses it; the old one until then
 */
public record KeyAnnouncement(String key, String newKey, Instant effectiveAt) {
  public static final String TYPE = "key-announcement";
  public static final String WITNESS = "witness";
  static final Set<String> FIELDS = Set.of("key", "newKey", "effectiveAt", "party");

  /** The announcement {@code body} holds; empty if it is not one (a field missing or wrong). */
  public static Optional<KeyAnnouncement> of(JsonNode body) {
    if (body == null || !body.isObject() || !WITNESS.equals(body.path("key").asText())
        || !body.path("newKey").isTextual() || body.path("newKey").asText().length() > 256) {
      return Optional.empty();
    }
    for (var names = body.fieldNames(); names.hasNext();) {
      if (!FIELDS.contains(names.next())) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new KeyAnnouncement(WITNESS, body.get("newKey").asText(),
          Instant.parse(body.path("effectiveAt").asText())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The entry body of this announcement by {@code party}. */
  public ObjectNode body(String party) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("party", party);
    o.put("key", key);
    o.put("newKey", newKey);
    o.put("effectiveAt", effectiveAt.toString());
    return o;
  }
}
