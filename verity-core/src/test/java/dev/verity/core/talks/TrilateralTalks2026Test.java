package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.core.talks.Redline.Change;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three 2026 rounds (Abu Dhabi 23-24 January and 4-5 February, Geneva 17-18 February; domain
 * file §B4, test resource {@code trilateral-talks-2026.yaml}) folded as steps: rosters that change,
 * tracks, sessions in trilateral and bilateral formats, a definition in three versions, action
 * items as obligations, and outputs that link to what they start.
 */
class TrilateralTalks2026Test {
  static TalksFixture fixture;
  static Talks talks;

  @BeforeAll
  static void fold() throws Exception {
    fixture = TalksFixture.load();
    TalksRegime regime = fixture.regime();
    Talks t = regime.empty();
    for (Step s : fixture.steps()) {
      Outcome<Talks> o = regime.apply(t, s);
      assertThat(o).as("%s at %s: %s", s.party(), s.at(), o).isInstanceOf(Outcome.Next.class);
      t = ((Outcome.Next<Talks>) o).state();
    }
    talks = t;
  }

  @Test
  void threeRoundsTwoHosts() {
    assertThat(talks.rounds()).extracting(r -> r.round().venue()).containsExactly(
        "Abu Dhabi, Emirates Palace", "Abu Dhabi", "Geneva, InterContinental");
    assertThat(talks.rounds()).extracting(r -> r.round().host()).containsExactly("UAE", "UAE",
        "CH");
    assertThat(talks.rules().signatories()).containsExactly("US", "RU", "UA");
  }

  @Test
  void rostersChangeOverTime() {
    assertThat(talks.roster("RU", Instant.parse("2026-01-23T10:00:00Z")).orElseThrow().head())
        .isEqualTo("Igor Kostyukov");
    assertThat(talks.roster("RU", Instant.parse("2026-02-17T10:00:00Z")).orElseThrow().head())
        .isEqualTo("Vladimir Medinsky");
    List<String> day1 = names(talks.roster("UA", Instant.parse("2026-01-23T10:00:00Z"))
        .orElseThrow());
    List<String> day2 = names(talks.roster("UA", Instant.parse("2026-01-24T10:00:00Z"))
        .orElseThrow());
    assertThat(day1).doesNotContain("Andrii Hnatov");
    assertThat(day2).contains("Andrii Hnatov", "Vadym Skibitsky");
    assertThat(talks.roster("RU", Instant.parse("2026-01-22T00:00:00Z"))).isEmpty();
    assertThat(talks.rosterHistory("UA")).hasSize(3);
  }

  @Test
  void sessionsInTheFormatsSeen() {
    RoundRecord abuDhabi = talks.round(2).orElseThrow();
    assertThat(abuDhabi.sessions()).extracting(Session::kind).containsExactly(
        Session.Kind.PLENARY, Session.Kind.WORKING_GROUP, Session.Kind.SYNCHRONISATION);
    RoundRecord geneva = talks.round(3).orElseThrow();
    assertThat(geneva.sessions()).extracting(Session::format).containsExactly(
        Session.Format.BILATERAL, Session.Format.TRILATERAL, Session.Format.BILATERAL);
    assertThat(geneva.tracks()).containsOnlyKeys("political", "military");
  }

  @Test
  void aDefinitionInThreeVersionsWithRedlines() {
    TextRecord def = talks.text("def-ceasefire").orElseThrow();
    assertThat(def.versions()).extracting(TextVersion::author).containsExactly("UA", "RU", "US");
    assertThat(def.versions().get(1).redline().changes()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Change.Kind.CHANGED);
      assertThat(c.before()).contains("on land, at sea and in the air");
      assertThat(c.after()).isEqualTo("A cessation of fire along the line of contact.");
    });
    assertThat(def.state(talks.rules().signatories())).isEqualTo(TextRecord.State.DRAFT);
    assertThat(talks.glossary()).isEmpty();
  }

  @Test
  void actionItemsAreObligations() {
    List<Obligation> due = talks.obligations(Instant.parse("2026-02-10T00:00:00Z"));
    assertThat(due).extracting(Obligation::subject, Obligation::status).containsExactly(
        tuple("definitions-ru", Status.LATE),
        tuple("definitions-ua", Status.MET));
    assertThat(due).extracting(Obligation::party, Obligation::type)
        .containsExactly(tuple("RU", "action-item"), tuple("UA", "action-item"));
    assertThat(talks.obligations(Instant.parse("2026-01-30T00:00:00Z")))
        .extracting(Obligation::status)
        .containsExactly(Status.DUE, Status.MET);
  }

  @Test
  void outputsLinkToWhatTheyStart() {
    List<RoundOutput> outputs = talks.round(2).orElseThrow().outputs();
    assertThat(outputs).extracting(RoundOutput::kind, RoundOutput::agreement,
        RoundOutput::subject).containsExactly(
            tuple(RoundOutput.Kind.EXCHANGE, "exchange-ru-ua", "ru-ua-2026-02-05"),
            tuple(RoundOutput.Kind.CEASEFIRE_ARRANGEMENT,
                "ceasefire-monitoring", "ceasefire-2026"));
  }

  private static List<String> names(DelegationRoster r) {
    return r.members().stream().map(DelegationRoster.Member::name).toList();
  }
}
