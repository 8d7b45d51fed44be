package dev.verity.node.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of what an operator submitted (its type and message, RFC 8785 canonical JSON, so
 * that the order of fields or spacing does not matter): what tells a retry from another message
 * under the same client id. Kept in the node's store, never in the log (for an escrowed
 * declaration it would let a guess of the whole declaration be confirmed).
 */
final class RequestDigest {
  private RequestDigest() {}

  static String of(SubmitRequest r) {
    ObjectNode o = CanonicalJson.mapper().createObjectNode();
    o.put("type", r.type());
    o.set("message", r.message());
    byte[] bytes;
    try {
      bytes = CanonicalJson.encode(o);
    } catch (IllegalArgumentException e) { // a number canonical JSON cannot hold: the text as sent
      bytes = o.toString().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
