package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static dev.verity.node.e2e.ExerciseParties.obj;
import static dev.verity.node.e2e.ExerciseParties.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.ItemKind;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-show of issue 6: a scripted treaty year between two node processes on exercise clocks.
 * Both Parties exchange data (declarations from the scenario generator), then the US inspects
 * Russia ten times with Type One and eight times with Type Two inspections, each through the
 * whole lifecycle (notice, arrival, site, restrictions, verifiable selection, items, findings,
 * the joint report signed by both), the clock advanced between steps. Refused at submit, with
 * nothing appended: an overlapping notice (OneAtATime), a site Russia exempted
 * (FacilityExempted), the eleventh Type One (QuotaExceeded), a nineteenth notice. Restrictions
 * entered after their deadline show as late on both nodes; both report the same inspections. Mid-year
 * Russia's node is killed and restarted: its exercise clock and its view of the inspections resume
 * as they were.
 */
@Timeout(240)
class InspectionTreatyYearTest {
  static final Instant START = Instant.parse("2020-03-02T00:00:00Z"); // after the data exchange as of 2020-03-01

  @TempDir Path root;
  Cluster cluster;
  Member us;
  Member ru;
  ExerciseParties parties;
  Instant now = START;
  /** The inspection whose findings count one reentry vehicle more than declared (the first with a missile from the third on). */
  String ambiguous;
  /** The exercise time when the fifth inspection's joint report was signed. */
  Instant afterFive;

