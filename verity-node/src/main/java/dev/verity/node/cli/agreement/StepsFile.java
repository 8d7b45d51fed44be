package dev.verity.node.cli.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.replay.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the steps file of {@code verity agreement replay}: JSON lines, one step a line,
 * {@code {"at": INSTANT, "party": ID, "type": TYPE, "fields": {...}}}; blank lines are skipped. A
 * step's index is its line number less one. Anything malformed stops the reading with one line
 * naming the file, the line and the key: the steps are evidence, and a guess would mislead.
 * Bounded: lines up to {@link #MAX_LINE} characters, at most {@link #MAX_STEPS} steps.
 */
final class StepsFile {
  static final int MAX_LINE = 1 << 20;
  static final int MAX_STEPS = 1_000_000;
  private static final Set<String> KEYS = Set.of("at", "party", "type", "fields");
  private static final ObjectMapper JSON = new ObjectMapper();

  private StepsFile() {}

  static List<Replay.Input> read(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  /** The steps {@code r} holds; errors name {@code source} (a file, or a bundled scenario's). */
  static List<Replay.Input> read(BufferedReader r, String source) throws IOException {
    List<Replay.Input> out = new ArrayList<>();
    int n = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      n++;
      if (!line.isBlank()) {
        if (out.size() == MAX_STEPS) {
          throw bad(source, n, "more than " + MAX_STEPS + " steps");
        }
        out.add(step(source, n, line));
      }
    }
    return out;
  }

  private static Replay.Input step(String file, int n, String line) {
    if (line.length() > MAX_LINE) {
      throw bad(file, n, "longer than " + MAX_LINE + " characters");
    }
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw bad(file, n, "not JSON: " + e.getOriginalMessage().split("\n")[0]);
    }
    if (o == null || !o.isObject()) {
      throw bad(file, n, "expected a JSON object {\"at\", \"party\", \"type\", \"fields\"}");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw bad(file, n, k + ": not a key of a step (at, party, type, fields)");
      }
    }
    JsonNode fields = o.has("fields") ? o.get("fields") : JSON.createObjectNode();
    if (!fields.isObject()) {
      throw bad(file, n, "fields: expected a JSON object");
    }
    return new Replay.Input(n - 1, instant(file, n, o.get("at")), text(file, n, o, "party"),
        text(file, n, o, "type"), fields);
  }

  private static Instant instant(String file, int n, JsonNode at) {
    String expected = "at: expected an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z";
    if (at == null || !at.isTextual() || !at.asText().endsWith("Z")) {
      throw bad(file, n, expected);
    }
    try {
      return Instant.parse(at.asText());
    } catch (DateTimeParseException e) {
      throw bad(file, n, expected);
    }
  }

  private static String text(String file, int n, JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw bad(file, n, key + ": expected a " + (key.equals("party") ? "participant id" : "message"
          + " type") + " as a string");
    }
    return v.asText();
  }

  private static IllegalArgumentException bad(String file, int line, String what) {
    return new IllegalArgumentException(file + ": line " + line + ": " + what);
  }
}
