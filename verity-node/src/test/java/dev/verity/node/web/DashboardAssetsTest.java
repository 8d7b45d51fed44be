package dev.verity.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.commission.CommissionMessage;
import dev.verity.core.compliance.LimitStatus;
import dev.verity.core.inspection.InspectionMessage;
import dev.verity.core.inspection.InspectionRecord;
import dev.verity.core.inspection.Refusal;
import dev.verity.core.inventory.ItemStatus;
import dev.verity.core.reconcile.DiscrepancyKind;
import dev.verity.core.regime.Obligation;
import dev.verity.node.projection.ProjectionAlarms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's catalogues and pages: in each message file (the shared one and each provision's,
 * i18n/<provision>/<lang>.json) the same keys in English, Russian and Arabic, no key in two files,
 * every key the pages use exists (navigation labels from the page registry), translations really
 * are Russian and Arabic, placeholders match, and the
 * HTML carries no inline script or style (the Content-Security-Policy forbids them).
 */
public class DashboardAssetsTest {
  static final String WEB = "/dev/verity/node/web/";
  static final List<String> LANGS = List.of("en", "ru", "ar");
  /** The shell and the pages every agreement has; each provision's module is in provisions.js. */
  static final List<String> CORE_JS = List.of("app.js", "pages.js", "compose.js", "schema.js",
      "registry.js",
      "provisions.js", "i18n.js", "api.js", "dom.js", "chart.js", "merkle.js", "entries.js");
  static final List<String> PROVISIONS = provisions();
  static final List<String> JS = js();
  /** Keys whose value is the same in every language (the product's name, a pure pattern). */
  static final Set<String> SAME_EVERYWHERE = Set.of("session.who", "exchange.direction",
      "exchange.listName", "exchange.discrepancy");
  static final Set<String> LATIN_BRAND_OK = Set.of("app.name", "app.title");

