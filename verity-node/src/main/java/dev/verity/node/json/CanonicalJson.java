package dev.verity.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the integer-only JSON Verity entries use: object
 * members sorted by their names' UTF-16 code units (§3.2.3, which is Java's String order), no
 * whitespace, strings escaped as §3.2.2.2 says (the two-character escapes for \b \f \n \r \t,
 * lower-case  for other control characters, everything else literal). Fractional numbers
 * are refused rather than formatted: ES6 number formatting (§3.2.2.3) is not needed by any message
 * and getting it subtly wrong would break byte-for-byte agreement between nodes.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private CanonicalJson() {}

  /** The shared mapper (ISO-8601 instants). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The canonical UTF-8 bytes of any value Jackson can turn into a tree. */
  public static byte[] encode(Object value) {
    JsonNode n = value instanceof JsonNode j ? j : MAPPER.valueToTree(value);
    StringBuilder b = new StringBuilder();
    write(n, b);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode n, StringBuilder b) {
    if (n.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      b.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        string(names.get(i), b);
        b.append(':');
        write(n.get(names.get(i)), b);
      }
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(n.get(i), b);
      }
      b.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), b);
    } else if (n.isIntegralNumber()) {
      if (!n.canConvertToLong() || Math.abs(n.longValue()) > (1L << 53)) {
        throw new IllegalArgumentException("integer out of the IEEE 754 exact range: " + n);
      }
      b.append(n.longValue());
    } else if (n.isNumber()) {
      throw new IllegalArgumentException("fractional numbers are not allowed in entries: " + n);
    } else if (n.isBoolean()) {
      b.append(n.booleanValue());
    } else if (n.isNull() || n.isMissingNode()) {
      b.append("null");
    } else {
      throw new IllegalArgumentException("unsupported JSON value: " + n.getNodeType());
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
