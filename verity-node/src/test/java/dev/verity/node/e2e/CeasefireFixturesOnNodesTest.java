package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.TalksAndRegisterBrowserTest.send;
import static dev.verity.node.e2e.TalksAndRegisterBrowserTest.synced;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.Action.FileClaim;
import dev.verity.core.ceasefire.Commitment;
import dev.verity.core.ceasefire.Count;
import dev.verity.core.ceasefire.Means;
import dev.verity.core.ceasefire.Observation;
import dev.verity.core.ceasefire.Period;
import dev.verity.core.ceasefire.Position;
import dev.verity.core.ceasefire.ReportSchedule;
import dev.verity.core.schema.GeoPoint;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.e2e.TalksAndRegisterBrowserTest.Clock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's two historical fixtures through four node processes (UA, RU, the monitor SMM,
 * the mediator US) on exercise clocks, under the bundled {@code ceasefire-monitoring}; the figures
 * are the core's test resources, read from the core module's tree (domain file §A2, §A8):
 *
 * <ul>
 *   <li>the JCCC day of 29 July 2015: both logbooks filed as each side's claims, Ukraine's 104
 *       (19 attributed to Ukraine, 85 to 'DPR' and 'LPR') against Russia's 100 (36 and 64), the
 *       monitor's 120 explosions beside them; every node's side by side names the differences;
 *   <li>the SMM's February 2022 counts, imported day by day at the day's cut-off with {@code
 *       verity ceasefire import --csv --observations} on the monitor's node: every node's daily
 *       report API gives each published total, explosion count and "previous" figure, the
 *       weekend report included, with the previous-period rule holding;
 *   <li>{@code verity agreement replay} over the four logs as {@code verity node export} writes
 *       them prints the same daily report, byte for byte, as the node's API answered.
 * </ul>
 */
@Timeout(900)
class CeasefireFixturesOnNodesTest {
  static final Path FIXTURES = Path.of("..", "verity-core", "src", "test", "resources", "dev",
      "verity", "core", "ceasefire");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ReportSchedule SMM = ReportSchedule.SMM;

  @TempDir Path root;

