package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import dev.verity.core.talks.Action.AnchorCapitalReport;
import dev.verity.core.talks.RoundRecord.CapitalReportAnchor;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Reports to capitals: the content stays with the delegation; only a salted hash and the time go
 * on the shared log ("report back to their respective capitals" [b24]), so the timing is provable
 * and the content can be shown later by the delegation that holds it.
 */
class CapitalReportTest {
  static final String CONTENT = "Round 2: the military track agreed on a monitoring centre; "
      + "the political track did not meet.";

  @Test
  void onlyTheHashAndTheTimeAreShared() throws Exception {
    TalksFixture f = TalksFixture.load();
    TalksRegime regime = f.regime();
    Talks talks = regime.fold(f.steps());
    CapitalReport report = CapitalReport.of("UA", 2, CONTENT, new SecureRandom());
    Step step = TalksMessages.step(new EntryRef("UA", 99), Instant.parse("2026-02-20T10:00:00Z"),
        new AnchorCapitalReport(2, report.anchor()));
    Outcome<Talks> o = regime.apply(talks, step);
    assertThat(o.accepted()).isTrue();
    Talks after = ((Outcome.Next<Talks>) o).state();
    CapitalReportAnchor a = after.round(2).orElseThrow().capitalReports().get(0);
    assertThat(a).isEqualTo(new CapitalReportAnchor("UA", step.at(), report.anchor()));

    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    String shared = step.fields() + json.writeValueAsString(after.rounds());
    assertThat(shared).contains(report.anchor()).doesNotContain("monitoring centre")
        .doesNotContain(CONTENT);
    assertThat(report.toString()).doesNotContain("monitoring centre");
  }

  @Test
  void theDelegationCanShowWhatItReported() {
    CapitalReport report = CapitalReport.of("RU", 3, CONTENT, new SecureRandom());
    CapitalReport shown = CapitalReport.opened("RU", 3, CONTENT, report.salt());
    assertThat(shown.opens(report.anchor())).isTrue();
    assertThat(CapitalReport.opened("RU", 3, CONTENT + ".", report.salt())
        .opens(report.anchor())).isFalse();
    assertThat(CapitalReport.opened("UA", 3, CONTENT, report.salt()).opens(report.anchor()))
        .isFalse();
    // salted: the same words give another hash, so a short report cannot be guessed
    assertThat(CapitalReport.of("RU", 3, CONTENT, new SecureRandom()).anchor())
        .isNotEqualTo(report.anchor());
  }

  @Test
  void anAnchorIsAHashOnly() throws Exception {
    TalksFixture f = TalksFixture.load();
    TalksRegime regime = f.regime();
    Talks talks = regime.fold(f.steps());
    Outcome<Talks> o = regime.apply(talks, TalksMessages.step(new EntryRef("UA", 99),
        Instant.parse("2026-02-20T10:00:00Z"), new AnchorCapitalReport(2, CONTENT)));
    assertThat(refusal(o).rule()).isEqualTo(Rule.MALFORMED.id());
    Outcome<Talks> host = regime.apply(talks, TalksMessages.step(new EntryRef("UAE", 99),
        Instant.parse("2026-02-20T10:00:00Z"), new AnchorCapitalReport(2, "ab".repeat(32))));
    assertThat(refusal(host).rule()).isEqualTo(Rule.WRONG_SENDER.id());
  }

  private static Refusal refusal(Outcome<Talks> o) {
    assertThat(o).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused<Talks>) o).refusal();
  }
}
