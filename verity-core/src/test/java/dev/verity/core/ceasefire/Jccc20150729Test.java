package dev.verity.core.ceasefire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.SideBySide.Difference;
import dev.verity.core.ceasefire.SideBySide.Dimension;
import dev.verity.core.schema.GeoPoint;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JCCC's two logbooks of 29 July 2015 (domain file §A2, test resource
 * {@code jccc-2015-07-29.yaml}): 104 ceasefire violations against 100, 19/85 against 36/64 by
 * attribution. Filed as each side's claims in one register, side by side, the differences are
 * named per category and attribution; the monitor's own count stands beside them.
 */
class Jccc20150729Test {
  static JsonNode fixture;
  static Register register;
  static final LocalDate DAY = LocalDate.of(2015, 7, 29);

  @BeforeAll
  static void file() throws Exception {
    try (InputStream in = Jccc20150729Test.class.getResourceAsStream("jccc-2015-07-29.yaml")) {
      fixture = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    Registers reg = new Registers(List.of(Party.of("UA", Party.PARTY),
        Party.of("RU", Party.PARTY), Party.of("SMM", Party.MONITOR)),
        List.of("DPR-LPR"), vocabulary(), ReportSchedule.SMM);
    JsonNode c = fixture.get("commitment");
    Instant start = Instant.parse(c.get("effectiveFrom").asText());
    reg.inForce(new Commitment(c.get("id").asText(), c.get("scope").asText(), List.of(),
        List.of(), start, null, false, null), "UA", start.minusSeconds(3600));
    Instant filed = ReportSchedule.SMM.cutoff(DAY);
    Period day = new Period(ReportSchedule.SMM.cutoff(DAY.minusDays(1)).plusSeconds(1), filed);
    Position soledar = new Position("conflict-zone", new GeoPoint(48.68, 38.09), "UA",
        "JCCC headquarters, Soledar (approximate)");
    int n = 0;
    for (JsonNode log : fixture.get("logbooks")) {
      Iterator<Map.Entry<String, JsonNode>> by = log.get("attribution").fields();
      while (by.hasNext()) {
        Map.Entry<String, JsonNode> e = by.next();
        Observation o = Observation.builder().commitment(c.get("id").asText()).period(day)
            .position(soledar).category("unspecified", null)
            .count(Count.exact(e.getValue().asLong())).attributedTo(e.getKey()).build();
        reg.file(log.get("filer").asText(), filed, "jccc-" + n++, o);
      }
    }
    JsonNode m = fixture.get("monitor");
    Observation heard = Observation.builder().commitment(c.get("id").asText())
        .period(new Period(Instant.parse(m.get("from").asText()),
            Instant.parse(m.get("to").asText())))
        .position(new Position("donetsk", new GeoPoint(48.04, 37.74), "DPR-LPR",
            "Donetsk central railway station, 8 km north-west of the city centre (approximate)"))
        .means(Means.HEARD).category("explosion", null)
        .count(Count.exact(m.get("explosions").asLong()))
        .direction(null, new Observation.DistanceBand(2, 6)).build();
    reg.file(m.get("filer").asText(), filed, "smm-1", heard);
    register = reg.register;
  }

  /** The bundled vocabulary and the region in which the JCCC logbooks counted. */
  static Vocabulary vocabulary() {
    Vocabulary v = Vocabulary.standard();
    List<Vocabulary.Region> regions = new ArrayList<>(v.regions());
    regions.add(new Vocabulary.Region("conflict-zone", "Donetsk and Luhansk regions", "UA"));
    return new Vocabulary(v.categories(), regions, v.contexts(), v.protectedObjects(),
        v.actors());
  }

  SideBySide all() {
    return register.sideBySide("minsk-package-2015", DAY, null);
  }

  @Test
  void bothLogbooksSideBySideReproduceThePublishedCounts() {
    SideBySide s = all();
    fixture.get("published").fields().forEachRemaining(e -> {
      String side = e.getKey();
      assertThat(s.total().count(side)).isEqualTo(e.getValue().get("total").asLong());
      for (String actor : List.of("UA", "DPR-LPR")) {
        long published = e.getValue().get(actor).asLong();
        assertThat(s.attributions()).filteredOn(r -> r.key().equals(actor)).singleElement()
            .satisfies(r -> assertThat(r.count(side)).as(side + " " + actor).isEqualTo(published));
      }
    });
    assertThat(s.participants()).containsExactly("UA", "RU", "SMM");
    assertThat(s.total().count("SMM")).isEqualTo(120);
  }

  @Test
  void theDifferencesAreNamedPerCategoryAndAttribution() {
    Map<String, Map<String, Long>> named = new TreeMap<>();
    for (Difference d : all().differences()) {
      named.put(d.dimension().label() + ":" + d.key(), d.counts());
    }
    assertThat(named).containsOnlyKeys("total:total", "category:unspecified",
        "attribution:UA", "attribution:DPR-LPR");
    assertThat(named.get("total:total")).containsExactlyEntriesOf(new TreeMap<>(
        Map.of("RU", 100L, "UA", 104L)));
    assertThat(named.get("attribution:UA")).containsEntry("UA", 19L).containsEntry("RU", 36L);
    assertThat(named.get("attribution:DPR-LPR")).containsEntry("UA", 85L)
        .containsEntry("RU", 64L);
    // the monitor's 120 explosions are shown, not counted as a Party difference
    assertThat(all().differences()).noneMatch(d -> d.dimension() == Dimension.CATEGORY
        && d.key().equals("explosion"));
  }

  @Test
  void oneRegionAtATime() {
    SideBySide donetsk = register.sideBySide("minsk-package-2015", DAY, "donetsk");
    assertThat(donetsk.total().counts()).containsEntry("SMM", 120L).containsEntry("UA", 0L)
        .containsEntry("RU", 0L);
    assertThat(donetsk.differences()).isEmpty();
    assertThat(register.sideBySide("minsk-package-2015", DAY.plusDays(1), null).differences())
        .isEmpty();
  }
}
