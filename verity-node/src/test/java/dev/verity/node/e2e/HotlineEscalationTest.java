package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.cli;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.json;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.assertj.core.groups.Tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.notify.SmtpSink;
import dev.verity.node.notify.WebhookReceiver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The military line's must-show (issue 14), two node processes on exercise clocks: a flash
 * message nobody acknowledges escalates through the receiving Party's duty roster at exactly the
 * rungs us-ru-military-line.yaml declares (5, 10, 15 minutes; the ladder climbed three times),
 * each rung notified to the officers on duty for its levels (webhook in Alertmanager's format,
 * mail over SMTP for senior leadership), then the alarm is raised on both sides; a second flash
 * message acknowledged within the limit escalates nothing; every acknowledgement, reply and
 * message names the officer as the node authenticated them (the API token's name).
 */
class HotlineEscalationTest {
  static final Instant T0 = Instant.parse("2026-03-14T07:00:00Z");
  /** The ack-flash ladder: deadline at 5 minutes, rungs 5 / 5 / 10 minutes apart, 3 rounds. */
  static final long[] RUNGS = {5, 10, 15, 25, 30, 35, 45, 50, 55};
  static final String[] STEPS = {"duty-officer", "watch-commander", "senior-leadership"};
  static final long ALARM = 65;

  @TempDir Path root;

  @Test
  @Timeout(300)
  void anUnansweredFlashEscalatesAtTheDeclaredStepsAndAnAcknowledgedOneDoesNot()
      throws Exception {
    try (Cluster c = new Cluster(root); WebhookReceiver ruHook = new WebhookReceiver();
        WebhookReceiver usHook = new WebhookReceiver();
        SmtpSink ruMail = new SmtpSink(null, false, null, null)) {
      Member us = c.init("us-ru-military-line", "US", "--exercise", "--exercise-start", "" + T0);
      Member ru = c.init("us-ru-military-line", "RU", "--exercise", "--exercise-start", "" + T0);
      c.pinAll();
      String reyes = token(us, "jreyes");
      String orlov = token(ru, "iorlov");
      roster(ru, "ru", ruHook.url("/api/v2/alerts"), "alertmanager", ruMail.port());
      roster(us, "us", usHook.url("/api/v2/generic/incoming"), "goalert", 0);
      c.startAll();

      // a scheduled line test from US (hourly, receipted within two minutes); none from RU
      HttpResponse<String> test = post(us, "/api/v1/messages", "{\"clientId\": \"test-0700\","
          + " \"type\": \"line-test\", \"message\": {\"text\": \"The quick brown fox.\"}}",
          reyes);
      assertThat(test.statusCode()).as(test.body()).isEqualTo(201);
      send(us, reyes, "F-1");
      await("F-1 on both boards, receipted", Duration.ofSeconds(60),
          () -> message(ru, "F-1") != null && message(us, "F-1").hasNonNull("receiptedAt"));
      assertThat(message(ru, "F-1").path("officer").asText()).isEqualTo("jreyes");
      assertThat(message(ru, "F-1").path("alert").asBoolean()).isTrue();

      // the clock moves to one second before each rung, to the rung, and one second after
      for (long r : RUNGS) {
        advance(List.of(us, ru), T0.plusSeconds(60 * r - 1));
        advance(List.of(us, ru), T0.plusSeconds(60 * r));
        advance(List.of(us, ru), T0.plusSeconds(60 * r + 1));
      }
      advance(List.of(us, ru), T0.plusSeconds(60 * ALARM - 1));
      assertThat(getJson(ru, "/api/v1/hotline").path("alarm").asBoolean()).isFalse();
      advance(List.of(us, ru), T0.plusSeconds(60 * ALARM));

      JsonNode sent = getJson(ru, "/api/v1/hotline").path("notifications");
      List<Tuple> expected = new ArrayList<>();
      for (int i = 0; i < RUNGS.length; i++) {
        Instant at = T0.plusSeconds(60 * RUNGS[i]);
        // "by" is inclusive: at 07:05:00 an acknowledgement is still on time, so the first rung
        // is set off the instant after the deadline (here, the next second the clock shows)
        Instant sentAt = i == 0 ? at.plusSeconds(1) : at;
        expected.add(tuple("line-escalation", STEPS[i % 3], i / 3 + 1, "" + at, "" + sentAt));
      }
      Instant alarm = T0.plusSeconds(60 * ALARM);
      expected.add(tuple("line-alarm", "ack-flash", 3, "" + alarm, "" + alarm));
      // sent exactly at each declared step, not a second before, each once
      assertThat(sent).extracting(n -> n.path("kind").asText(), n -> n.path("step").asText(),
          n -> n.path("round").asInt(), n -> n.path("at").asText(),
          n -> n.path("sentAt").asText()).containsExactlyElementsOf(expected);
      // each rung reaches a wider circle of the roster
      assertThat(sent).extracting(n -> n.path("officers").toString()).startsWith(
          "[\"iorlov\"]", "[\"iorlov\",\"kvolkov\"]", "[\"iorlov\",\"kvolkov\",\"gen-ru\"]");
      // the alarm on both sides
      for (Member m : List.of(us, ru)) {
        JsonNode b = getJson(m, "/api/v1/hotline");
        assertThat(b.path("alarm").asBoolean()).as(m.party).isTrue();
        assertThat(message(m, "F-1").path("timeline")).filteredOn(p -> p.path("kind").asText()
            .equals("alarm")).extracting(p -> p.path("party").asText(),
                p -> p.path("status").asText())
            .containsExactlyInAnyOrder(tuple("RU", "due"), tuple("US", "due"));
      }
      // and on both sides' /metrics, for their monitoring (issue 17)
      for (Member m : List.of(us, ru)) {
        assertThat(gauge(m, "verity_escalations_open")).as(m.party).isEqualTo(1.0);
      }
      await("deliveries", Duration.ofSeconds(30), () -> ruHook.requests.size() == 10
          && ruMail.mails.size() == 4 && usHook.requests.size() == 1);
      JsonNode first = Cluster.JSON.readTree(ruHook.requests.get(0).body()).get(0);
      assertThat(first.path("labels").path("alertname").asText()).isEqualTo("line-escalation");
      assertThat(first.path("labels").path("verity_key").asText())
          .isEqualTo("us-ru-military-line/US/F-1/duty-officer/1");
      assertThat(first.path("labels").path("severity").asText()).isEqualTo("critical");
      assertThat(Cluster.JSON.readTree(usHook.requests.get(0).body()).path("dedup").asText())
          .isEqualTo("us-ru-military-line/US/F-1/ack-flash/alarm/3");
      assertThat(ruMail.mails.get(0).data()).contains("senior-leadership");

      // a second flash, acknowledged within the limit: nothing escalates
      Instant t2 = T0.plusSeconds(60 * 70);
      advance(List.of(us, ru), t2);
      send(us, reyes, "F-2");
      await("F-2 at RU", Duration.ofSeconds(60), () -> message(ru, "F-2") != null);
      advance(List.of(us, ru), t2.plusSeconds(60 * 4));
      HttpResponse<String> ack = post(ru, "/api/v1/hotline/messages/F-2/ack", "{}", orlov);
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(201);
      // the officer cannot be written by the client
      HttpResponse<String> forged = post(ru, "/api/v1/messages", "{\"clientId\": \"forge\","
          + " \"type\": \"line-ack\", \"message\": {\"message\": \"F-2\", \"officer\":"
          + " \"someone-else\"}}", orlov);
      assertThat(forged.statusCode()).isEqualTo(400);
      assertThat(json(forged).path("field").asText()).isEqualTo("message.officer");
      await("F-2's acknowledgement at US", Duration.ofSeconds(60),
          () -> message(us, "F-2").hasNonNull("acknowledgement"));
      advance(List.of(us, ru), t2.plusSeconds(60 * 200));
      for (Member m : List.of(us, ru)) {
        JsonNode f2 = message(m, "F-2");
        assertThat(f2.path("state").asText()).isEqualTo("acknowledged");
        assertThat(f2.path("acknowledgement").path("officer").asText()).isEqualTo("iorlov");
        assertThat(f2.path("ackStatus").asText()).isEqualTo("met");
        assertThat(f2.path("alert").asBoolean()).isFalse();
        assertThat(f2.path("timeline")).extracting(p -> p.path("kind").asText())
            .containsExactly("deadline");
      }
      assertThat(getJson(ru, "/api/v1/hotline").path("notifications"))
          .noneMatch(n -> n.path("message").asText().equals("F-2"));
      // F-1 still escalates, F-2 acknowledged does not count
      assertThat(gauge(ru, "verity_escalations_open")).isEqualTo(1.0);

      // the line tests' availability over the day: US sent one by hand (07:00), RU's node sends
      // its own as each hour opens on its clock (sendLineTests): in the hours 07:00 and 08:00
      // (judged at 08:04:59); the clock jumped over 09:00 to 11:30, past those windows
      JsonNode tests = getJson(ru, "/api/v1/hotline").path("lineTests");
      assertThat(tests.path("US").path("day").path("ok").asInt()).isEqualTo(1);
      JsonNode ruDay = tests.path("RU").path("day");
      long sentByRu = ruDay.path("ok").asInt()
          + StreamSupport.stream(ruDay.path("failures").spliterator(), false)
              .filter(f -> !f.path("result").asText().equals("not-sent")).count();
      assertThat(sentByRu).isEqualTo(2);
      assertThat(tests.path("US").path("day").path("failures")).isNotEmpty()
          .allMatch(f -> f.path("result").asText().equals("not-sent"));
      assertThat(getJson(us, "/api/v1/hotline").path("lineTests"))
          .isEqualTo(getJson(ru, "/api/v1/hotline").path("lineTests"));

      // an MQ-9-style incident: two contradicting statements, each signed, side by side
      incident(us, reyes, orlov, ru);
      for (Member m : List.of(us, ru)) {
        JsonNode i = getJson(m, "/api/v1/hotline").path("incidents").path(0);
        assertThat(i.path("statements").path("US").size()).as(m.party + ": " + i).isOne();
        assertThat(i.path("statements").path("RU").size()).as(m.party + ": " + i).isOne();
        assertThat(i.path("id").asText()).isEqualTo("MQ9-1");
        assertThat(i.path("statements").path("US").get(0).path("statement").asText())
            .startsWith("A Su-27 struck the propeller");
        assertThat(i.path("statements").path("US").get(0).path("officer").asText())
            .isEqualTo("jreyes");
        assertThat(i.path("statements").path("RU").get(0).path("statement").asText())
            .startsWith("Russian aircraft did not come into contact");
        assertThat(i.path("statements").path("RU").get(0).path("officer").asText())
            .isEqualTo("iorlov");
        assertThat(i.path("statements").path("RU").get(0).path("entry").path("party").asText())
            .isEqualTo("RU");
      }

      // the command line: send, acknowledge, reply, status
      String usApi = "http://127.0.0.1:" + us.apiPort + "/";
      String ruApi = "http://127.0.0.1:" + ru.apiPort + "/";
      assertThat(cli("hotline", "send", "--node", usApi, "--token", reyes, "--to", "RU",
          "--priority", "immediate", "--language", "en", "--id", "I-1", "--text",
          "Request a call at 09:00 UTC.")).startsWith("immediate message to RU: entry US/");
      await("I-1 at RU", Duration.ofSeconds(60), () -> message(ru, "I-1") != null);
      // the steps of a subject are ordered by their entries' times: the answer comes later
      aMinuteLater(us, ru);
      assertThat(cli("hotline", "ack", "I-1", "--node", ruApi, "--token", orlov))
          .startsWith("acknowledgement of I-1: entry RU/");
      cli("hotline", "reply", "I-1", "--node", ruApi, "--token", orlov, "--language", "ru",
          "--text", "Согласны.");
      JsonNode i1 = message(ru, "I-1");
      assertThat(i1.path("state").asText()).isEqualTo("replied");
      assertThat(i1.path("reply").path("officer").asText()).isEqualTo("iorlov");
      assertThat(cli("hotline", "status", "--node", ruApi, "--token", orlov))
          .contains("I-1").contains("replied").contains("iorlov").contains("ALARM");
    }
  }

  /** A named operator token: the officer's identity as the node sees it. */
  static String token(Member m, String name) {
    return cli("node", "token", "create", "--dir", m.dir.toString(), "--role", "operator",
        "--name", name).trim();
  }

  /** The Party's duty roster and notification targets (a webhook; mail for the senior level). */
  /** The value of the line's gauge {@code name} on {@code m}'s /metrics (a viewer may read). */
  static double gauge(Member m, String name) throws IOException {
    return gauge(m, name, "");
  }

  /** The same, with the labels after the agreement's ({@code ,party="US"}). */
  static double gauge(Member m, String name, String labels) throws IOException {
    String page = Cluster.get(m, "/metrics", m.viewer).body();
    Matcher v = Pattern.compile("(?m)^" + name + "\\{agreement=\"us-ru-military-line\""
        + Pattern.quote(labels) + ",?} (\\S+)$").matcher(page);
    assertThat(v.find()).as(name + " in " + page).isTrue();
    return Double.parseDouble(v.group(1));
  }

  static void roster(Member m, String p, String hook, String format, int smtp) throws Exception {
    Files.writeString(m.dir.resolve("hotline-roster.yaml"), (smtp > 0 ? "sendLineTests: true\n"
        : "") + "officers:\n"
        + "  - {name: i" + (p.equals("ru") ? "orlov" : "reyes") + ", levels: [duty-officer],"
        + " notify: [" + p + "-hook]}\n"
        + "  - {name: kvolkov, levels: [watch-commander], notify: [" + p + "-hook]}\n"
        + "  - {name: gen-" + p + ", levels: [senior-leadership], notify: [" + p + "-hook"
        + (smtp > 0 ? ", " + p + "-mail" : "") + "]}\n"
        + "  - {name: night-" + p + ", levels: [duty-officer], shift: \"22:00-06:00\","
        + " notify: [" + p + "-hook]}\n");
    String mail = smtp == 0 ? "" : "    - {name: " + p + "-mail, kind: smtp, host: 127.0.0.1,"
        + " port: " + smtp + ", tls: none, from: verity@" + p + ".example,"
        + " to: [senior@" + p + ".example]}\n";
    Files.writeString(m.dir.resolve("node.yaml"), "notifications:\n"
        + "  retry: {attempts: 1}\n  targets:\n"
        + "    - {name: " + p + "-hook, kind: webhook, format: " + format + ", url: " + hook
        + "}\n" + mail, StandardOpenOption.APPEND);
  }

  /** US reports an incident and states its position; RU states a contradicting one. */
  static void incident(Member us, String usToken, String ruToken, Member ru) throws Exception {
    HttpResponse<String> r = post(us, "/api/v1/messages", "{\"clientId\": \"mq9\", \"type\":"
        + " \"incident-report\", \"message\": {\"incident\": \"MQ9-1\", \"occurredAt\":"
        + " \"2026-03-14T07:03:00Z\", \"position\": {\"lat\": 44.6, \"lon\": 32.9},"
        + " \"category\": \"incsea-dangerous-manoeuvre\", \"unitsInvolved\": [\"MQ-9A\","
        + " \"2 x Su-27\"], \"account\": \"Two Su-27s dumped fuel on and flew in front of an"
        + " MQ-9 in international airspace; the MQ-9 was lost.\"}}", usToken);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    r = post(us, "/api/v1/messages", "{\"clientId\": \"mq9-us\", \"type\":"
        + " \"incident-statement\", \"message\": {\"incident\": \"MQ9-1\", \"statement\":"
        + " \"A Su-27 struck the propeller of the MQ-9.\"}}", usToken);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    await("the incident at RU", Duration.ofSeconds(60), () -> getJson(ru, "/api/v1/hotline")
        .path("incidents").size() == 1);
    aMinuteLater(us, ru);
    r = post(ru, "/api/v1/messages", "{\"clientId\": \"mq9-ru\", \"type\":"
        + " \"incident-statement\", \"message\": {\"incident\": \"MQ9-1\", \"statement\":"
        + " \"Russian aircraft did not come into contact with the UAV and did not use weapons.\"}}",
        ruToken);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    for (Member m : List.of(us, ru)) {
      await("both statements at " + m.party, Duration.ofSeconds(60), () -> {
        JsonNode st = getJson(m, "/api/v1/hotline").path("incidents").path(0).path("statements");
        return st.path("US").size() == 1 && st.path("RU").size() == 1;
      });
    }
  }

  /** Both exercise clocks a minute on from RU's. */
  static void aMinuteLater(Member us, Member ru) throws Exception {
    Instant now = Instant.parse(getJson(ru, "/api/v1/session").path("exercise").path("now")
        .asText());
    advance(List.of(us, ru), now.plusSeconds(60));
  }

  static void send(Member m, String token, String id) throws Exception {
    HttpResponse<String> r = post(m, "/api/v1/hotline/messages", "{\"message\": \"" + id
        + "\", \"to\": \"RU\", \"priority\": \"flash\", \"text\": \"Su-27 dumping fuel on an"
        + " MQ-9 over the Black Sea; break off.\", \"language\": \"en\"}", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  /** Moves both clocks, and waits until each node's escalation judged the new time. */
  static void advance(List<Member> ms, Instant to) throws Exception {
    for (Member m : ms) {
      HttpResponse<String> r = post(m, "/api/v1/exercise/clock", "{\"advanceTo\": \"" + to
          + "\"}", m.operator);
      assertThat(r.statusCode()).as(() -> r.body() + "\n" + tail(Cluster.log(m))).isEqualTo(200);
    }
    for (Member m : ms) {
      await(m.party + " judged " + to, Duration.ofSeconds(30), () -> ("" + to).equals(
          getJson(m, "/api/v1/hotline").path("judgedAt").asText()));
    }
  }

  static String tail(String log) {
    return log.substring(Math.max(0, log.length() - 4000));
  }

  static JsonNode message(Member m, String id) throws Exception {
    for (JsonNode x : getJson(m, "/api/v1/hotline").path("messages")) {
      if (x.path("id").asText().equals(id)) {
        return x;
      }
    }
    return null;
  }
}
