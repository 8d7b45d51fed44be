package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;


/**
 * A watch officer's day with two node processes, as real operations run: advance notices (a
 * bomber exercise three weeks and 14 days out, launches a day or two ahead) interleaved with
 * changes reported up to five days late, corrections and a withdrawal, from both Parties, on
 * exercise clocks and on real time. Nothing is refused for its order, and both nodes end with
 * the same inventories, compliance and obligations. Then a typo corrected: the figures come
 * right, the original shows as superseded with both receipts, and the peer is alarmed.
 */
class WatchOfficerDayTest {
  @TempDir Path root;

  /** What one Party has to work with: its bombers, two other facilities, two deployed missiles. */
  record Forces(List<String> bombers, String airBase, String repair, List<String> missiles) {}

  /** One message of the day: when it is sent (after the start) and what it says. */
  record Step(
      Duration sendAt,
      Member from,
      String label,
      String type,
      Function<Instant, ObjectNode> message) {}

  @Test
  @Timeout(180)
  void onExerciseClocksNothingIsRefusedForOrderAndBothNodesAgree() throws Exception {
    try (Cluster c = new Cluster(root)) {
      ExerciseParties day = declaredOnExerciseClocks(c);
      Member us = day.us;
      Member ru = day.ru;
      Instant start = day.advance(Duration.ofDays(8)); // 2020-03-10T00:00Z
      Map<String, Long> index = run(steps(us, ru), start, d -> day.advance(d));
      checkTheDay(us, ru, index, start);
    }
  }

  @Test
  @Timeout(180)
  void onRealTimeNothingIsRefusedForOrderAndBothNodesAgree() throws Exception {
    try (Cluster c = new Cluster(root)) {
      Member us = c.init("new-start", "US");
      Member ru = c.init("new-start", "RU");
      c.pinAll();
      c.startAll();
      declare(us, ru);
      // a day in real time: the same messages, sent one after the other now, with event times
      // around now
      Instant start = Instant.now().minus(Duration.ofHours(61));
      Map<String, Long> index = run(steps(us, ru), start, d -> Instant.now());
      checkTheDay(us, ru, index, start);
    }
  }

  /** US and RU exercise nodes from 2 March 2020, pinned, running, each with its declaration. */
  private static ExerciseParties declaredOnExerciseClocks(Cluster c) throws Exception {
    String start = "2020-03-02T00:00:00Z";
    Member us = c.init("new-start", "US", "--exercise", "--exercise-start", start);
    Member ru = c.init("new-start", "RU", "--exercise", "--exercise-start", start);
    c.pinAll();
    c.startAll();
    declare(us, ru);
    return new ExerciseParties(us, ru, Instant.parse(start));
  }

