package dev.verity.node.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the vault holds, as the JSON inside its encryption: the blinding key of each exchange,
 * each stored list with its persons (GC III Art. 17 fields and the salt, by entry index), and an
 * audit trail of exports and erasures that names no one.
 */
record VaultContents(String format, Map<String, String> blindingKeys, List<StoredList> lists,
    List<AuditLine> audit) {
  static final String FORMAT = "verity-vault/v1";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  VaultContents {
    blindingKeys = Map.copyOf(blindingKeys);
    lists = List.copyOf(lists);
    audit = List.copyOf(audit);
  }

  static VaultContents empty() {
    return new VaultContents(FORMAT, Map.of(), List.of(), List.of());
  }

  /** One person of a list: the entry index, the Art. 17 fields as written, the salt (hex). */
  record StoredPerson(int index, String surname, String firstNames, String dateOfBirth,
      String serviceNumber, String salt) {}

  /**
   * One committed list and what it may be used for, until when; the entries whose persons were
   * erased (by index, with when and why: no personal data), so that an opening of one is
   * answered "erased", not "never on the list".
   */
  record StoredList(String exchange, String party, String kind, String category, String root,
      int count, List<String> purposes, String retainUntil, String storedAt,
      List<StoredPerson> persons, List<ErasedEntry> erased) {
    StoredList {
      persons = List.copyOf(persons);
      erased = erased == null ? List.of() : List.copyOf(erased); // vaults written before
    }
  }

  /** An entry whose person was erased: its index, when, and the reason given. */
  record ErasedEntry(int index, String at, String reason) {}

  /**
   * An export or an erasure: when, what, which list (its root), how many, to whom, and the
   * reason given for an erasure; never who.
   */
  record AuditLine(String at, String what, String exchange, String root, int persons,
      String recipient, String reason) {}

  byte[] json() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static VaultContents parse(byte[] json) throws IOException {
    VaultContents c = JSON.readValue(json, VaultContents.class);
    if (!FORMAT.equals(c.format())) {
      throw new IOException("format " + c.format() + ", expected " + FORMAT);
    }
    return c;
  }
}