  @Test
  void jcccAndSmmFixturesOnFourNodesAndReplayedOffline() throws Exception {
    try (Cluster c = new Cluster(root.resolve("nodes"))) {
      List<Member> all = new ArrayList<>();
      for (String p : List.of("UA", "RU", "SMM", "US")) {
        all.add(c.init("ceasefire-monitoring", p, "--exercise", "--exercise-start",
            "2015-02-14T00:00:00Z"));
      }
      c.pinAll();
      c.startAll();
      Clock clock = new TalksAndRegisterBrowserTest.Clock(all);
      jccc(all, clock);
      JsonNode smm = YAML.readTree(FIXTURES.resolve("smm-february-2022.yaml").toFile());
      smmFebruary2022(all, clock, smm);
      String path = "/api/v1/ceasefire/reports/tcg-measures-2020/2022-02-17";
      String jcccPath = "/api/v1/ceasefire/reports/minsk-package-2015/2015-07-29";
      Map<String, String> served = new TreeMap<>();
      for (String p : List.of(path, jcccPath)) {
        HttpResponse<String> r = Cluster.get(all.get(3), p, all.get(3).viewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        served.put(p, r.body());
      }
      for (Member m : all) {
        c.stop(m);
      }
      List<Path> logs = exported(all);
      assertThat(replayed(logs, "tcg-measures-2020/2022-02-17")).isEqualTo(served.get(path));
      assertThat(replayed(logs, "minsk-package-2015/2015-07-29"))
          .isEqualTo(served.get(jcccPath));
    }
  }

  /** The JCCC's two logbooks of 29 July 2015 and the monitor's count, side by side. */
  void jccc(List<Member> all, Clock clock) throws Exception {
    JsonNode f = YAML.readTree(FIXTURES.resolve("jccc-2015-07-29.yaml").toFile());
    JsonNode c = f.get("commitment");
    inForce(all, clock, new Commitment(c.get("id").asText(), c.get("scope").asText(), List.of(),
        List.of(), Instant.parse(c.get("effectiveFrom").asText()), null, false, null),
        "2015-02-14T12:00:00Z", "2015-02-14T12:01:00Z");
    LocalDate day = LocalDate.parse(f.get("day").asText());
    Instant filed = SMM.cutoff(day).minusSeconds(60);
    clock.at(filed.toString());
    Period period = new Period(SMM.cutoff(day.minusDays(1)).plusSeconds(1), filed);
    Position soledar = new Position("donetsk", new GeoPoint(48.68, 38.09), "UA",
        "JCCC headquarters, Soledar (approximate)");
    int n = 0;
    for (JsonNode log : f.get("logbooks")) {
      Member filer = member(all, log.get("filer").asText());
      for (Map.Entry<String, JsonNode> by : iterable(log.get("attribution"))) {
        send(filer, new FileClaim("jccc-" + n++, Observation.builder()
            .commitment(c.get("id").asText()).period(period).position(soledar)
            .category("unspecified", null).count(Count.exact(by.getValue().asLong()))
            .attributedTo(by.getKey()).build()));
      }
    }
    JsonNode m = f.get("monitor");
    send(member(all, "SMM"), new FileClaim("smm-jccc", Observation.builder()
        .commitment(c.get("id").asText()).period(new Period(Instant.parse(m.get("from")
            .asText()), Instant.parse(m.get("to").asText())))
        .position(new Position("donetsk", new GeoPoint(48.04, 37.74), "DPR-LPR",
            "Donetsk central railway station (approximate)"))
        .means(Means.HEARD).category("explosion", null)
        .count(Count.exact(m.get("explosions").asLong())).build()));
    synced(all, "both logbooks and the monitor's count", 4 + 5);
    for (Member node : all) {
      JsonNode s = getJson(node, "/api/v1/ceasefire/side-by-side?commitment="
          + c.get("id").asText() + "&day=" + day);
      JsonNode total = s.path("total").path("counts");
      assertThat(total.path("UA").asLong()).as(node.party).isEqualTo(104);
      assertThat(total.path("RU").asLong()).as(node.party).isEqualTo(100);
      assertThat(total.path("SMM").asLong()).as(node.party).isEqualTo(120);
      Map<String, JsonNode> named = new TreeMap<>();
      s.path("differences").forEach(d -> named.put(d.path("dimension").asText() + ":"
          + d.path("key").asText(), d.path("counts")));
      assertThat(named).as(node.party).containsOnlyKeys("total:total",
          "category:unspecified", "attribution:UA", "attribution:DPR-LPR");
      f.get("published").fields().forEachRemaining(side -> {
        for (String actor : List.of("UA", "DPR-LPR")) {
          assertThat(named.get("attribution:" + actor).path(side.getKey()).asLong())
              .as("%s on %s, attributed to %s", side.getKey(), node.party, actor)
              .isEqualTo(side.getValue().get(actor).asLong());
        }
      });
    }
  }

  /** The SMM's February 2022 counts, imported on the monitor's node at each day's cut-off. */
  void smmFebruary2022(List<Member> all, Clock clock, JsonNode f)
      throws Exception {
    JsonNode c = f.get("commitment");
    String id = c.get("id").asText();
    inForce(all, clock, new Commitment(id, c.get("scope").asText(), List.of(), List.of(),
        Instant.parse(c.get("effectiveFrom").asText()), null, false, null),
        "2020-07-22T12:00:00Z", "2020-07-22T12:01:00Z");
    Member smm = member(all, "SMM");
    int filed = 0;
    for (Map.Entry<LocalDate, Map<String, long[]>> day : days(f).entrySet()) {
      Instant cutoff = SMM.cutoff(day.getKey());
      clock.at(cutoff.minusSeconds(60).toString());
      Path csv = root.resolve("smm-" + day.getKey() + ".csv");
      List<String> lines = csv(id, day.getKey(), cutoff, day.getValue());
      Files.write(csv, lines);
      String out = Cluster.cli("ceasefire", "import", "--csv", csv.toString(),
          "--observations", "--node", Browser.url(smm), "--token", smm.operator);
      assertThat(out).contains((lines.size() - 1) + " line(s) appended or already there, 0");
      filed += lines.size() - 1;
    }
    clock.at("2022-02-17T18:00:00Z"); // after 19:30 Kyiv: DR 38's period has closed
    synced(all, "the SMM's observations", 2 * 4 + 5 + filed);
    for (JsonNode published : f.get("reports")) {
      String date = published.get("date").asText();
      String path = "/api/v1/ceasefire/reports/" + id + "/" + date;
      JsonNode first = getJson(all.get(0), path);
      for (Member m : all) {
        assertThat(getJson(m, path)).as("%s on %s", date, m.party).isEqualTo(first);
      }
      assertThat(first.path("previousPeriodRule")).as(date).isEmpty();
      JsonNode source = first.path("report").path("sources").findParents("participant").stream()
          .filter(s -> s.path("participant").asText().equals("SMM")).findFirst().orElseThrow();
      for (Map.Entry<String, JsonNode> r : iterable(published.get("regions"))) {
        String what = published.get("report").asText() + " " + r.getKey();
        JsonNode period = source.path("period").path("regions").path(r.getKey());
        assertThat(period.path("total").asLong()).as(what + " total")
            .isEqualTo(r.getValue().get("total").asLong());
        assertThat(period.path("categories").path("explosion").asLong()).as(what + " explosions")
            .isEqualTo(r.getValue().get("explosions").asLong());
        assertThat(source.path("previous").path("regions").path(r.getKey()).path("total")
            .asLong()).as(what + " previous").isEqualTo(r.getValue().get("previous").asLong());
      }
    }
  }

  /**
   * Day, region, {total, explosions} the reports imply (as the core's SmmFebruary2022 derives
   * them): each report's "previous" is the day before its period; a one-day report gives its
   * day; the weekend report's first day is its sum less the second (Monday's "previous").
   * Explosions unknown (-1) for a day known only as a "previous" figure.
   */
  static Map<LocalDate, Map<String, long[]>> days(JsonNode f) {
    Map<LocalDate, Map<String, long[]>> out = new TreeMap<>();
    for (JsonNode r : f.get("reports")) {
      List<LocalDate> days = SMM.period(LocalDate.parse(r.get("date").asText())).days();
      for (Map.Entry<String, JsonNode> g : iterable(r.get("regions"))) {
        put(out, days.get(0).minusDays(1), g.getKey(), g.getValue().get("previous").asLong(), -1);
        if (days.size() == 1) {
          put(out, days.get(0), g.getKey(), g.getValue().get("total").asLong(),
              g.getValue().get("explosions").asLong());
        }
      }
    }
    for (JsonNode r : f.get("reports")) {
      List<LocalDate> days = SMM.period(LocalDate.parse(r.get("date").asText())).days();
      if (days.size() == 2) {
        for (Map.Entry<String, JsonNode> g : iterable(r.get("regions"))) {
          long second = out.get(days.get(1)).get(g.getKey())[0];
          put(out, days.get(0), g.getKey(), g.getValue().get("total").asLong() - second,
              g.getValue().get("explosions").asLong());
        }
      }
    }
    return out;
  }

  private static void put(Map<LocalDate, Map<String, long[]>> out, LocalDate day, String region,
      long total, long explosions) {
    Map<String, long[]> regions = out.computeIfAbsent(day, d -> new TreeMap<>());
    long[] known = regions.get(region);
    if (known != null) {
      assertThat(known[0]).as("%s %s in two reports", region, day).isEqualTo(total);
    }
    if (known == null || known[1] < 0) {
      regions.put(region, new long[] {total, explosions});
    }
  }

  /** One day's observations as the import's CSV: explosions, and the rest unspecified. */
  static List<String> csv(String commitment, LocalDate day, Instant cutoff,
      Map<String, long[]> regions) {
    List<String> lines = new ArrayList<>(List.of(
        "claim,commitment,from,to,region,lat,lon,category,count"));
    String from = cutoff.minusSeconds(3600).toString();
    String to = cutoff.minusSeconds(120).toString();
    regions.forEach((region, f) -> {
      long explosions = Math.max(f[1], 0);
      String where = region.equals("donetsk") ? "48.0,37.8" : "48.6,39.3";
      for (String category : List.of("explosion", "unspecified")) {
        long n = category.equals("explosion") ? explosions : f[0] - explosions;
        if (n > 0) {
          lines.add(String.join(",", "smm-" + day + "-" + region + "-" + category, commitment,
              from, to, region, where, category, Long.toString(n)));
        }
      }
    });
    return lines;
  }

  /** {@code terms} proposed by Ukraine at {@code proposed}, countersigned by the others. */
  static void inForce(List<Member> all, Clock clock,
      Commitment terms, String proposed, String countersigned) throws Exception {
    clock.at(proposed);
    send(member(all, "UA"), terms);
    synced(all, "the proposal of " + terms.id(), 1);
    clock.at(countersigned);
    for (String p : List.of("RU", "SMM", "US")) {
      send(member(all, p), new Countersign(terms.id(), terms.termsHash()));
    }
    synced(all, "the countersignatures of " + terms.id(), 4);
  }

  /** Every Party's log, exported from a peer's mirror ({@code verity node export}). */
  List<Path> exported(List<Member> all) {
    List<Path> out = new ArrayList<>();
    for (Member m : all) {
      Member from = m.party.equals("US") ? all.get(0) : member(all, "US");
      Path file = root.resolve(m.party + ".entries");
      Cluster.cli("node", "export", "--dir", from.dir.toString(), "--party", m.party, "--out",
          file.toString());
      out.add(file);
    }
    return out;
  }

  static String replayed(List<Path> logs, String report) {
    List<String> args = new ArrayList<>(List.of("agreement", "replay", "--agreement",
        "ceasefire-monitoring", "--ceasefire-report", report));
    for (Path l : logs) {
      args.add("--entries");
      args.add(l.toString());
    }
    return Cluster.cli(args.toArray(String[]::new)).strip();
  }

  static Member member(List<Member> all, String party) {
    return all.stream().filter(m -> m.party.equals(party)).findFirst().orElseThrow();
  }

  static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }
}