  private static void declare(Member us, Member ru) throws Exception {
    for (Member m : List.of(us, ru)) {
      var d = DemoScenario.submissions(m.party, 0, 1).get(0);
      HttpResponse<String> r = post(m, "/api/v1/messages", d.body().toString(), m.operator);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    await(
        "both declarations mirrored",
        Duration.ofSeconds(60),
        () ->
            Cluster.allCosigned(us)
                && Cluster.allCosigned(ru)
                && getJson(us, "/api/v1/inventory?asOf=2020-03-01").path("parties").size() == 2
                && getJson(ru, "/api/v1/inventory?asOf=2020-03-01").path("parties").size() == 2);
  }

  /** A Party's items: three nuclear bombers, another air base, a repair facility, two missiles. */
  static Forces forces(Member m) throws Exception {
    JsonNode inv = getJson(m, "/api/v1/inventory/" + m.party + "/items?asOf=2020-03-01");
    List<String> bombers = new ArrayList<>();
    List<String> missiles = new ArrayList<>();
    String home = null;
    for (JsonNode i : inv.path("items")) {
      if (i.path("kind").asText().equals("heavy-bomber")
          && i.path("status").asText().equals("deployed")
          && bombers.size() < 3
          && (home == null || home.equals(i.path("facility").asText()))) {
        bombers.add(i.path("id").asText());
        home = i.path("facility").asText();
      }
      if (i.path("kind").asText().equals("icbm")
          && i.path("status").asText().equals("deployed")
          && missiles.size() < 2) {
        missiles.add(i.path("id").asText());
      }
    }
    String airBase = null;
    String repair = null;
    for (var f : iterable(inv.path("facilities").fields())) {
      String kind = f.getValue().path("kind").asText();
      airBase =
          airBase == null && kind.equals("air-base") && !f.getKey().equals(home)
              ? f.getKey()
              : airBase;
      repair = repair == null && kind.equals("repair-facility") ? f.getKey() : repair;
    }
    if (repair == null) { // a Party without a repair facility in its declaration: another air base
      repair = airBase;
    }
    assertThat(bombers).hasSize(3);
    assertThat(missiles).hasSize(2);
    assertThat(airBase).isNotNull();
    return new Forces(bombers, airBase, repair, missiles);
  }

  static <T> Iterable<T> iterable(Iterator<T> it) {
    return () -> it;
  }

  static ObjectNode obj(Object... kv) {
    return ExerciseParties.obj(kv);
  }

  static Function<Instant, ObjectNode> at(Duration event, Object... kv) {
    return start -> {
      ObjectNode o = obj(kv);
      o.put("eventTime", start.plus(event).toString());
      return o;
    };
  }

  static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  /** Both Parties' traffic of the day, in the order it is sent; event times are in another. */
  static List<Step> steps(Member us, Member ru) throws Exception {
    List<Step> out = new ArrayList<>();
    for (Member m : List.of(us, ru)) {
      Forces f = forces(m);
      Duration off = m == us ? Duration.ZERO : Duration.ofMinutes(30);
      String p = m.party + "-";
      out.add(
          new Step(
              h(0).plus(off), m, p + "exercise-3w", "bomber-exercise", at(Duration.ofDays(21))));
      out.add(
          new Step(
              h(1).plus(off), m, p + "launch-1", "launch", at(h(50), "item", f.missiles().get(0))));
      out.add(
          new Step(
              h(2).plus(off),
              m,
              p + "late-b1",
              "item-moved",
              at(h(-117), "item", f.bombers().get(0), "facility", f.repair()))); // five days late
      out.add(
          new Step(
              h(3).plus(off),
              m,
              p + "exercise-14d",
              "bomber-exercise",
              at(Duration.ofDays(14).plus(h(4)))));
      out.add(
          new Step(
              h(26).plus(off),
              m,
              p + "b2",
              "item-moved",
              at(h(20), "item", f.bombers().get(1), "facility", f.airBase())));
      out.add(
          new Step(
              h(27).plus(off),
              m,
              p + "late-b3",
              "item-moved",
              at(
                  h(-72),
                  "item",
                  f.bombers().get(2),
                  "facility",
                  f.repair()))); // three days late, before b2
      out.add(
          new Step(
              h(30).plus(off),
              m,
              p + "fix-b2",
              "correction",
              null)); // b2 went to repair, not the base
      out.add(
          new Step(
              h(52).plus(off),
              m,
              p + "launch-2",
              "launch",
              at(h(77), "item", f.missiles().get(1))));
      out.add(
          new Step(
              h(53).plus(off),
              m,
              p + "b1-back",
              "item-moved",
              at(h(52), "item", f.bombers().get(0), "facility", f.airBase())));
      out.add(new Step(h(60).plus(off), m, p + "cancel-launch-2", "correction", null)); // withdrawn
    }
    out.sort(Comparator.comparing(Step::sendAt));
    return out;
  }

  /** Sends the steps in order ({@code clock} brings both nodes to each send time): all accepted. */
  static Map<String, Long> run(List<Step> steps, Instant start, ClockMove clock) throws Exception {
    Map<String, Long> index = new HashMap<>();
    Map<String, Forces> forces = new HashMap<>();
    Duration now = Duration.ZERO;
    for (Step s : steps) {
      if (s.sendAt().compareTo(now) > 0) {
        clock.advance(s.sendAt().minus(now));
        now = s.sendAt();
      }
      forces.computeIfAbsent(
          s.from().party,
          k -> {
            try {
              return forces(s.from());
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
      ObjectNode message =
          s.message() != null ? s.message().apply(start) : correction(s, index, forces, start);
      ObjectNode body = obj("clientId", s.label(), "type", s.type());
      body.set("message", message);
      HttpResponse<String> r =
          post(s.from(), "/api/v1/messages", body.toString(), s.from().operator);
      assertThat(r.statusCode()).as("%s %s: %s", s.label(), s.type(), r.body()).isEqualTo(201);
      index.put(s.label(), json(r).path("index").asLong());
    }
    return index;
  }

  @FunctionalInterface
  interface ClockMove {
    Instant advance(Duration d) throws Exception;
  }

  private static ObjectNode correction(
      Step s, Map<String, Long> index, Map<String, Forces> forces, Instant start) {
    String p = s.from().party + "-";
    Forces f = forces.get(s.from().party);
    if (s.label().endsWith("fix-b2")) {
      ObjectNode c =
          obj(
              "supersedes",
              index.get(p + "b2"),
              "reason",
              "B2 went to the repair facility, not the base");
      c.set(
          "replacement",
          at(h(20), "type", "item-moved", "item", f.bombers().get(1), "facility", f.repair())
              .apply(start));
      return c;
    }
    return obj("supersedes", index.get(p + "launch-2"), "reason", "launch cancelled");
  }

  /** Both nodes agree on everything, and the corrected history is what they show. */
  static void checkTheDay(Member us, Member ru, Map<String, Long> index, Instant start)
      throws Exception {
    await(
        "all cosigned",
        Duration.ofSeconds(60),
        () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
    await(
        "both logs folded",
        Duration.ofSeconds(30),
        () ->
            getJson(us, "/api/v1/log").path("peers").get(0).path("mirroredSize").asLong()
                    == getJson(ru, "/api/v1/log").path("size").asLong()
                && getJson(ru, "/api/v1/log").path("peers").get(0).path("mirroredSize").asLong()
                    == getJson(us, "/api/v1/log").path("size").asLong());
    LocalDate first = start.minus(Duration.ofDays(6)).atOffset(ZoneOffset.UTC).toLocalDate();
    for (int d = 0; d <= 28; d += 2) {
      for (String q :
          List.of(
              "/api/v1/inventory?asOf=",
              "/api/v1/compliance?asOf=",
              "/api/v1/inventory/US/items?asOf=",
              "/api/v1/inventory/RU/items?asOf=")) {
        assertThat(getJson(us, q + first.plusDays(d)))
            .as(q + first.plusDays(d))
            .isEqualTo(getJson(ru, q + first.plusDays(d)));
      }
    }
    // the same obligations on both nodes (each answers as of its own "now": asOf differs)
    assertThat(getJson(us, "/api/v1/obligations").path("obligations"))
        .isEqualTo(getJson(ru, "/api/v1/obligations").path("obligations"));
    assertThat(getJson(us, "/api/v1/log").path("problems")).isEmpty();
    assertThat(getJson(ru, "/api/v1/log").path("problems")).isEmpty();
    LocalDate end = start.plus(Duration.ofDays(4)).atOffset(ZoneOffset.UTC).toLocalDate();
    for (Member m : List.of(us, ru)) {
      Forces f = forces(m);
      JsonNode items =
          getJson(us, "/api/v1/inventory/" + m.party + "/items?asOf=" + end).path("items");
      assertThat(facility(items, f.bombers().get(0)))
          .as("B1 back at the base")
          .isEqualTo(f.airBase());
      assertThat(facility(items, f.bombers().get(1))).as("B2 as corrected").isEqualTo(f.repair());
      assertThat(facility(items, f.bombers().get(2))).isEqualTo(f.repair());
      // the original of the corrected move shows as superseded, on both nodes, with both receipts
      for (Member viewer : List.of(us, ru)) {
        JsonNode orig =
            getJson(viewer, "/api/v1/messages/" + m.party + "/" + index.get(m.party + "-b2"));
        assertThat(orig.path("supersededBy").path("index").asLong())
            .isEqualTo(index.get(m.party + "-fix-b2"));
        assertThat(orig.path("supersededBy").path("receivedAt").isTextual()).isTrue();
        assertThat(orig.path("receivedAt").isTextual()).isTrue();
      }
    }
    // the withdrawn launch owes nothing; the corrected move is judged as corrected
    JsonNode obligations = getJson(us, "/api/v1/obligations").path("obligations");
    long launches = 0;
    long corrected = 0;
    for (JsonNode o : obligations) {
      boolean ofUs = o.path("party").asText().equals("US");
      launches += o.path("type").asText().equals("launch") && ofUs ? 1 : 0;
      if (o.path("corrected").asBoolean()) {
        corrected++;
        String party = o.path("party").asText();
        assertThat(o.path("metBy").path("party").asText()).isEqualTo(party);
        assertThat(o.path("metBy").path("index").asLong())
            .isEqualTo(index.get(party + "-fix-b2"));
      }
    }
    assertThat(corrected).as("each Party's corrected move, met by its correction").isEqualTo(2);
    assertThat(launches).as("launch-1 only: launch-2 was withdrawn").isEqualTo(1);
  }

  static String facility(JsonNode items, String id) {
    for (JsonNode i : items) {
      if (i.path("id").asText().equals(id)) {
        return i.path("facility").asText();
      }
    }
    return null;
  }

  @Test
  @Timeout(180)
  void aTypoIsCorrectedTheFiguresComeRightAndThePeerIsAlarmed() throws Exception {
    try (Cluster c = new Cluster(root)) {
      ExerciseParties day = declaredOnExerciseClocks(c);
      Member us = day.us;
      Member ru = day.ru;
      JsonNode before = warheads(ru, "US", "2020-03-05");
      String missile = forces(us).missiles().get(0); // deployed: its warheads count
      int was = warheadsOf(us, missile);

      // the year mistyped is refused at once, naming the field (it would have blocked every earlier
      // date)
      HttpResponse<String> year =
          post(
              us,
              "/api/v1/messages",
              "{\"clientId\":\"y\",\"type\":\"warheads-changed\","
                  + "\"message\":{\"eventTime\":\"2029-03-02T12:00:00Z\",\"item\":\""
                  + missile
                  + "\",\"warheads\":"
                  + (was - 1)
                  + "}}",
              us.operator);
      assertThat(year.statusCode()).isEqualTo(400);
      assertThat(json(year).path("field").asText()).isEqualTo("message.eventTime");

      day.advance(Duration.ofHours(12));
      // the typo: 14 warheads instead of one fewer
      day.accept(
          us,
          "warheads-changed",
          obj("eventTime", "2020-03-02T06:00:00Z", "item", missile, "warheads", 14));
      long typoIndex = getJson(us, "/api/v1/log").path("size").asLong() - 1;
      JsonNode reported = warheads(ru, "US", "2020-03-05");
      assertThat(reported.asLong()).isEqualTo(before.asLong() - was + 14);
      day.advance(Duration.ofDays(2)); // two days later the figure has been on every dashboard

      ObjectNode fix = obj("supersedes", typoIndex, "reason", "14 was a typo for " + (was - 1));
      fix.set(
          "replacement",
          obj("eventTime", "2020-03-02T06:00:00Z", "item", missile, "warheads", was - 1));
      day.accept(us, "correction", fix);
      long fixIndex = typoIndex + 1;
      for (Member m : List.of(us, ru)) {
        assertThat(warheads(m, "US", "2020-03-05").asLong())
            .as("the figure on " + m.party)
            .isEqualTo(before.asLong() - 1);
        JsonNode orig = getJson(m, "/api/v1/messages/US/" + typoIndex);
        assertThat(orig.path("supersededBy").path("index").asLong()).isEqualTo(fixIndex);
        assertThat(orig.path("supersededBy").path("reason").asText()).contains("typo");
        assertThat(orig.path("receivedAt").asText()).startsWith("2020-03-02T12:00");
        assertThat(orig.path("supersededBy").path("receivedAt").asText())
            .startsWith("2020-03-04T12:00");
        assertThat(
                getJson(m, "/api/v1/messages/US/" + fixIndex)
                    .path("supersedes")
                    .path("index")
                    .asLong())
            .isEqualTo(typoIndex);
      }
      JsonNode alarms = getJson(ru, "/api/v1/log").path("alarms");
      assertThat(alarms)
          .anySatisfy(
              a -> {
                assertThat(a.path("kind").asText()).isEqualTo("correction-changes-reported-figure");
                assertThat(a.path("peer").asText()).isEqualTo("US");
                assertThat(a.path("detail").asText())
                    .contains("warheads")
                    .contains("14 was a typo");
              });
      assertThat(getJson(us, "/api/v1/log").path("alarms"))
          .as("the sender made the correction")
          .isEmpty();
    }
  }

  static JsonNode warheads(Member m, String party, String day) throws Exception {
    for (JsonNode p : getJson(m, "/api/v1/compliance?asOf=" + day).path("parties")) {
      if (p.path("party").asText().equals(party)) {
        for (JsonNode l : p.path("limits")) {
          if (l.path("name").asText().equals("warheads")) {
            return l.path("value");
          }
        }
      }
    }
    throw new AssertionError("no warheads of " + party);
  }

  static int warheadsOf(Member m, String id) throws Exception {
    for (JsonNode i :
        getJson(m, "/api/v1/inventory/" + m.party + "/items?asOf=2020-03-01").path("items")) {
      if (i.path("id").asText().equals(id)) {
        return i.path("warheads").asInt();
      }
    }
    throw new AssertionError("no " + id);
  }
}
