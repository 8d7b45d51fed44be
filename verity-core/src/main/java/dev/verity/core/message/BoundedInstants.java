package dev.verity.core.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
  /** The form, as the regular expression {@code BoundedInstantsTest} checks the parser against. */
  static final Pattern INSTANT =
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

  /**
   * Parses an instant in the bounded form ({@link #INSTANT}); null if {@code s} is not one. The
   * fields are read by position and the values checked by {@link LocalDateTime#of} and {@link
   * ZoneOffset#ofHoursMinutes}, as strictly as {@code OffsetDateTime.parse} (month 13, 31 April
   * or second 60 are refused): every entry's envelope time and most messages' fields are instants,
   * parsed on submit and on every entry mirrored, and the regular expression with the JDK's
   * formatter was a large cost of both in a profile (issue 18). {@code BoundedInstantsTest}
   * checks the two agree.
   */
  public static Instant parseInstant(String s) {
    if (s == null || s.length() < 20 || s.length() > 35 || !dateTimeShape(s)) {
      return null;
    }
    int end = fractionEnd(s);
    if (end < 0) {
      return null;
    }
    try {
      LocalDateTime t = LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10),
          digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19), nanos(s, end));
      ZoneOffset offset = offset(s, end);
      return offset == null ? null : t.toInstant(offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code YYYY-MM-DDTHH:MM:SS} at the start of {@code s}. */
  private static boolean dateTimeShape(String s) {
    for (int i = 0; i < 19; i++) {
      char c = s.charAt(i);
      char want = "dddd-dd-ddTdd:dd:dd".charAt(i);
      if (want == 'd' ? c < '0' || c > '9' : c != want) {
        return false;
      }
    }
    return true;
  }

  /** Where the optional {@code .fraction} (1–9 digits) after the seconds ends, or -1. */
  private static int fractionEnd(String s) {
    if (s.charAt(19) != '.') {
      return 19;
    }
    int i = 20;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i == 20 || i > 29 ? -1 : i;
  }

  private static int nanos(String s, int end) {
    if (end == 19) {
      return 0;
    }
    int n = digits(s, 20, end);
    for (int i = end - 20; i < 9; i++) {
      n *= 10;
    }
    return n;
  }

  /** {@code Z} or {@code ±HH:MM} from {@code at} to the end of {@code s}; null if neither. */
  private static ZoneOffset offset(String s, int at) {
    int left = s.length() - at;
    if (left < 1) {
      return null;
    }
    char sign = s.charAt(at);
    if (left == 1 && sign == 'Z') {
      return ZoneOffset.UTC;
    }
    if (left != 6 || sign != '+' && sign != '-' || s.charAt(at + 3) != ':'
        || !allDigits(s, at + 1, at + 3) || !allDigits(s, at + 4, at + 6)) {
      return null;
    }
    int h = digits(s, at + 1, at + 3);
    int m = digits(s, at + 4, at + 6);
    return sign == '+' ? ZoneOffset.ofHoursMinutes(h, m) : ZoneOffset.ofHoursMinutes(-h, -m);
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
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
