package dev.verity.core.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Instants and dates as the data-exchange format writes them: RFC 3339 strings with a four-digit
 * year ({@code date-fullyear = 4DIGIT}, RFC 3339 §5.6), so years 0000–9999. Java's own parsers take
 * a signed year of up to nine digits ({@code +999999999-12-31T23:59:59Z}) and numbers of seconds;
 * an event dated there would be accepted, signed, and could never be followed by a later one. Both
 * are refused, with a message that says what is expected; Jackson adds the field's path.
 */
public final class BoundedInstants {
  private static final Pattern INSTANT =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  static final String INSTANT_FORM = JsonProblems.INSTANT; // the words every error uses
  static final String DATE_FORM = "a date YYYY-MM-DD with a four-digit year";

  private BoundedInstants() {}

  /** The Jackson module: register it after {@code JavaTimeModule}, whose readers it replaces. */
  public static Module module() {
    SimpleModule m = new SimpleModule("verity-bounded-instants");
    m.addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return instant(text(p, INSTANT_FORM), p);
          }
        });
    m.addDeserializer(
        LocalDate.class,
        new JsonDeserializer<>() {
          @Override
          public LocalDate deserialize(JsonParser p, DeserializationContext ctxt)
              throws IOException {
            return date(text(p, DATE_FORM), p);
          }
        });
    return m;
  }

  /** Parses an instant in the bounded form; null if {@code s} is not one. */
  public static Instant parseInstant(String s) {
    if (s == null || !INSTANT.matcher(s).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Parses a date in the bounded form; null if {@code s} is not one. */
  public static LocalDate parseDate(String s) {
    if (s == null || !DATE.matcher(s).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonParser p, String form) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw JsonMappingException.from(p, form + ", not " + p.currentToken().asString());
    }
    return p.getText();
  }

  private static Instant instant(String s, JsonParser p) throws JsonMappingException {
    Instant t = parseInstant(s);
    if (t == null) {
      throw JsonMappingException.from(p, INSTANT_FORM + ", not \"" + shorten(s) + "\"");
    }
    return t;
  }

  private static LocalDate date(String s, JsonParser p) throws JsonMappingException {
    LocalDate d = parseDate(s);
    if (d == null) {
      throw JsonMappingException.from(p, DATE_FORM + ", not \"" + shorten(s) + "\"");
    }
    return d;
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
