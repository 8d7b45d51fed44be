package dev.verity.node.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.message.BoundedInstants;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the JSON Verity entries use: object members sorted
 * by their names' UTF-16 code units (section 3.2.3, which is Java's String order), no whitespace,
 * strings escaped as section 3.2.2.2 says (the two-character escapes for backspace, form feed,
 * newline, carriage return and tab, lower-case six-character escapes for the other control
 * characters, everything else literal). Fractional numbers (facility coordinates) are written as
 * ES6 does (section 3.2.2.3) within the range entries need, 1e-6 to 1e21: the shortest digits
 * that read back as the same double, in plain notation; numbers outside that range are refused
 * rather than formatted approximately.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .registerModule(BoundedInstants.module())
      // {"warheads":1,"warheads":9} would sign as 9 in one reader and count as 1 in another
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
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
      b.append(es6(n.doubleValue()));
    } else if (n.isBoolean()) {
      b.append(n.booleanValue());
    } else if (n.isNull() || n.isMissingNode()) {
      b.append("null");
    } else {
      throw new IllegalArgumentException("unsupported JSON value: " + n.getNodeType());
    }
  }

  /** ES6 Number.prototype.toString for 1e-6 ≤ |x| &lt; 1e21 (plain notation, shortest round trip). */
  static String es6(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a JSON number: " + d);
    }
    if (d == 0) {
      return "0";
    }
    double a = Math.abs(d);
    if (a < 1e-6 || a >= 1e21) {
      throw new IllegalArgumentException("number out of the supported range: " + d);
    }
    String s = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    if (Double.parseDouble(s) != d) {
      throw new IllegalStateException("no exact short form for " + d);
    }
    return s;
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
          if (Character.isSurrogate(c) && !pairAt(s, i)) {
            // RFC 8785 §3.2.2.2 needs UTF-8, which has no lone surrogate: Java would write '?'
            throw new IllegalArgumentException("a lone UTF-16 surrogate (U+"
                + String.format("%04X", (int) c) + ") is not Unicode text");
          }
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

  /** Whether {@code s} has a surrogate pair at {@code i} or ending at {@code i}. */
  private static boolean pairAt(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
