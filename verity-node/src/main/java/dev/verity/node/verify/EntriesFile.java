package dev.verity.node.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.json.CanonicalJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Party's whole log as one node holds it, written and read a line at a time ({@code
 * verity-entries/v1}, JSON Lines): a header {@code {"format", "party", "origin", "checkpoint"}}
 * with the Party's signed checkpoint, then each entry from index 0 in base64. A peer writes it from
 * its mirror ({@code verity node export}); the Party's node takes it to rebuild its own log ({@code
 * verity node repair --entries}), and trusts it only if the entries give the root that its own key
 * signed: where it came from does not matter.
 */
public final class EntriesFile {
  public static final String FORMAT = "verity-entries/v1";

  /** The header: whose log, and the checkpoint the entries lead to. */
  public record Header(String party, String origin, String checkpoint) {}

  private EntriesFile() {}

  /** Writes entries as they come. */
  public static final class Writer implements Closeable {
    private final BufferedWriter out;

    public Writer(Path file, Header h) throws IOException {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("format", FORMAT);
      m.put("party", h.party());
      m.put("origin", h.origin());
      m.put("checkpoint", h.checkpoint());
      out.write(CanonicalJson.mapper().writeValueAsString(m));
      out.newLine();
    }

    public void add(byte[] entry) throws IOException {
      out.write(Base64.getEncoder().encodeToString(entry));
      out.newLine();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads entries in order. */
  public static final class Reader implements Closeable {
    private final BufferedReader in;
    private final Header header;
    private long line = 1;

    public Reader(Path file) throws IOException {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      String first = in.readLine();
      JsonNode h = CanonicalJson.mapper().readTree(first == null ? "{}" : first);
      if (!FORMAT.equals(h.path("format").asText())) {
        in.close();
        throw new IOException(file + ": not a " + FORMAT + " file");
      }
      header =
          new Header(
              h.path("party").asText(), h.path("origin").asText(), h.path("checkpoint").asText());
    }

    public Header header() {
      return header;
    }

    /** The next entry, or null at the end. */
    public byte[] next() throws IOException {
      String l = in.readLine();
      line++;
      if (l == null || l.isEmpty()) {
        return null;
      }
      try {
        return Base64.getDecoder().decode(l);
      } catch (IllegalArgumentException e) {
        throw new IOException("line " + line + ": not base64: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