  @Test
  void aTreatyYearOfInspections() throws Exception {
    long t0 = System.nanoTime();
    cluster = new Cluster(root);
    try {
      us = cluster.init("new-start", "US", "--exercise", "--exercise-start", START.toString());
      ru = cluster.init("new-start", "RU", "--exercise", "--exercise-start", START.toString());
      cluster.pinAll();
      cluster.startAll();
      parties = new ExerciseParties(us, ru, START);
      run();
    } finally {
      cluster.close();
      System.out.printf("InspectionTreatyYearTest: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
  }

  private void run() throws Exception {
    Submission usDecl = DemoScenario.submissions("US", 0, 1).get(0);
    Submission ruDecl = DemoScenario.submissions("RU", 0, 1).get(0);
    accept(us, usDecl.type(), (ObjectNode) usDecl.message());
    ObjectNode ruData = (ObjectNode) ruDecl.message();
    // the generator declares only the facilities its items are at; Type Two sites it leaves out (New START MOU)
    ArrayNode facilities = (ArrayNode) ruData.path("facilities");
    facilities.add(obj("id", "RU-VOTKINSK", "name", "Votkinsk Machine Building Plant", "kind", "production-facility"));
    facilities.add(obj("id", "RU-PLESETSK", "name", "Plesetsk test range", "kind", "test-range"));
    facilities.add(obj("id", "RU-KAPUSTIN-YAR", "name", "Kapustin Yar test range", "kind", "test-range"));
    accept(ru, ruDecl.type(), ruData);
    Sites sites = Sites.of(ruData);
    assertThat(sites.typeOne()).as("RU bases").hasSizeGreaterThanOrEqualTo(6);
    assertThat(sites.typeTwo()).as("RU other facilities").hasSizeGreaterThanOrEqualTo(4);
    String exempted = sites.typeOne().get(sites.typeOne().size() - 1);
    exerciseClock();

    advance(Duration.ofHours(1));
    accept(ru, "inspection-exemption", obj("facility", exempted, "from", now.toString(),
        "until", now.plus(Duration.ofDays(365)).toString(), "reason", "maintenance of the site"));
    for (int i = 1; i <= 18; i++) {
      boolean typeOne = i <= 10;
      List<String> pool = typeOne ? sites.typeOne().subList(0, sites.typeOne().size() - 1) : sites.typeTwo();
      inspect(i, typeOne ? 1 : 2, pool.get((i - 1) % pool.size()), sites, exempted);
      if (i == 5) {
        afterFive = now;
      }
      advance(Duration.ofDays(2));
      if (i == 9) {
        restart(ru);
      }
    }
    refused(us, "inspection-notice", notice("US-2020-19"), "QuotaExceeded");
    commission();
    sync();
    checkResults();
  }

  /** One inspection through its whole lifecycle, with the refusals planted in some. */
  private void inspect(int n, int type, String facility, Sites sites, String exempted) throws Exception {
    String id = String.format("US-2020-%02d", n);
    accept(us, "inspection-notice", notice(id));
    if (n == 1) {
      advance(Duration.ofMinutes(10));
      refused(us, "inspection-notice", notice("US-2020-99"), "OneAtATime");
    }
    advance(Duration.ofHours(33));
    accept(us, "inspection-arrival", obj("inspection", id, "pointOfEntry", "Moscow"));
    advance(Duration.ofHours(1));
    if (n == 2) {
      refused(us, "inspection-site", site(id, exempted, 1), "FacilityExempted");
    }
    if (n == 11) { // the eleventh Type One inspection
      refused(us, "inspection-site", site(id, sites.typeOne().get(0), 1), "QuotaExceeded");
    }
    accept(us, "inspection-site", site(id, facility, type));
    // restrictions are due 1 h after the designation: inspection 2 enters them 2 h after (late)
    advance(Duration.ofMinutes(n == 2 ? 120 : 30));
    accept(ru, "inspection-restrictions", obj("inspection", id));
    advance(Duration.ofMinutes(10));
    JsonNode sel = parties.select(id, sites.bombers(facility).isEmpty() ? 0 : 1);
    now = parties.now();
    assertThat(sel.path("revealed").asBoolean()).as(id + " selection").isTrue();
    assertThat(sel.path("facility").asText()).isEqualTo(facility);
    String missile = sel.path("missile").isNull() ? null : sel.path("missile").asText();
    ObjectNode items = obj("inspection", id, "missile", missile);
    items.set("bombers", sel.path("bombers"));
    advance(Duration.ofMinutes(10));
    accept(us, "inspection-items", items);
    advance(Duration.ofHours(3));
    boolean extra = ambiguous == null && n >= 3 && missile != null;
    if (extra) {
      ambiguous = id;
    }
    accept(us, "inspection-findings", findings(id, missile, sel.path("bombers"), sites, extra));
    String digest = sha256(id + " joint report");
    advance(Duration.ofHours(1));
    accept(us, "inspection-report", obj("inspection", id, "digest", digest));
    advance(Duration.ofHours(1));
    accept(ru, "inspection-report", obj("inspection", id, "digest", digest));
  }

  private ObjectNode notice(String id) {
    return obj("inspection", id, "inspectedParty", "RU", "pointOfEntry", "Moscow",
        "arrivalTime", now.plus(Duration.ofHours(33)).toString());
  }

  private static ObjectNode site(String id, String facility, int type) {
    return obj("inspection", id, "facility", facility, "inspectionType", type);
  }

  /** What the inspectors saw; with {@code extra} one reentry vehicle more than declared (an ambiguity). */
  private static ObjectNode findings(String id, String missile, JsonNode bombers, Sites sites, boolean extra) {
    ArrayNode uids = Cluster.JSON.createArrayNode();
    ObjectNode arms = Cluster.JSON.createObjectNode();
    if (missile != null) {
      uids.add(missile);
    }
    bombers.forEach(b -> {
      uids.add(b.asText());
      arms.put(b.asText(), 0);
    });
    ObjectNode f = obj("inspection", id);
    f.set("uniqueIdentifiers", uids);
    f.set("bomberArmaments", arms);
    if (missile != null) {
      f.put("reentryVehicles", sites.warheads(missile) + (extra ? 1 : 0));
    }
    return f;
  }

  /** The commission: a session, and an agenda item taking up the ambiguity of inspection 3. */
  private void commission() throws Exception {
    JsonNode before = getJson(us, "/api/v1/commission").path("agenda");
    assertThat(before).hasSize(1);
    assertThat(before.get(0).path("source").asText()).isEqualTo("auto");
    assertThat(before.get(0).path("id").asText()).isEqualTo("auto-" + ambiguous + "-1");
    advance(Duration.ofDays(1));
    accept(us, "commission-session", obj("session", "BCC-2020-1", "date", "2020-06-01", "place", "Geneva"));
    ObjectNode item = obj("session", "BCC-2020-1", "item", "BCC-2020-1-1", "title", "reentry vehicles on a missile");
    item.set("concerning", before.get(0).path("concerning"));
    advance(Duration.ofHours(1));
    accept(us, "commission-agenda-item", item);
    JsonNode after = getJson(us, "/api/v1/commission").path("agenda");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).path("source").asText()).isEqualTo("party");
    refused(us, "commission-agenda-item", item, "Commission");
  }

