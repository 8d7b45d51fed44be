package dev.verity.node.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An air-gap bundle (format {@code verity-bundle/v1}): a run of a Party's log entries
 * {@code [from, from + entries.size())}, the signed checkpoint they lead to, the consistency proof
 * from {@code from} to the checkpoint's size (RFC 9162; empty from 0), and {@code note}: a C2SP
 * signed note by the log's own key over the SHA-256 of the rest in canonical JSON, so the file
 * as a whole is signed. The importer checks it exactly as it checks online delivery.
 *
 * @param entries base64 of each entry
 * @param consistency base64 hashes
 */
@JsonPropertyOrder({"format", "origin", "party", "from", "entries", "consistency", "checkpoint", "note"})
public record Bundle(String format, String origin, String party, long from, List<String> entries,
    List<String> consistency, String checkpoint, String note) {
  public static final String FORMAT = "verity-bundle/v1";

  /** This bundle without its signature: what the note signs the hash of. */
  Bundle unsigned() {
    return new Bundle(format, origin, party, from, entries, consistency, checkpoint, null);
  }
}
