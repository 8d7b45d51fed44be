package dev.verity.node.cli.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  Path steps(String... lines) throws Exception {
    Path p = dir.resolve("steps.jsonl");
    Files.writeString(p, String.join("\n", lines).replace('\'', '"') + "\n");
    return p;
  }

  static final String SESSION = "{'at': '2020-05-01T09:00:00Z', 'party': 'US', 'type':"
      + " 'commission-session', 'fields': {'session': 'S-1', 'date': '2020-05-01'}}";

  @Test
  void printsVerdictsObligationsAndStateAsJson() throws Exception {
    Path f = steps(SESSION, "",
        "{'at': '2020-05-02T09:00:00Z', 'party': 'RU', 'type': 'commission-decision-signed',"
            + " 'fields': {'decision': 'D-9'}}");
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", "new-start", "--steps",
        f.toString());
    assertThat(r.exit()).isEqualTo(3);
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.get("accepted").toString()).isEqualTo("[0]");
    assertThat(out.get("refused").get(0).toString()).isEqualTo("{\"index\":2,\"refusal\":"
        + "\"subject\",\"rule\":\"known-decision\",\"reason\":\"no decision D-9\"}");
    assertThat(out.get("obligations").isArray()).isTrue();
    assertThat(out.get("state").get("commission").get("sessions").get(0).get("id").asText())
        .isEqualTo("S-1");
    assertThat(out.get("state").has("inventory")).isTrue();
  }

  @Test
  void aMalformedLineExitsNonZeroNamingTheLine() throws Exception {
    Path f = steps(SESSION, "{'at': '2020-05-02T09:00:00Z', 'party': 'RU'");
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", "new-start", "--steps",
        f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("verity: " + f + ": line 2: not JSON: ").hasLineCount(1)
        .doesNotContain("Exception");
  }

  @Test
  void badInputNamesTheLineAndTheField() throws Exception {
    String[][] cases = {
        {"{'at': '1 May 2020', 'party': 'US', 'type': 'x'}",
            "line 1: at: expected an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z"},
        {"{'at': '2020-05-01T09:00:00Z', 'type': 'x'}",
            "line 1: party: expected a participant id as a string"},
        {"{'at': '2020-05-01T09:00:00Z', 'party': 'US', 'type': 'x', 'when': 1}",
            "line 1: when: not a key of a step (at, party, type, fields)"},
        {"{'at': '2020-05-01T09:00:00Z', 'party': 'US', 'type': 'x', 'fields': []}",
            "line 1: fields: expected a JSON object"},
        {"[1, 2]", "line 1: expected a JSON object"}};
    for (String[] c : cases) {
      Cli.Result r = Cli.run("agreement", "replay", "--agreement", "new-start", "--steps",
          steps(c[0]).toString());
      assertThat(r.exit()).as(c[0]).isEqualTo(1);
      assertThat(r.err()).as(c[0]).contains(c[1]).hasLineCount(1);
    }
    Cli.Result asOf = Cli.run("agreement", "replay", "--agreement", "new-start", "--steps",
        steps(SESSION).toString(), "--as-of", "tomorrow");
    assertThat(asOf.exit()).isEqualTo(1);
    assertThat(asOf.err()).contains("--as-of: expected an ISO 8601 UTC instant");
  }

  @Test
  void aFieldTheSchemaRefusesIsARefusedStepNamingTheField() throws Exception {
    Path f = steps("{'at': '2020-05-01T09:00:00Z', 'party': 'US', 'type': 'commission-session',"
        + " 'fields': {'session': 'S-1', 'date': '1 May'}}");
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", "new-start", "--steps",
        f.toString(), "--format", "text");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("new-start: 1 steps, 0 accepted, 1 refused",
        "refused line 1: malformed (schema): fields.date: expected a date such as 2020-10-15",
        "obligations as of 2020-05-01T09:00:00Z:");
  }

  @Test
  void anAgreementFileMayExtendABundledOneAndIncludeItsProvisions() throws Exception {
    Path yaml = dir.resolve("mine.yaml");
    Files.writeString(yaml, "extends: new-start\nid: mine\ntitle: mine\n");
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", yaml.toString(), "--steps",
        steps(SESSION).toString(), "--as-of", "2020-06-01T00:00:00Z");
    assertThat(r.exit()).isZero();
    assertThat(JSON.readTree(r.out()).get("accepted").toString()).isEqualTo("[0]");
  }

  @Test
  void judgesThe1989ExerciseNotificationsOffline() throws Exception {
    Path f = steps(
        "{'at': '1990-10-01T10:00:00Z', 'party': 'US', 'type': 'major-strategic-exercise',"
            + " 'fields': {'exerciseStart': '1990-10-15'}}",
        "{'at': '1990-10-02T10:00:00Z', 'party': 'RU', 'type': 'major-strategic-exercise',"
            + " 'fields': {'exerciseStart': '1990-10-15'}}");
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", "major-strategic-exercises-1989",
        "--steps", f.toString(), "--format", "text");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("2 steps, 2 accepted, 0 refused").containsPattern(
        "met +exercise-notification deadline +fourteen-days-ahead +US#0 +US +due"
            + " 1990-10-02T00:00:00Z \\(line 1\\)").containsPattern(
        "late +exercise-notification deadline +fourteen-days-ahead +RU#0 +RU +due"
            + " 1990-10-02T00:00:00Z \\(line 2\\)");
  }

  /** Issue 13: the same late and on-time verdicts as the nodes give, offline. */
  @Test
  void judgesThe1988LaunchNotificationsOffline() throws Exception {
    String fields = "'fields': {'missileClass': 'ICBM', 'plannedLaunch': '2024-12-18T12:00:00Z',"
        + " 'launchWindowHours': 4, 'launchArea': {'site': 'Plesetsk'}, 'impactAreas':"
        + " [{'circle': {'center': {'lat': 57.3, 'lon': 161.9}, 'radius': 50, 'unit': 'nmi'}}]}}";
    Path f = steps(
        "{'at': '2024-12-17T11:00:00Z', 'party': 'RU', 'type': 'launch-notification', " + fields,
        "{'at': '2024-12-17T13:00:00Z', 'party': 'US', 'type': 'launch-notification', " + fields);
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", "launch-notification-1988",
        "--steps", f.toString(), "--format", "text");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("2 steps, 2 accepted, 0 refused").containsPattern(
        "met +launch-notification deadline +twenty-four-hours-ahead +RU#0 +RU +due"
            + " 2024-12-17T12:00:00Z \\(line 1\\)").containsPattern(
        "late +launch-notification deadline +twenty-four-hours-ahead +US#0 +US +due"
            + " 2024-12-17T12:00:00Z \\(line 2\\)");
  }

  @Test
  void marksAStepTakenWhileTheAgreementIsSuspended() throws Exception {
    Path f = steps("{'at': '2023-02-21T12:00:00Z', 'party': 'RU', 'type':"
            + " 'agreement-suspension', 'fields': {'statedReason': 'suspended'}}",
        "{'at': '2023-03-01T09:00:00Z', 'party': 'US', 'type': 'major-strategic-exercise',"
            + " 'fields': {'exerciseStart': '2023-04-01'}}");
    Cli.Result r = Cli.run("agreement", "replay", "--agreement", "major-strategic-exercises-1989",
        "--steps", f.toString(), "--format", "text");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("marked line 2: taken while the agreement was suspended");
    Cli.Result json = Cli.run("agreement", "replay", "--agreement",
        "major-strategic-exercises-1989", "--steps", f.toString());
    assertThat(JSON.readTree(json.out()).get("marked").toString())
        .isEqualTo("[{\"index\":1,\"standing\":\"suspended\"}]");
  }

  /**
   * Issue 13, the demo's replay: per agreement what was exchanged and where it stands; New START
   * suspended by Russia with its obligations since not missed, the 1988 and 1989 agreements
   * untouched and their notifications on time.
   */
  @Test
  void replaysTheUsRussiaScenarioPerAgreement() throws Exception {
    Cli.Result r = Cli.run("agreement", "replay", "--scenario", "us-ru-2023", "--format", "text");
    assertThat(r.exit()).as(r.err()).isZero();
    String[] parts = r.out().split("\n== ");
    assertThat(parts).hasSize(4);
    assertThat(parts[1]).startsWith("new-start:")
        .contains("standing as of 2025-12-01T00:00:00Z: suspended by RU since"
            + " 2023-02-21T12:00:00Z: \"Russia suspends its participation")
        .contains("exchanged by RU: 1 agreement-suspension")
        .containsPattern("suspended +inventory +deadline +data-exchange +2023-03-01 +RU")
        .doesNotContain("missing ").doesNotContain("late ");
    assertThat(parts[2]).startsWith("launch-notification-1988:")
        .contains("standing as of 2025-12-01T00:00:00Z: in force")
        .contains("exchanged by RU: 2 launch-notification")
        .contains("exchanged by US: 1 launch-notification")
        .containsPattern("met +launch-notification deadline +twenty-four-hours-ahead +US#0 +US"
            + " +due 2025-11-04T07:01:00Z");
    assertThat(parts[3]).startsWith("major-strategic-exercises-1989:")
        .contains("standing as of 2025-12-01T00:00:00Z: in force")
        .doesNotContain("suspended ");
  }

  @Test
  void replaysOneAgreementOfAScenarioAsJson() throws Exception {
    Cli.Result r = Cli.run("agreement", "replay", "--scenario", "us-ru-2023", "--agreement",
        "launch-notification-1988");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.path("agreements").size()).isEqualTo(1);
    JsonNode owed = out.path("agreements").path("launch-notification-1988").path("obligations");
    assertThat(owed.size()).isEqualTo(3);
    owed.forEach(o -> assertThat(o.path("status").asText()).isEqualTo("met"));
  }

  @Test
  void aScenarioDirectoryIsReadLikeTheBundledOnes() throws Exception {
    Path d = Files.createDirectories(dir.resolve("sc"));
    Files.writeString(d.resolve("scenario.yaml"), "id: sc\ntitle: t\nasOf: 2024-12-20T00:00:00Z"
        + "\nagreements: [launch-notification-1988]\n");
    String fields = "'fields': {'missileClass': 'ICBM', 'plannedLaunch': '2024-12-18T12:00:00Z',"
        + " 'launchWindowHours': 4, 'launchArea': {'site': 'Plesetsk'}, 'impactAreas':"
        + " [{'circle': {'center': {'lat': 57.3, 'lon': 161.9}, 'radius': 50, 'unit': 'km'}}]}}";
    Files.writeString(d.resolve("launch-notification-1988.jsonl"), ("{'at':"
        + " '2024-12-17T13:00:00Z', 'party': 'US', 'type': 'launch-notification', " + fields)
        .replace('\'', '"') + "\n");
    Cli.Result r = Cli.run("agreement", "replay", "--scenario", d.toString(), "--format", "text");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("late +launch-notification deadline +"
        + "twenty-four-hours-ahead +US#0 +US +due 2024-12-17T12:00:00Z");
    Cli.Result none = Cli.run("agreement", "replay", "--scenario", "no-such-scenario");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("no bundled scenario of that name");
  }
}