  static String text(String name) throws IOException {
    try (InputStream in = DashboardAssetsTest.class.getResourceAsStream(WEB + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The provisions' modules as provisions.js lists them, one a line ('inspections', // ...). */
  static List<String> provisions() {
    try {
      String list = text("assets/provisions.js");
      Matcher m = Pattern.compile("(?m)^\\s*'([a-z-]+)',")
          .matcher(list.substring(list.indexOf('[')));
      List<String> out = new ArrayList<>();
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> js() {
    List<String> out = new ArrayList<>(CORE_JS);
    PROVISIONS.forEach(p -> out.add(p + ".js"));
    return out;
  }

  /** One message file: the shared one ("") or a provision's. */
  static JsonNode catalogue(String part, String lang) throws IOException {
    return new ObjectMapper().readTree(text("assets/i18n/" + (part.isEmpty() ? "" : part + "/")
        + lang + ".json"));
  }

  /** What the dashboard loads in {@code lang}: the shared file and every provision's, merged. */
  public static JsonNode catalogue(String lang) throws IOException {
    ObjectNode all = (ObjectNode) catalogue("", lang);
    for (String p : PROVISIONS) {
      all.setAll((ObjectNode) catalogue(p, lang));
    }
    return all;
  }

  static Set<String> keys(JsonNode c) {
    Set<String> out = new TreeSet<>();
    c.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyCatalogueHasTheSameKeysAndNoEmptyValue() throws Exception {
    assertThat(keys(catalogue("en"))).hasSizeGreaterThan(150);
    assertThat(PROVISIONS).contains("inspections", "escrow", "protocols");
    List<String> parts = new ArrayList<>(PROVISIONS);
    parts.add(0, "");
    Set<String> seen = new TreeSet<>();
    for (String part : parts) {
      Set<String> en = keys(catalogue(part, "en"));
      assertThat(en).as("the message files of '" + part + "'").isNotEmpty();
      for (String lang : LANGS) {
        JsonNode c = catalogue(part, lang);
        assertThat(keys(c)).as(part + " " + lang).isEqualTo(en);
        c.fields().forEachRemaining(e -> assertThat(e.getValue().isTextual() && !e.getValue()
            .asText().isBlank())
            .as(part + " " + lang + " " + e.getKey()).isTrue());
      }
      for (String k : en) {
        assertThat(seen.add(k)).as("key " + k + " in two files (" + part + ")").isTrue();
      }
    }
  }

  @Test
  void translationsAreRussianAndArabicWithTheSamePlaceholders() throws Exception {
    JsonNode en = catalogue("en");
    JsonNode ru = catalogue("ru");
    JsonNode ar = catalogue("ar");
    Pattern cyrillic = Pattern.compile("\\p{IsCyrillic}");
    Pattern arabic = Pattern.compile("\\p{IsArabic}");
    List<String> bad = new ArrayList<>();
    for (String k : keys(en)) {
      if (!SAME_EVERYWHERE.contains(k) && !LATIN_BRAND_OK.contains(k) && !cyrillic.matcher(ru.get(k).asText()).find()) {
        bad.add("ru " + k + ": " + ru.get(k).asText());
      }
      if (!SAME_EVERYWHERE.contains(k) && !arabic.matcher(ar.get(k).asText()).find()) {
        bad.add("ar " + k + ": " + ar.get(k).asText());
      }
      Set<String> want = placeholders(en.get(k).asText());
      if (!placeholders(ru.get(k).asText()).equals(want)) {
        bad.add("ru " + k + " placeholders");
      }
      if (!placeholders(ar.get(k).asText()).equals(want)) {
        bad.add("ar " + k + " placeholders");
      }
    }
    assertThat(bad).as("untranslated or mismatched").isEmpty();
  }

  static Set<String> placeholders(String s) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(s);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyKeyThePagesUseExists() throws Exception {
    Set<String> en = keys(catalogue("en"));
    Set<String> used = new TreeSet<>();
    Matcher html = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"").matcher(text("index.html"));
    while (html.find()) {
      used.add(html.group(1));
    }
    int literal = used.size();
    for (String js : JS) {
      Matcher m = Pattern.compile("\\bt\\('([^']+)'\\s*[,)]").matcher(text("assets/" + js));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used.size()).isGreaterThan(literal + 100);
    assertThat(en).containsAll(used);
  }

  /** Keys built at run time: 'msgtype.' + id and the like, for every bundled agreement and status. */
  @Test
  void everyDynamicKeyExists() throws Exception {
    Set<String> need = new TreeSet<>();
    for (Agreement a : AgreementCatalog.bundled()) {
      need.add("agreement." + a.id());
      a.parties().forEach(p -> need.add("party." + p.id()));
      a.limits().forEach(l -> need.add("limit." + l.name()));
      a.messages().forEach(m -> need.add("msgtype." + m.id()));
      a.itemKinds().forEach(k -> need.add("kind." + k.id()));
    }
    for (LimitStatus s : LimitStatus.values()) {
      need.add("limitstatus." + s.label());
    }
    for (Obligation.Status s : Obligation.Status.values()) {
      need.add("obl." + s.label());
    }
    for (Obligation.Status s : Obligation.Status.values()) {
      need.add("obl." + s.label());
    }
    for (Obligation.Kind k : List.of(Obligation.Kind.ESCALATION, Obligation.Kind.ALARM)) {
      need.add("oblkind." + k.label());
    }
    for (ItemStatus s : ItemStatus.values()) {
      need.add("itemstatus." + s.label());
    }
    for (String s : List.of("appended", "published", "cosigned", "received")) {
      need.add("receipt." + s);
    }
    for (String s : List.of("operator", "viewer")) {
      need.add("role." + s);
    }
    for (String s : List.of("ok", "behind", "silent")) {
      need.add("peer." + s);
    }
    for (String s : List.of("fork", "altered-entry", "bad-signature", "inconsistent",
        ProjectionAlarms.FIGURE_CHANGED, ProjectionAlarms.MISSING_ITEM,
        ProjectionAlarms.UNEXPLAINED_ITEM)) {
      need.add("alarm." + s);
    }
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      need.add("disc." + k.label());
    }
    for (String s : List.of("direction", "type", "status")) {
      need.add("messages.filter." + s);
    }
    for (String s : List.of("root", "path", "index", "leaf")) {
      need.add("verify.reason." + s);
    }
    for (String s : List.of("number", "party", "type", "item", "eventTime", "facility", "launcher", "warheads", "newItem")) {
      need.add("field." + s);
    }
    need.addAll(inspectionKeys());
    for (String js : JS) {
      Matcher nav = Pattern.compile("register\\(\\{ id: '[a-z]+', nav: '([a-z.]+)'")
          .matcher(text("assets/" + js));
      while (nav.find()) {
        need.add(nav.group(1));
      }
    }
    assertThat(need).contains("nav.overview", "nav.compose", "nav.protocols", "nav.escrow");
    assertThat(withAgreementLabels(keys(catalogue("en")))).containsAll(need);
  }

  /**
   * The dashboard's catalogue and the message files that agreements ship beside their definition
   * ({@code i18n/<id>.en.json}, docs/formats/agreement.md "Labels"): an agreement added as data
   * brings its own labels, which the node serves with the dashboard's.
   */
  static Set<String> withAgreementLabels(Set<String> dashboard) throws Exception {
    Set<String> out = new TreeSet<>(dashboard);
    Set<String> files = new TreeSet<>(AgreementCatalog.BUNDLED);
    for (Agreement a : AgreementCatalog.bundled()) {
      a.messages().stream().map(m -> m.provision()).filter(p -> p != null).forEach(files::add);
    }
    for (String id : files) {
      var r = AgreementCatalog.labels(id, "en");
      if (r.isPresent()) {
        try (var in = r.get()) {
          out.addAll(keys(new ObjectMapper().readTree(in)));
        }
      }
    }
    return out;
  }

  /**
   * Inspection and commission steps (issue 6): a label for every field of every step record (the
   * compose forms and the timeline name them), every phase, every refusal, both types of inspection,
   * the commission's message types, and the hint of each kind of compose field.
   */
  static Set<String> inspectionKeys() {
    Set<String> need = new TreeSet<>();
    for (Class<?> c : List.of(InspectionMessage.class, CommissionMessage.class)) {
      for (Class<?> step : c.getPermittedSubclasses()) {
        for (var rc : step.getRecordComponents()) {
          need.add("field." + rc.getName());
        }
      }
    }
    for (InspectionRecord.Phase p : InspectionRecord.Phase.values()) {
      need.add("phase." + p.name());
    }
    for (Class<?> r : Refusal.class.getPermittedSubclasses()) {
      need.add("refusal." + r.getSimpleName());
    }
    need.add("refusal.Commission"); // the commission's refusals (inspection-api-contract)
    for (String s : List.of("commission-session", "commission-agenda-item", "commission-decision",
        "commission-decision-signed", "commission-item-closed")) {
      need.add("msgtype." + s);
    }
    for (String s : List.of("instant", "list", "entries", "entry", "records", "map", "duration",
        "point",
        "polygon", "circle", "pattern", "json")) {
      need.add("compose.hint." + s);
    }
    need.addAll(List.of("insp.type1", "insp.type2", "common.yes", "common.no", "field.agendaItem"));
    return need;
  }

  @Test
  void pagesCarryNoInlineScriptOrStyleAndLoadNothingFromElsewhere() throws Exception {
    String html = text("index.html");
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    assertThat(html).doesNotContainPattern("\\son[a-z]+=");
    assertThat(html).doesNotContainPattern("\\sstyle=");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    for (String js : JS) {
      String s = text("assets/" + js);
      assertThat(s).as(js).doesNotContain(".innerHTML").doesNotContain("insertAdjacentHTML").doesNotContain("eval(").doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
    }
    assertThat(text("assets/app.css")).doesNotContainPattern("url\\((['\"])?(https?:)?//");
  }
}
