package dev.verity.node.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duty roster file: who is on duty for which level, in which shift, notified where. */
class DutyRosterTest {
  static final String ROSTER = """
      officers:
        - {name: day-do, levels: [duty-officer], shift: "06:00-18:00", notify: [goalert]}
        - {name: night-do, levels: [duty-officer], shift: "18:00-06:00", notify: [goalert, sms]}
        - {name: kvolkov, levels: [watch-commander, duty-officer], notify: [oncall]}
        - {name: gen, levels: [senior-leadership], notify: [mail]}
      """;

  @TempDir Path dir;

  DutyRoster roster(String text) throws Exception {
    Files.writeString(dir.resolve(DutyRoster.FILE), text);
    return DutyRoster.read(dir);
  }

  static Instant at(String hhmm) {
    return Instant.parse("2026-03-14T" + hhmm + ":00Z");
  }

  @Test
  void eachLevelReachesTheOfficersOnDutyThenAndTheirTargets() throws Exception {
    DutyRoster r = roster(ROSTER);
    assertThat(r.onDuty(List.of("duty-officer"), at("07:00")))
        .extracting(DutyRoster.Officer::name).containsExactly("day-do", "kvolkov");
    // a shift past midnight covers both sides of it, and ends where the next begins
    assertThat(r.onDuty(List.of("duty-officer"), at("23:30")))
        .extracting(DutyRoster.Officer::name).containsExactly("night-do", "kvolkov");
    assertThat(r.onDuty(List.of("duty-officer"), at("05:59")))
        .extracting(DutyRoster.Officer::name).containsExactly("night-do", "kvolkov");
    assertThat(r.onDuty(List.of("duty-officer"), at("06:00")))
        .extracting(DutyRoster.Officer::name).containsExactly("day-do", "kvolkov");
    // a wider circle: each target once, in the roster's order
    assertThat(r.targets(List.of("duty-officer", "watch-commander", "senior-leadership"),
        at("02:00"))).containsExactly("goalert", "sms", "oncall", "mail");
    assertThat(r.levelsOf("kvolkov", at("12:00")))
        .containsExactly("watch-commander", "duty-officer");
    assertThat(r.levelsOf("night-do", at("12:00"))).isEmpty();
  }

  @Test
  void theNodeSendsLineTestsOnlyWhenAsked() throws Exception {
    assertThat(roster(ROSTER).sendLineTests()).isFalse();
    assertThat(roster("sendLineTests: true\n" + ROSTER).sendLineTests()).isTrue();
  }

  @Test
  void noFileIsAnEmptyRoster() throws Exception {
    assertThat(DutyRoster.read(dir).officers()).isEmpty();
    assertThat(DutyRoster.read(dir).targets(List.of("duty-officer"), at("12:00"))).isEmpty();
  }

  @Test
  void mistakesNameTheirPlaceAndWhatWasExpected() {
    assertThatThrownBy(() -> roster("officers:\n  - {name: a, levels: [duty-officer],"
        + " shift: '9-17'}\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("officers[0].shift: expected HH:MM-HH:MM in UTC (e.g."
            + " 22:00-06:00), not '9-17'");
    assertThatThrownBy(() -> roster("officers:\n  - {name: a, levels: [duty-officer]}\n"
        + "  - {name: b, level: [x]}\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("officers[1].level: not a field (name, levels, shift, notify)");
    assertThatThrownBy(() -> roster("officers:\n  - {name: 'a b', levels: [x]}\n"))
        .hasMessageEndingWith("officers[0].name: an API token's name (letters, digits, . _ @"
            + " -), not 'a b'");
    assertThatThrownBy(() -> roster("officers:\n  - {name: a, levels: []}\n"))
        .hasMessageEndingWith("officers[0].levels: at least one level, e.g. [duty-officer]");
    assertThatThrownBy(() -> roster("officers:\n  - {name: a, levels: [x],"
        + " shift: '25:00-06:00'}\n")).hasMessageContaining("not '25:00-06:00'");
    assertThatThrownBy(() -> roster("people: []\n"))
        .hasMessageEndingWith("people: not a field (officers, sendLineTests)");
    assertThatThrownBy(() -> roster("sendLineTests: true\n"))
        .hasMessageEndingWith("officers: expected a list of officers");
    assertThatThrownBy(() -> roster("sendLineTests: yes please\nofficers: []\n"))
        .hasMessageEndingWith("sendLineTests: expected true or false");
    assertThatThrownBy(() -> roster("officers: [\n"))
        .hasMessageContaining(DutyRoster.FILE + ": not YAML");
  }
}
