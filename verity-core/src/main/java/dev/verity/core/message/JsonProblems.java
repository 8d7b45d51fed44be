package dev.verity.core.message;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where Jackson's exceptions become plain words: which field (a path such as
 * {@code items[3].facility}), what was expected ("expected an ISO 8601 UTC instant such as
 * 2020-10-01T10:00:00Z") and, for malformed text, the line and column. Jackson's own messages
 * name Java classes and its parser's internals; none of that reaches a user. Every reader of JSON
 * or YAML input (the API, the command line, agreement and configuration files) reports through
 * here.
 */
public final class JsonProblems {
  /** What an instant looks like, in the words every error about one uses. */
  public static final String INSTANT =
      "an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z (RFC 3339, a four-digit year)";

  /** Plain words for the types a field can hold. */
  private static final Map<Class<?>, String> EXPECTED =
      Map.ofEntries(
          Map.entry(Instant.class, INSTANT),
          Map.entry(LocalDate.class, "a date such as 2020-10-01"),
          Map.entry(Integer.class, "a whole number"),
          Map.entry(int.class, "a whole number"),
          Map.entry(Long.class, "a whole number"),
          Map.entry(long.class, "a whole number"),
          Map.entry(Short.class, "a whole number"),
          Map.entry(BigInteger.class, "a whole number"),
          Map.entry(Double.class, "a number"),
          Map.entry(double.class, "a number"),
          Map.entry(Float.class, "a number"),
          Map.entry(BigDecimal.class, "a number"),
          Map.entry(Boolean.class, "true or false"),
          Map.entry(boolean.class, "true or false"),
          Map.entry(String.class, "text (a JSON string)"));

  private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.{1,2})'");
  private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']{1,40})'");
  private static final Pattern COERCED = Pattern.compile("String value \\(\"([^\"]{0,40})\"\\)");

  /**
   * A problem with JSON input.
   *
   * @param path the field at fault ({@code newItem.kind}, {@code [2].eventTime}); empty for the
   *     whole input
   * @param message what is wrong, in plain words
   * @param line the line in the text (from 1), or 0 when not known
   * @param column the column in the line (from 1), or 0 when not known
   */
  public record Problem(String path, String message, int line, int column) {
    /** "line 3, column 7: " when the place is known, else "". */
    public String where() {
      return line > 0 ? "line " + line + ", column " + column + ": " : "";
    }

    /** The field path joined under {@code prefix} (e.g. "message" gives "message.eventTime"). */
    public String field(String prefix) {
      if (path.isEmpty()) {
        return prefix;
      }
      return prefix.isEmpty() ? path : path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
  }

  private JsonProblems() {}

  /** What {@code e} means, in plain words. */
  public static Problem of(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    int line = l == null || l.getLineNr() < 0 ? 0 : l.getLineNr();
    int column = l == null || l.getColumnNr() < 0 ? 0 : l.getColumnNr();
    if (!(e instanceof JsonMappingException m)) {
      return new Problem("", malformed(e.getOriginalMessage()), line, column);
    }
    return new Problem(path(m), mapping(m), line, column);
  }

  /** One line: where, the field and what is wrong ("line 1, column 9: eventTime: expected ..."). */
  public static String describe(JsonProcessingException e) {
    Problem p = of(e);
    return p.where() + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
  }

  private static String malformed(String original) {
    String m = original == null ? "" : original;
    Matcher c = UNEXPECTED.matcher(m);
    if (c.find()) {
      return "malformed JSON: unexpected character '" + c.group(1) + "'";
    }
    Matcher t = TOKEN.matcher(m);
    if (t.find()) {
      return "malformed JSON: unexpected word '" + t.group(1) + "' (text must be in double quotes)";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return "malformed JSON: the text ends before the value is complete";
    }
    return "malformed JSON";
  }

  private static String mapping(JsonMappingException m) {
    if (m instanceof UnrecognizedPropertyException u) {
      return unknownField(u.getPropertyName(), u.getKnownPropertyIds());
    }
    if (m instanceof ValueInstantiationException v
        && v.getCause() != null
        && v.getCause().getMessage() != null) {
      return v.getCause().getMessage();
    }
    if (m.getClass() == JsonMappingException.class && ours(m.getOriginalMessage())) {
      return "expected " + m.getOriginalMessage(); // our own readers' words (BoundedInstants)
    }
    if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("No content to map")) {
      return "empty: expected a JSON value";
    }
    if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      if (m.getOriginalMessage() != null && m.getOriginalMessage().contains("`null`")) {
        return "required: " + expected(mi.getTargetType());
      }
      String given =
          m instanceof InvalidFormatException f
              ? given(f.getValue())
              : text(m.getOriginalMessage());
      return "expected " + expected(mi.getTargetType()) + given;
    }
    if (m.getOriginalMessage() != null && m.getOriginalMessage().contains("end-of-input")) {
      return "malformed JSON: the text ends before the value is complete";
    }
    return "not a valid value here";
  }

  /** Our own readers say what they expected ("a date YYYY-MM-DD ..."); Jackson's own do not. */
  private static boolean ours(String m) {
    return m != null && (m.startsWith("an ") || m.startsWith("a "));
  }

  /** ", not the text "four"" for a number or true/false given in quotes. */
  private static String text(String original) {
    Matcher c = COERCED.matcher(original == null ? "" : original);
    return c.find() ? ", not the text \"" + c.group(1) + "\"" : "";
  }

  /** "unknown field 'colour' (known: facility, id, kind)". */
  public static String unknownField(String name, Collection<Object> known) {
    StringBuilder b = new StringBuilder("unknown field '").append(name).append('\'');
    if (known != null && !known.isEmpty()) {
      TreeSet<String> names = new TreeSet<>();
      known.forEach(k -> names.add(String.valueOf(k)));
      b.append(" (known: ").append(String.join(", ", names)).append(')');
    }
    return b.toString();
  }

  private static String expected(Class<?> type) {
    String plain = EXPECTED.get(type);
    if (plain != null) {
      return plain;
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list [...]";
    }
    return "an object {...}";
  }

  private static String given(Object value) {
    if (value == null) {
      return "";
    }
    String s = String.valueOf(value);
    return ", not '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
