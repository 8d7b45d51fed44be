package dev.verity.node.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.json.CanonicalJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * One log entry: a message of some type from an agreement, in canonical JSON (RFC 8785). The
 * envelope is the same for every kind of message (notifications and declarations today,
 * inspection steps later); {@code body} is the kind's own JSON. The client id travels in the
 * entry so that a node rebuilding its state from its own log after a crash still knows which
 * submissions it has already accepted.
 *
 * @param v format version (1)
 * @param type a message type of the agreement's catalogue, or {@code declaration}
 */
public record Envelope(int v, String agreement, String party, String type, String clientId,
    Instant createdAt, JsonNode body) {

  public static final int VERSION = 1;

  public byte[] encode() {
    return CanonicalJson.encode(this);
  }

  /** Parses an entry; it must be exactly in canonical form. */
  public static Envelope decode(byte[] entry) throws EntryException {
    Envelope e;
    try {
      e = CanonicalJson.mapper().readValue(entry, Envelope.class);
    } catch (IOException ex) {
      throw new EntryException("not a Verity entry: " + ex.getMessage());
    }
    if (e.v() != VERSION || e.party() == null || e.type() == null || e.body() == null) {
      throw new EntryException("not a Verity entry: missing v, party, type or body");
    }
    byte[] canonical;
    try {
      canonical = e.encode();
    } catch (IllegalArgumentException ex) {
      throw new EntryException("not a Verity entry: " + ex.getMessage()); // e.g. a lone surrogate
    }
    if (!Arrays.equals(canonical, entry)) {
      throw new EntryException("entry is not canonical JSON (RFC 8785)");
    }
    return e;
  }

  /**
   * Checks the envelope and its body against the {@link InputRules}, as the submit path checked
   * them: an entry of a peer that breaks them is kept in the log but not counted.
   */
  public void checkRules() throws InputException {
    InputRules.identifier(party, "party");
    InputRules.identifier(type, "type");
    if (agreement != null) {
      InputRules.identifier(agreement, "agreement");
    }
    if (clientId != null) {
      InputRules.text(clientId, "clientId", "a client id", 256);
    }
    InputRules.check(body, "body");
  }
}
