package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "Must show": the OSCE Vienna Document 2011 Chapter III mechanism (paragraph 16) on
 * three node processes, Ukraine, Russia and Poland, on exercise clocks, replaying the 2022
 * sequence (../shared/docs/domain/hotline-and-launch-notifications.md §3.4). Every request and
 * reply goes to all participating States: each of the three nodes receives it, and the sender
 * holds the receipt (cosignature) of both others. A request unanswered for 48 hours is judged
 * missing on every node and the meeting request falls due (then sent, and met); a meeting
 * request within the 48 hours and without a reply is refused by the protocol's gate; a request
 * answered in time makes no meeting due. The four other participating States of the bundled
 * definition run no node. Two nodes are set up with {@code node init}, Russia's joins with
 * {@code node agreement join}.
 */
class ViennaDocumentOnThreeNodesTest {
  static final String VD = "vienna-document-2011-risk-reduction";
  static final Instant START = Instant.parse("2022-02-11T10:00:00Z");

  @TempDir Path root;
  Instant now = START;

  @Test
  @Timeout(300)
  void requestsAndRepliesGoToAllAndAnUnansweredRequestMakesAMeetingDue() throws Exception {
    try (Cluster c = new Cluster(root)) {
      String[] exercise = {"--exercise", "--exercise-start", START.toString()};
      Member ua = c.init(VD, "UA", exercise);
      // Russia's node is on the military line first, then joins the Document
      Member ru = c.initIn(List.of("us-ru-military-line"), "RU", exercise);
      Cluster.cli("node", "agreement", "join", "--dir", ru.dir.toString(), "--agreement", VD);
      Member pl = c.initIn(List.of(VD), "PL", exercise);
      List<Member> all = List.of(ua, ru, pl);
      c.pinAll(); // each pair shares what both identity files list: the Document
      c.startAll();

      submit(ua, "UA-2022-1", "vd-explanation-request", request("UA-2022-1"));
      awaitEverywhere(all, 1);
      assertReceivedByAll(all, ua, "vd-explanation-request", "UA-2022-1");

      advance(all, Duration.ofHours(49)); // 13 Feb, 11:00: no reply came
      for (Member m : all) {
        assertThat(owed(m, "UA-2022-1")).as("on " + m.party).extracting(
            o -> o.path("kind").asText(), o -> o.path("type").asText(),
            o -> o.path("party").asText(), o -> o.path("status").asText())
            .containsExactly(
                tuple("deadline", "reply-within-48-hours", "RU", "missing"),
                tuple("escalation", "meeting-request", "UA", "due"));
      }

      // the requesting State asks for the meeting now due; every node receives it
      submit(ua, "UA-meeting-1", "vd-meeting-request",
          "{\"request\":\"UA-2022-1\",\"scope\":\"all-participating-states\"}");
      awaitEverywhere(all, 2);
      assertReceivedByAll(all, ua, "vd-meeting-request", "UA-2022-1");
      for (Member m : all) {
        assertThat(owed(m, "UA-2022-1")).as("on " + m.party).extracting(
            o -> o.path("type").asText(), o -> o.path("status").asText()).containsExactly(
                tuple("reply-within-48-hours", "missing"), tuple("meeting-request", "met"),
                tuple("meeting-within-48-hours", "due"));
      }

      submit(ua, "UA-2022-2", "vd-explanation-request", request("UA-2022-2"));
      awaitEverywhere(all, 3); // Russia answers what its node has received
      assertReceivedByAll(all, ua, "vd-explanation-request", "UA-2022-2");
      advance(all, Duration.ofHours(20));
      // within the 48 hours and without a reply, a meeting may not yet be requested: refused at
      // submit by the protocol's gate, nothing appended
      HttpResponse<String> early = post(ua, "/api/v1/messages?agreement=" + VD, "{\"clientId\":"
          + "\"UA-meeting-2\",\"type\":\"vd-meeting-request\",\"message\":{\"request\":"
          + "\"UA-2022-2\",\"scope\":\"bilateral\"}}", ua.operator);
      assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
      assertThat(Cluster.JSON.readTree(early.body()).path("refusal").asText())
          .isEqualTo("unusual-military-activities/no-satisfactory-reply");
      assertThat(vd(ua)).hasSize(3);
      submit(ru, "RU-reply-2", "vd-explanation-reply", "{\"request\":\"UA-2022-2\","
          + "\"reply\":\"No military activity to be notified under the Vienna Document.\"}");
      awaitEverywhere(all, 4);
      assertReceivedByAll(all, ru, "vd-explanation-reply", "UA-2022-2");

      advance(all, Duration.ofHours(40)); // past the second request's 48 hours
      for (Member m : all) {
        assertThat(owed(m, "UA-2022-2")).as("on " + m.party).extracting(
            o -> o.path("type").asText(), o -> o.path("party").asText(),
            o -> o.path("status").asText())
            .containsExactly(tuple("reply-within-48-hours", "RU", "met"));
      }
      String everything = "/api/v1/obligations?agreement=" + VD;
      assertThat(getJson(ua, everything)).as("the same judgement on every node")
          .isEqualTo(getJson(ru, everything)).isEqualTo(getJson(pl, everything));
    }
  }

