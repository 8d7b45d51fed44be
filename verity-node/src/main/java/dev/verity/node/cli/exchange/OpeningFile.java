package dev.verity.node.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.Blinded;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.Opening;
import dev.verity.core.exchange.PersonRecord;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.tlog.merkle.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An opening as a file (docs/formats/exchange.md, "Opening one person"): written with mode 0600
 * from the start (it holds a person's identity), read back with every field checked and named.
 */
final class OpeningFile {
  private static final int MAX_BYTES = 64 << 10;

  private OpeningFile() {}

  static void write(Path file, Opening o) throws IOException {
    ObjectNode n = CommandFiles.STRICT_JSON.createObjectNode();
    n.put("exchange", o.exchange()).put("party", o.party()).put("kind", o.kind().label())
        .put("category", o.category());
    ObjectNode p = n.putObject("person");
    p.put("surname", o.person().surname()).put("firstNames", o.person().firstNames())
        .put("dateOfBirth", o.person().dateOfBirth().toString());
    if (o.person().serviceNumber() != null) {
      p.put("serviceNumber", o.person().serviceNumber());
    }
    n.put("salt", HexFormat.of().formatHex(o.salt())).put("blinded", o.blinded().hex())
        .put("index", o.index()).put("size", o.size());
    ArrayNode proof = n.putArray("proof");
    o.proof().forEach(h -> proof.add(h.hex()));
    writeOwnerOnly(file, CommandFiles.STRICT_JSON.writeValueAsString(n) + "\n");
  }

  /** Writes a new file that only its owner can read (personal data): never an existing one. */
  static void writeOwnerOnly(Path file, String text) throws IOException {
    if (Files.exists(file)) {
      throw new IllegalArgumentException(file + ": exists (personal data are not overwritten;"
          + " give another file)");
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      throw new IOException(file + ": the file system cannot restrict the file to its owner", e);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static Opening read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(file + ": larger than an opening can be (64 KiB)");
    }
    JsonNode n = CommandFiles.STRICT_JSON.readTree(Files.readString(file));
    JsonNode p = n.path("person");
    ListKind kind = ListKind.ofLabel(text(file, n, "kind"));
    if (kind == null) {
      throw new IllegalArgumentException(file + ": kind: held or requested");
    }
    try {
      PersonRecord person = new PersonRecord(text(file, p, "surname"),
          text(file, p, "firstNames"), LocalDate.parse(text(file, p, "dateOfBirth")),
          p.path("serviceNumber").isTextual() ? p.path("serviceNumber").asText() : null);
      List<Hash> proof = new ArrayList<>();
      for (JsonNode h : n.path("proof")) {
        proof.add(hash(file + ": proof", h.asText()));
      }
      return new Opening(text(file, n, "exchange"), text(file, n, "party"), kind,
          text(file, n, "category"), person, HexFormat.of().parseHex(text(file, n, "salt")),
          Blinded.fromHex(text(file, n, "blinded")), n.path("index").asInt(-1),
          n.path("size").asInt(-1), proof);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(file + ": person.dateOfBirth: expected YYYY-MM-DD", e);
    }
  }

  private static String text(Path file, JsonNode n, String field) {
    if (!n.path(field).isTextual()) {
      throw new IllegalArgumentException(file + ": " + field + ": a string is required");
    }
    return n.path(field).asText();
  }

  static Hash hash(String what, String hex) {
    try {
      return Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": expected 64 hexadecimal digits", e);
    }
  }
}
