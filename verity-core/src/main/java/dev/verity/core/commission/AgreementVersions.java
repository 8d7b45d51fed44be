package dev.verity.core.commission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.agreement.AgreementLoader;
import dev.verity.core.message.JsonProblems;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agreement through time: the original definition and each version that the commission's
 * decisions brought into force from an effective instant. Projections ask for the version in
 * force at each instant ({@link #at}), so an inspection before a quota was raised is still
 * counted against the old quota. Immutable; {@link #amend} returns a new timeline.
 */
public final class AgreementVersions {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern STEP = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\[([^\\]]+)])?");

  /** A version and the instant from which it is in force (null for the original). */
  public record Version(Instant from, String decision, Agreement agreement) {}

  private final List<Version> versions; // ascending by from; the first has from == null

  private AgreementVersions(List<Version> versions) {
    this.versions = List.copyOf(versions);
  }

  /** The agreement as written, never amended. */
  public static AgreementVersions of(Agreement original) {
    return new AgreementVersions(List.of(new Version(null, null, original)));
  }

  public Agreement original() {
    return versions.get(0).agreement();
  }

  public List<Version> versions() {
    return versions;
  }

  /** The version in force at {@code t}. */
  public Agreement at(Instant t) {
    Agreement a = versions.get(0).agreement();
    for (Version v : versions) {
      if (v.from() != null && !v.from().isAfter(t)) {
        a = v.agreement();
      }
    }
    return a;
  }

  /**
   * A new timeline in which {@code amendments} (a decision, by id) apply from {@code from} on: to
   * the version in force then and to every later version. Each resulting version is validated like
   * an agreement file.
   */
  public AgreementVersions amend(String decision, Instant from, List<Amendment> amendments) throws AmendmentException {
    if (from == null) {
      throw new AmendmentException(decision + ": effective date missing");
    }
    List<Version> out = new ArrayList<>();
    boolean placed = false;
    for (Version v : versions) {
      boolean after = v.from() != null && v.from().isAfter(from);
      if (after && !placed) {
        Agreement base = out.get(out.size() - 1).agreement();
        out.add(new Version(from, decision, apply(decision, base, amendments)));
        placed = true;
      }
      if (after) {
        out.add(new Version(v.from(), v.decision(), apply(decision, v.agreement(), amendments)));
      } else if (v.from() != null && v.from().equals(from)) {
        out.add(new Version(from, v.decision() + "+" + decision, apply(decision, v.agreement(), amendments)));
        placed = true;
      } else {
        out.add(v);
      }
    }
    if (!placed) {
      out.add(new Version(from, decision, apply(decision, out.get(out.size() - 1).agreement(), amendments)));
    }
    out.sort(Comparator.comparing(Version::from, Comparator.nullsFirst(Comparator.naturalOrder())));
    return new AgreementVersions(out);
  }

  /** {@code a} with the amendments applied, validated. */
  public static Agreement apply(String decision, Agreement a, List<Amendment> amendments) throws AmendmentException {
    JsonNode tree = JSON.valueToTree(a);
    for (Amendment am : amendments) {
      set(decision, tree, am);
    }
    String source = a.id() + " as amended by " + decision;
    try {
      String text = YAML.writeValueAsString(tree);
      return new AgreementLoader(id -> Optional.empty()).load(source, new StringReader(text));
    } catch (AgreementException e) {
      throw new AmendmentException(e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new AmendmentException(source + ": "
          + JsonProblems.describe(e), e);
    }
  }

  private static void set(String decision, JsonNode root, Amendment am) throws AmendmentException {
    String path = am.path();
    if (path == null || path.isBlank()) {
      throw new AmendmentException(decision + ": amendment path missing");
    }
    if (am.value() == null) {
      throw new AmendmentException(decision + ": " + path + ": value missing");
    }
    String[] steps = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < steps.length; i++) {
      Matcher m = STEP.matcher(steps[i]);
      if (!m.matches()) {
        throw new AmendmentException(decision + ": " + path + ": malformed step '" + steps[i] + "'");
      }
      if (!(node instanceof ObjectNode obj)) {
        throw new AmendmentException(decision + ": " + path + ": '" + steps[i] + "' is not inside a mapping");
      }
      String key = m.group(1);
      String sel = m.group(2);
      boolean last = i == steps.length - 1;
      if (last && sel == null) {
        obj.set(key, am.value());
        return;
      }
      JsonNode child = obj.get(key);
      if (child == null || child.isNull()) {
        if (last || sel != null) {
          throw new AmendmentException(decision + ": " + path + ": no '" + key + "' in the agreement");
        }
        child = obj.putObject(key);
      }
      if (sel != null) {
        if (!(child instanceof ArrayNode arr)) {
          throw new AmendmentException(decision + ": " + path + ": '" + key + "' is not a list");
        }
        int idx = select(arr, sel);
        if (idx < 0) {
          throw new AmendmentException(decision + ": " + path + ": no element [" + sel + "] in '" + key + "'");
        }
        if (last) {
          arr.set(idx, am.value());
          return;
        }
        child = arr.get(idx);
      }
      node = child;
    }
  }

  private static int select(ArrayNode arr, String sel) {
    int eq = sel.indexOf('=');
    if (eq < 0) {
      try {
        int n = Integer.parseInt(sel.trim());
        return n >= 0 && n < arr.size() ? n : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    String k = sel.substring(0, eq).trim();
    String v = sel.substring(eq + 1).trim();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      if (e.has(k) && e.get(k).asText().equals(v)) {
        return i;
      }
    }
    return -1;
  }
}
