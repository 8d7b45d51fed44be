package dev.verity.core.message;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON data-exchange format (docs/formats/data-exchange.md): declarations and notifications,
 * read from a {@link Reader} and written to a String. Errors name the source, the line and the
 * field path.
 */
public final class DataExchangeJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(BoundedInstants.module())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // integers are integers: 871.7 would be counted as 871 and signed as written
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  static {
    // nor is "871" a number or "true" a boolean: what is signed must read back as what is counted
    for (LogicalType t :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      JSON.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
  }

  private DataExchangeJson() {}

  public static ObjectMapper mapper() {
    return JSON;
  }

  public static Declaration readDeclaration(String source, Reader in) throws DeclarationException {
    Declaration d = read(source, in, Declaration.class);
    if (d.party() == null) {
      throw new DeclarationException(source + ": party: missing");
    }
    if (d.asOf() == null) {
      throw new DeclarationException(source + ": asOf: missing");
    }
    return d;
  }

  /** A file holds one notification object or an array of them. */
  public static List<Notification> readNotifications(String source, Reader in) throws DeclarationException {
    JsonNode tree = read(source, in, JsonNode.class);
    List<Notification> out = new ArrayList<>();
    if (tree.isArray()) {
      for (int i = 0; i < tree.size(); i++) {
        out.add(convert(source, "[" + i + "]", tree.get(i)));
      }
    } else {
      out.add(convert(source, "", tree));
    }
    return out;
  }

  private static Notification convert(String source, String prefix, JsonNode node) throws DeclarationException {
    Notification n;
    try {
      n = JSON.treeToValue(node, Notification.class);
    } catch (JsonProcessingException e) {
      JsonProblems.Problem p = JsonProblems.of(e);
      throw new DeclarationException(source + ": " + join(prefix, p.path()) + ": " + p.message(),
          e);
    }
    String at = prefix.isEmpty() ? "" : prefix + ".";
    for (String[] f : new String[][] {{"party", n.party()}, {"type", n.type()}}) {
      if (f[1] == null) {
        throw new DeclarationException(source + ": " + at + f[0] + ": missing");
      }
    }
    if (n.eventTime() == null) {
      throw new DeclarationException(source + ": " + at + "eventTime: missing");
    }
    return n;
  }

  private static <T> T read(String source, Reader in, Class<T> type) throws DeclarationException {
    try {
      return JSON.readValue(in, type);
    } catch (JsonProcessingException e) {
      JsonProblems.Problem p = JsonProblems.of(e);
      String field = p.path().isEmpty() ? "" : " " + p.path() + ":";
      throw new DeclarationException(
          source + ":" + line(e.getLocation()) + field + " " + p.message(), e);
    } catch (IOException e) {
      throw new DeclarationException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String line(JsonLocation l) {
    return l == null || l.getLineNr() < 0 ? "" : " line " + l.getLineNr() + ", column " + l.getColumnNr() + ":";
  }

  private static String join(String prefix, String path) {
    return prefix.isEmpty() ? path : path.startsWith("[") || path.isEmpty() ? prefix + path : prefix + "." + path;
  }

  public static String write(Object declarationOrNotifications) {
    try {
      return JSON.writeValueAsString(declarationOrNotifications) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + declarationOrNotifications.getClass().getSimpleName(), e);
    }
  }
}