  private void checkResults() throws Exception {
    JsonNode list = getJson(us, "/api/v1/inspections");
    assertThat(list).isEqualTo(getJson(ru, "/api/v1/inspections"));
    assertThat(getJson(us, "/api/v1/commission")).isEqualTo(getJson(ru, "/api/v1/commission"));
    assertThat(list.path("inspections")).hasSize(18);
    list.path("inspections").forEach(i -> {
      assertThat(i.path("jointReportSigned").asBoolean()).as(i.path("id").asText()).isTrue();
      assertThat(i.path("phase").asText()).isEqualTo("COMPLETE");
    });
    Map<String, String> quotas = new TreeMap<>();
    list.path("quotas").forEach(q -> quotas.put(q.path("inspectedParty").asText() + q.path("type").asInt(),
        q.path("used").asInt() + "/" + q.path("quota").asInt()));
    assertThat(quotas).containsEntry("RU1", "10/10").containsEntry("RU2", "8/8").containsEntry("US1", "0/10");
    assertThat(list.path("refusals")).as("nothing refused was appended").isEmpty();
    assertThat(list.path("exemptions")).hasSize(1);
    JsonNode then = getJson(ru, "/api/v1/inspections?asOf=" + afterFive);
    assertThat(then.path("inspections")).hasSize(5);
    assertThat(then.path("quotas").toString()).contains("\"inspectedParty\":\"RU\",\"type\":1,\"treatyYear\":\"2020\",\"used\":5");
    for (Member m : List.of(us, ru)) {
      JsonNode late = lateOf(getJson(m, "/api/v1/obligations").path("obligations"));
      assertThat(late).as("late on " + m.party).hasSize(1);
      assertThat(late.get(0).path("type").asText()).isEqualTo("inspection-restrictions");
      assertThat(late.get(0).path("subject").asText()).isEqualTo("US-2020-02");
      assertThat(late.get(0).path("regime").asText()).isEqualTo("inspections");
      assertThat(late.get(0).path("party").asText()).isEqualTo("RU");
    }
    JsonNode two = getJson(ru, "/api/v1/inspections/US-2020-02");
    assertThat(two.path("obligations").toString())
        .contains("\"type\":\"inspection-restrictions\"").contains("\"status\":\"late\"");
    assertThat(two.path("signatures").path("US").path("digest")).isEqualTo(two.path("signatures").path("RU").path("digest"));
    assertThat(ambiguous).as("an inspection with a missile").isNotNull();
    JsonNode three = getJson(ru, "/api/v1/inspections/" + ambiguous);
    assertThat(three.path("ambiguities").get(0).path("raisedBy").asText()).isEqualTo("auto");
    assertThat(three.path("findings").path("reentryVehicles").asInt())
        .isEqualTo(three.path("findings").path("declaredReentryVehicles").asInt() + 1);
    assertThat(three.path("timeline")).hasSize(11);
  }

  /** Kills and restarts {@code m}: its clock resumes where it was and its projections are rebuilt from the logs. */
  private void restart(Member m) throws Exception {
    JsonNode before = getJson(m, "/api/v1/inspections");
    long t = System.nanoTime();
    cluster.kill(m);
    cluster.start(m);
    cluster.awaitUp(m);
    System.out.printf("InspectionTreatyYearTest: %s restarted in %.1f s%n", m.party, (System.nanoTime() - t) / 1e9);
    assertThat(getJson(m, "/api/v1/session").path("exercise").path("now").asText()).isEqualTo(now.toString());
    assertThat(getJson(m, "/api/v1/inspections")).isEqualTo(before);
  }

  private static JsonNode lateOf(JsonNode obligations) {
    ArrayNode out = Cluster.JSON.createArrayNode();
    obligations.forEach(o -> {
      if (o.path("status").asText().equals("late")) {
        out.add(o);
      }
    });
    return out;
  }

  private void exerciseClock() throws Exception {
    assertThat(getJson(us, "/api/v1/session").path("exercise").path("now").asText()).isEqualTo(START.toString());
    HttpResponse<String> r = post(us, "/api/v1/exercise/clock", "{\"advanceTo\":\"2020-01-01T00:00:00Z\"}", us.operator);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    r = post(us, "/api/v1/exercise/clock", "{\"advanceTo\":\"2020-04-01T00:00:00Z\"}", us.viewer);
    assertThat(r.statusCode()).isEqualTo(403);
  }

  private void advance(Duration d) throws Exception {
    now = parties.advance(d);
  }

  private void accept(Member m, String type, ObjectNode message) throws Exception {
    parties.accept(m, type, message);
  }

  private void refused(Member m, String type, ObjectNode message, String refusal) throws Exception {
    parties.refused(m, type, message, refusal);
  }

  private void sync() throws Exception {
    parties.sync();
  }

  /** Russia's declared facilities by inspection type, its bombers and its missiles' reentry vehicles. */
  record Sites(List<String> typeOne, List<String> typeTwo, Map<String, List<String>> bombersAt, Map<String, Integer> warheadsOf) {
    static Sites of(JsonNode declaration) throws Exception {
      Agreement a = AgreementCatalog.get("new-start");
      List<String> kinds = a.inspections().typeOneFacilityKinds();
      Map<String, List<String>> bombers = new TreeMap<>();
      Map<String, Integer> warheads = new TreeMap<>();
      Map<String, Integer> itemsAt = new TreeMap<>();
      for (JsonNode i : declaration.path("items")) {
        String f = i.path("facility").asText();
        itemsAt.merge(f, 1, Integer::sum);
        var cat = a.itemKind(i.path("kind").asText()).map(ItemKind::category).orElse(null);
        if (cat == ItemKind.Category.BOMBER) {
          bombers.computeIfAbsent(f, k -> new ArrayList<>()).add(i.path("id").asText());
        }
        warheads.put(i.path("id").asText(), i.path("warheads").asInt(0));
      }
      List<String> one = new ArrayList<>();
      List<String> two = new ArrayList<>();
      for (JsonNode f : declaration.path("facilities")) {
        String id = f.path("id").asText();
        if (kinds.contains(f.path("kind").asText())) {
          one.add(id);
        } else {
          two.add(id);
        }
      }
      return new Sites(one, two, bombers, warheads);
    }

    List<String> bombers(String facility) {
      return bombersAt.getOrDefault(facility, List.of());
    }

    int warheads(String missile) {
      return warheadsOf.getOrDefault(missile, 0);
    }
  }
}