  static String request(String id) {
    return "{\"request\":\"" + id + "\",\"to\":\"RU\",\"concern\":\"Forces concentrated near"
        + " the border of Ukraine and in Crimea.\",\"activityType\":\"ground forces\","
        + "\"area\":{\"circle\":{\"center\":{\"lat\":51.0,\"lon\":37.0},\"radius\":300,"
        + "\"unit\":\"km\"}}}";
  }

  static void submit(Member m, String clientId, String type, String message) throws IOException {
    String body = "{\"clientId\":\"" + clientId + "\",\"type\":\"" + type + "\",\"message\":"
        + message + "}";
    HttpResponse<String> r = post(m, "/api/v1/messages?agreement=" + VD, body, m.operator);
    assertThat(r.statusCode()).as("%s %s: %s", m.party, type, r.body()).isEqualTo(201);
  }

  /** Moves every node's exercise clock to the same instant, {@code d} later. */
  void advance(List<Member> all, Duration d) throws IOException {
    now = now.plus(d);
    for (Member m : all) {
      HttpResponse<String> r = post(m, "/api/v1/exercise/clock",
          "{\"advanceTo\":\"" + now + "\"}", m.operator);
      assertThat(r.statusCode()).as(m.party + " clock: " + r.body()).isEqualTo(200);
    }
  }

  /**
   * Waits until the {@code messages} sent so far are on every node and receipted: each node's
   * own entries cosigned by both others, and each node holding {@code messages} entries.
   */
  static void awaitEverywhere(List<Member> all, int messages) throws Exception {
    await(messages + " message(s) on all three, receipted", Duration.ofSeconds(90), () -> {
      for (Member m : all) {
        JsonNode log = getJson(m, "/api/v1/log?agreement=" + VD);
        for (JsonNode p : log.path("peers")) {
          if (p.path("cosignedSize").asLong() < log.path("size").asLong()) {
            return false;
          }
        }
        if (vd(m).size() != messages) {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * Every node lists the entry, each receiver has cosigned it, and the sender holds both others'
   * receipts (the participating States that run no node are asked for none).
   */
  static void assertReceivedByAll(List<Member> all, Member from, String type, String request)
      throws IOException {
    for (Member m : all) {
      JsonNode row = vd(m).stream().filter(r -> r.path("entry").path("type").asText()
          .equals(type) && r.path("entry").path("body").path("request").asText()
          .equals(request)).findFirst().orElseThrow(() -> new AssertionError(
              m.party + " lacks " + type + " " + request));
      assertThat(row.path("entry").path("party").asText()).isEqualTo(from.party);
      if (m != from) {
        // received, and this node's cosignature (its receipt) given to the sender
        assertThat(row.path("direction").asText()).isEqualTo("in");
        assertThat(row.path("status").asText()).as("%s's receipt: %s", m.party, row)
            .isEqualTo("cosigned");
        continue;
      }
      for (Member other : all) {
        if (other != from) {
          assertThat(row.path("cosignedBy").path(other.party).asBoolean())
              .as("%s's receipt of %s, held by %s: %s", other.party, type, m.party, row)
              .isTrue();
        }
      }
      assertThat(row.path("cosignedBy").size()).as("receipts asked of the nodes only")
          .isEqualTo(all.size() - 1);
    }
  }

  /** The mechanism's messages on {@code m}, sent and received. */
  static List<JsonNode> vd(Member m) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : getJson(m, "/api/v1/messages?agreement=" + VD).path("messages")) {
      if (r.path("entry").path("type").asText().startsWith("vd-")) {
        out.add(r);
      }
    }
    return out;
  }

  /** The obligations about {@code request} on {@code m}, as of its clock. */
  static List<JsonNode> owed(Member m, String request) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : getJson(m, "/api/v1/obligations?agreement=" + VD).path("obligations")) {
      if (o.path("subject").asText().equals(request)) {
        out.add(o);
      }
    }
    return out;
  }
}
