package dev.verity.core.agreement;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.core.message.JsonProblems;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.schema.SchemaException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads an agreement definition from YAML (schema: docs/formats/agreement.md) and validates it.
 * Takes {@link Reader}s so that the domain does no I/O itself. {@code extends: NAME} overlays the
 * top-level keys on the agreement that the {@code agreements} resolver finds under that name;
 * {@code includes: [NAME, ...]} appends the message types (and protocols) of the shared
 * provisions that the {@code provisions} resolver finds, each marked with the provision it came
 * from. Includes are gathered along the whole {@code extends} chain and applied once, after the
 * overlay, so that an agreement that replaces its base's messages still gets the provisions.
 */
public final class AgreementLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** The keys a provision file may have. */
  private static final Set<String> PROVISION_KEYS =
      Set.of("provision", "title", "messages", "protocols");
  /** The lists a provision adds to, each element identified by its {@code id}. */
  private static final List<String> PROVIDED = List.of("messages", "protocols");

  private final Function<String, Optional<Reader>> agreements;
  private final Function<String, Optional<Reader>> provisions;

  /**
   * @param resolver finds the text of another agreement by id, for {@code extends}; provisions
   *     are the bundled ones
   */
  public AgreementLoader(Function<String, Optional<Reader>> resolver) {
    this(resolver, AgreementCatalog::provision);
  }

  /**
   * @param agreements finds the text of another agreement by id, for {@code extends}
   * @param provisions finds the text of a shared provision by id, for {@code includes}
   */
  public AgreementLoader(Function<String, Optional<Reader>> agreements,
      Function<String, Optional<Reader>> provisions) {
    this.agreements = agreements;
    this.provisions = provisions;
  }

  /** An agreement's tree with its {@code extends} chain overlaid, and what it includes. */
  private record Resolved(ObjectNode tree, List<String> includes) {}

  /** Parses and validates; {@code source} names the file in error messages. */
  public Agreement load(String source, Reader text) throws AgreementException {
    Resolved r = tree(source, text, new HashSet<>());
    ObjectNode tree = r.tree();
    for (String id : r.includes()) {
      include(source, tree, id);
    }
    Agreement a;
    try {
      a = YAML.treeToValue(tree, Agreement.class);
    } catch (JsonMappingException e) {
      throw new AgreementException(source + ": " + problem(e), e);
    } catch (JsonProcessingException e) {
      throw new AgreementException(source + ": " + JsonProblems.describe(e), e);
    }
    validate(source, a);
    return a;
  }

  private Resolved tree(String source, Reader text, Set<String> seen) throws AgreementException {
    ObjectNode obj = mapping(source, text);
    List<String> includes = names(source, "includes", obj.remove("includes"));
    JsonNode ext = obj.remove("extends");
    if (ext == null || ext.isNull()) {
      return new Resolved(obj, includes);
    }
    String base = ext.asText();
    if (!seen.add(base)) {
      throw new AgreementException(source + ": extends: cycle through '" + base + "'");
    }
    Reader r = agreements.apply(base).orElseThrow(() -> new AgreementException(source
        + ": extends: unknown agreement '" + base + "'"));
    Resolved merged = tree(base, r, seen);
    merged.tree().setAll(obj); // shallow overlay: a key here replaces the base's key
    List<String> all = new ArrayList<>(merged.includes());
    includes.stream().filter(i -> !all.contains(i)).forEach(all::add);
    return new Resolved(merged.tree(), all);
  }

  private static ObjectNode mapping(String source, Reader text) throws AgreementException {
    JsonNode node;
    try {
      node = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String where = l == null ? "" : " line " + l.getLineNr() + ", column " + l.getColumnNr();
      throw new AgreementException(source + ":" + where + ": malformed YAML: "
          + oneLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new AgreementException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new AgreementException(source + ": expected a mapping at the top level");
    }
    return obj;
  }

  private static List<String> names(String source, String key, JsonNode n)
      throws AgreementException {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new AgreementException(source + ": " + key + ": expected a list of provision ids");
    }
    for (JsonNode x : n) {
      out.add(x.asText());
    }
    return out;
  }

  /** Appends provision {@code id}'s message types and protocols to {@code tree}. */
  private void include(String source, ObjectNode tree, String id) throws AgreementException {
    String file = "provisions/" + id + ".yaml";
    Reader r = provisions.apply(id).orElseThrow(() -> new AgreementException(source
        + ": includes: unknown provision '" + id + "'"));
    ObjectNode p = mapping(file, r);
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!PROVISION_KEYS.contains(k)) {
        throw new AgreementException(file + ": " + k + ": not a key of a provision (one of "
            + new TreeSet<>(PROVISION_KEYS) + ")");
      }
    }
    if (!id.equals(p.path("provision").asText())) {
      throw new AgreementException(file + ": provision: must be '" + id + "'");
    }
    for (String list : PROVIDED) {
      JsonNode add = p.get(list);
      if (add != null && !add.isNull()) {
        append(source, file, tree, list, add, id);
      }
    }
  }

  private static void append(String source, String file, ObjectNode tree, String list,
      JsonNode add, String provision) throws AgreementException {
    if (!add.isArray()) {
      throw new AgreementException(file + ": " + list + ": expected a list");
    }
    ArrayNode into = tree.has(list) && tree.get(list).isArray() ? (ArrayNode) tree.get(list)
        : tree.putArray(list);
    Set<String> ids = new HashSet<>();
    into.forEach(e -> ids.add(e.path("id").asText()));
    for (int i = 0; i < add.size(); i++) {
      if (!(add.get(i) instanceof ObjectNode e)) {
        throw new AgreementException(file + ": " + list + "[" + i + "]: expected a mapping");
      }
      if (!ids.add(e.path("id").asText())) {
        throw new AgreementException(file + ": " + list + "[" + i + "].id: '"
            + e.path("id").asText() + "' is also declared by " + source);
      }
      ObjectNode copy = e.deepCopy();
      copy.put("provision", provision);
      into.add(copy);
    }
  }

  /** A binding problem as "path: what", with a field declaration's own path appended. */
  private static String problem(JsonMappingException e) {
    JsonProblems.Problem p = JsonProblems.of(e); // Jackson's own words name its internals
    String path = p.path().isEmpty() ? "(top)" : p.path();
    if (e.getCause() instanceof SchemaException s) {
      return (s.path().isEmpty() ? path : path + "." + s.path()) + ": " + s.problem();
    }
    return path + ": " + p.message();
  }

  private static void validate(String src, Agreement a) throws AgreementException {
    require(src, "id", a.id() != null && !a.id().isBlank(), "missing");
    require(src, "entryIntoForce", a.entryIntoForce() != null, "missing");
    require(src, "endsOn", a.endsOn() == null || a.endsOn().isAfter(a.entryIntoForce()),
        "must be after entryIntoForce " + a.entryIntoForce());
    require(src, "parties", a.parties() != null && !a.parties().isEmpty(), "at least one Party");
    require(src, "publishedFigures", a.publishedFigures() == null
        || Agreement.PUBLISHED_TABLES.contains(a.publishedFigures()),
        "unknown table '" + a.publishedFigures() + "' (shipped: " + Agreement.PUBLISHED_TABLES
            + ")");
    EventWindow w = a.eventWindow();
    require(src, "eventWindow.advanceNoticeDays", w.advanceNoticeDaysOrDefault() >= 0, "0 or more");
    require(src, "eventWindow.reportAheadHours", w.reportAheadHoursOrDefault() >= 0, "0 or more");
    LifecycleTerms.Notice notice = a.lifecycle().withdrawalNotice();
    require(src, "lifecycle.withdrawalNotice", notice == null || notice.valid(),
        "one of months or days, not negative");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < a.parties().size(); i++) {
      Party p = a.parties().get(i);
      require(src, "parties[" + i + "].id", p.id() != null && ids.add(p.id()), "missing or duplicate");
    }
    List<FacilityKind> fks = orEmpty(a.facilityKinds());
    List<ItemKind> iks = orEmpty(a.itemKinds());
    // an agreement that counts needs something to count; a notification agreement need not
    boolean counts = !orEmpty(a.aggregates()).isEmpty() || !orEmpty(a.limits()).isEmpty()
        || a.dataExchange() != null || a.inspections() != null;
    require(src, "itemKinds", !counts || !iks.isEmpty(), "at least one item kind (the agreement"
        + " has aggregates, limits, data exchanges or inspections)");
    Set<String> itemIds = new HashSet<>();
    for (int i = 0; i < iks.size(); i++) {
      ItemKind k = iks.get(i);
      String at = "itemKinds[" + i + "]";
      require(src, at + ".id", k.id() != null && itemIds.add(k.id()), "missing or duplicate");
      require(src, at + ".category", k.category() != null, "missing");
      for (int j = 0; j < k.holds().size(); j++) {
        require(src, at + ".holds[" + j + "]", a.itemKind(k.holds().get(j)).isPresent(),
            "unknown item kind '" + k.holds().get(j) + "'");
      }
      checkFacilityKinds(src, at + ".countedWhen", k.countedWhen(), a);
      checkFacilityKinds(src, at + ".deployedWhen", k.deployedWhen(), a);
    }
    require(src, "facilityKinds", !counts || !fks.isEmpty(), "at least one facility kind (the"
        + " agreement has aggregates, limits, data exchanges or inspections)");
    List<Aggregate> ags = orEmpty(a.aggregates());
    for (int i = 0; i < ags.size(); i++) {
      Aggregate g = ags.get(i);
      String at = "aggregates[" + i + "]";
      require(src, at + ".id", g.id() != null, "missing");
      require(src, at + ".terms", g.terms() != null && !g.terms().isEmpty(), "at least one term");
      for (int j = 0; j < g.terms().size(); j++) {
        Aggregate.Term t = g.terms().get(j);
        String tat = at + ".terms[" + j + "]";
        require(src, tat + ".measure", t.measure() != null, "missing");
        require(src, tat + ".perItem", t.measure() != Aggregate.Measure.FIXED || t.perItem() != null,
            "required when measure is fixed");
        for (String kind : orEmpty(t.kinds())) {
          require(src, tat + ".kinds", a.itemKind(kind).isPresent(), "unknown item kind '" + kind + "'");
        }
        for (String s : orEmpty(t.status())) {
          require(src, tat + ".status", s.equals("deployed") || s.equals("non-deployed"),
              "unknown status '" + s + "' (deployed, non-deployed)");
        }
      }
    }
    List<Limit> ls = orEmpty(a.limits());
    for (int i = 0; i < ls.size(); i++) {
      Limit l = ls.get(i);
      String at = "limits[" + i + "]";
      require(src, at + ".name", l.name() != null, "missing");
      require(src, at + ".aggregate", a.aggregate(l.aggregate()).isPresent(),
          "unknown aggregate '" + l.aggregate() + "'");
      require(src, at + ".max", l.max() >= 0, "must not be negative");
      require(src, at + ".appliesFrom", l.appliesFrom() != null, "missing");
      require(src, at + ".appliesFrom",
          !l.appliesFrom().isBefore(a.entryIntoForce()) && (a.endsOn() == null || l.appliesFrom().isBefore(a.endsOn())),
          "dates out of order: " + l.appliesFrom() + " is not within " + a.entryIntoForce() + " .. " + a.endsOn());
    }
    if (a.inspections() != null) {
      List<String> t1 = a.inspections().typeOneFacilityKinds();
      for (int i = 0; i < t1.size(); i++) {
        require(src, "inspections.typeOneFacilityKinds[" + i + "]", a.hasFacilityKind(t1.get(i)),
            "unknown facility kind '" + t1.get(i) + "'");
      }
      require(src, "inspections.typeOne", a.inspections().typeOne() >= 0, "must not be negative");
      require(src, "inspections.typeTwo", a.inspections().typeTwo() >= 0, "must not be negative");
      require(src, "inspections.concurrent", a.inspections().concurrent() >= 1, "at least 1");
    }
    List<MessageType> ms = orEmpty(a.messages());
    Set<String> types = new HashSet<>();
    for (int i = 0; i < ms.size(); i++) {
      MessageType m = ms.get(i);
      String at = "messages[" + i + "]";
      require(src, at + ".id", m.id() != null && m.id().matches("[a-z0-9-]+"),
          "missing, or not lower-case letters, digits and -");
      require(src, at + ".id", types.add(m.id()), "duplicate '" + m.id() + "'");
      require(src, at + ".effect", m.effect() == null || MessageType.EFFECTS.contains(m.effect()),
          "unknown effect '" + m.effect() + "' (one of " + MessageType.EFFECTS + ")");
      MessageType.ProvidedUnder under = m.providedUnder();
      require(src, at + ".providedUnder", under == null || (under.agreement() != null
          && under.agreement().matches("[a-z0-9-]+") && !under.agreement().equals(a.id())
          && under.message() != null && under.message().matches("[a-z0-9-]+")),
          "another agreement's id and one of its message types: {agreement: ID, message: TYPE}");
      require(src, at + ".receiptWithin", m.receiptWithin() == null
          || m.receiptWithin().valid(), "one of minutes, hours or days");
      require(src, at + ".regime", m.regime() == null || MessageType.REGIMES.contains(m.regime())
          && m.effect() == null, m.effect() != null ? "an inventory notification (it has an"
          + " effect) is folded by the inventory" : "unknown regime '" + m.regime() + "' (one of "
          + MessageType.REGIMES + ")");
    }
    ProtocolCheck.validate(src, a);
  }

  private static void checkFacilityKinds(String src, String at, Condition c, Agreement a)
      throws AgreementException {
    for (String fk : c.notAtFacilityKinds()) {
      require(src, at + ".notAtFacilityKinds", a.hasFacilityKind(fk), "unknown facility kind '" + fk + "'");
    }
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static void require(String src, String path, boolean ok, String what) throws AgreementException {
    if (!ok) {
      throw new AgreementException(src + ": " + path + ": " + what);
    }
  }

  // SnakeYAML's messages quote the offending text over several lines; a CLI error is one line.
  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    StringBuilder out = new StringBuilder();
    for (String line : message.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.equals("^") && !t.startsWith("in 'reader'")) {
        out.append(out.length() == 0 ? "" : "; ").append(t);
      }
    }
    return out.toString();
  }
}
