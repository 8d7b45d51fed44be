package dev.verity.node.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node's announcement of its next key, an entry of its own log in each of its agreements (a
 * system type like the escrow ones: every agreement takes it, only the node makes it, from
 * {@code verity node key rotate}). Signed by the log key like every entry, so a peer that reads
 * it in its verified mirror of that node knows the key comes from the node it pinned, and
 * accepts the new key before the node uses it (docs/formats/api.md, "key announcement").
 *
 * @param key which key: {@code witness} or {@code tls}
 * @param newKey the next key, as peers pin it: a note verifier key of type 0x04 for a witness,
 *     the hex SHA-256 of the certificate's SubjectPublicKeyInfo for TLS (RFC 7469's pin)
 * @param effectiveAt from when the node uses it; the old one until then
 */
public record KeyAnnouncement(String key, String newKey, Instant effectiveAt) {
  public static final String TYPE = "key-announcement";
  public static final String WITNESS = "witness";
  public static final String TLS = "tls";
  private static final Pattern PIN = Pattern.compile("[0-9a-f]{64}");
  static final Set<String> FIELDS = Set.of("key", "newKey", "effectiveAt", "party");

  /** The announcement {@code body} holds; empty if it is not one (a field missing or wrong). */
  public static Optional<KeyAnnouncement> of(JsonNode body) {
    if (body == null || !body.isObject() || !body.path("newKey").isTextual()
        || body.path("newKey").asText().length() > 256) {
      return Optional.empty();
    }
    String key = body.path("key").asText();
    if (!key.equals(WITNESS) && !(key.equals(TLS) && PIN.matcher(body.get("newKey").asText())
        .matches())) {
      return Optional.empty();
    }
    for (var names = body.fieldNames(); names.hasNext();) {
      if (!FIELDS.contains(names.next())) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new KeyAnnouncement(key, body.get("newKey").asText(),
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
