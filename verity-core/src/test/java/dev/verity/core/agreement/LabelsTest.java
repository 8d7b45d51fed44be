package dev.verity.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every bundled agreement with message files has them in English, Russian and Arabic, with the
 * same keys, real translations, and every key its own provisions need. The agreements bundled
 * before issue 12 are labelled in the dashboard's catalogue instead, and are named here.
 */
class LabelsTest {
  static final List<String> LANGS = List.of("en", "ru", "ar");
  static final Set<String> IN_THE_DASHBOARD =
      Set.of("new-start", "new-start-voluntary-2026", "trilateral-hypothetical");

  static Optional<Map<String, String>> file(String id, String lang) throws Exception {
    Optional<Reader> r = AgreementCatalog.labels(id, lang);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    try (Reader in = r.get()) {
      JsonNode n = new ObjectMapper().readTree(in);
      Map<String, String> out = new TreeMap<>();
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return Optional.of(out);
    }
  }

  @Test
  void everyAgreementIsLabelledInThreeLanguages() throws Exception {
    List<String> withFiles = new ArrayList<>();
    for (Agreement a : AgreementCatalog.bundled()) {
      Optional<Map<String, String>> en = file(a.id(), "en");
      if (en.isEmpty()) {
        assertThat(IN_THE_DASHBOARD).as(a.id() + " has no i18n/" + a.id() + ".en.json")
            .contains(a.id());
        continue;
      }
      withFiles.add(a.id());
      assertThat(en.get().keySet()).as(a.id()).containsAll(Labels.keys(a));
      Pattern script = null;
      for (String lang : LANGS) {
        Map<String, String> m = file(a.id(), lang).orElseThrow(() -> new AssertionError(
            a.id() + " has no i18n file in " + lang));
        assertThat(m.keySet()).as(a.id() + " " + lang).isEqualTo(en.get().keySet());
        script = lang.equals("ru") ? Pattern.compile("\\p{IsCyrillic}")
            : lang.equals("ar") ? Pattern.compile("\\p{IsArabic}") : null;
        for (var e : m.entrySet()) {
          assertThat(e.getValue()).as(lang + " " + e.getKey()).isNotBlank();
          if (script != null) {
            assertThat(script.matcher(e.getValue()).find()).as(lang + " " + e.getKey()).isTrue();
          }
        }
      }
    }
    Set<String> all = new TreeSet<>(AgreementCatalog.BUNDLED);
    all.removeAll(IN_THE_DASHBOARD);
    assertThat(withFiles).containsExactlyInAnyOrderElementsOf(all);
  }

  /**
   * A shared provision that ships message files (the agreement's life, issue 13) labels what it
   * brings to every agreement that includes it, in the three languages alike.
   */
  @Test
  void aProvisionWithMessageFilesLabelsEverythingItBrings() throws Exception {
    Set<String> checked = new TreeSet<>();
    for (Agreement a : AgreementCatalog.bundled()) {
      for (MessageType m : a.messages()) {
        String p = m.provision();
        Optional<Map<String, String>> en = p == null ? Optional.empty() : file(p, "en");
        if (en.isPresent()) {
          checked.add(p);
          assertThat(en.get().keySet()).as(a.id() + " " + p).containsAll(Labels.keys(a, p));
          for (String lang : LANGS) {
            assertThat(file(p, lang).orElseThrow().keySet()).as(p + " " + lang)
                .isEqualTo(en.get().keySet());
          }
        }
      }
    }
    assertThat(checked).contains("lifecycle");
  }

  @Test
  void aProtocolNeedsALabelForEveryNameItShows() throws Exception {
    Agreement a = AgreementCatalog.loader().load("p.yaml", new java.io.InputStreamReader(
        LabelsTest.class.getResourceAsStream("/dev/verity/core/protocol/protocols-test.yaml"),
        java.nio.charset.StandardCharsets.UTF_8));
    assertThat(Labels.keys(a)).contains("agreement.protocols-test", "msgtype.line-ack",
        "field.priority", "protocol.line.state.acknowledged", "protocol.line.deadline.flash-ack",
        "protocol.line.rung.watch-commander", "protocol.vd.gate.no-reply-yet",
        "protocol.exercises.quota.two-a-year");
  }
}
