package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Party;
import dev.verity.core.ceasefire.Action.Countersign;
import dev.verity.core.ceasefire.CommitmentRecord.Status;
import dev.verity.core.regime.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Countersignature of the exact terms, and the standing of claims against the agreed dates. The
 * fixture is the 2025 energy moratorium (domain file §A4): Russia dated it from 18 March, Ukraine
 * from 25 March [a35][a44c], 30 days [a36], five object categories [a35].
 */
class CommitmentTest {
  static final Instant MAR18 = Instant.parse("2025-03-18T00:00:00Z");
  static final Instant APR17 = Instant.parse("2025-04-17T00:00:00Z");
  static final List<String> FIVE = List.of("oil-refinery", "oil-gas-pipeline-storage",
      "electricity-generation-transmission", "nuclear-power-plant", "hydroelectric-dam");
  static final Commitment MORATORIUM = new Commitment("energy-moratorium-2025",
      "no strikes on energy infrastructure", List.of(), FIVE, MAR18, APR17, true, null);

  final Registers reg = Registers.four();

  static Instant t(String s) {
    return Instant.parse(s);
  }

  Observation strike(String object, String by, Instant at) {
    return seen(MORATORIUM.id(), "kherson", "protected-object-strike", 1, at)
        .protectedObject(object).attributedTo(by).build();
  }

  @Test
  void takesEffectOnlyWhenEveryParticipantCountersigned() {
    reg.ok("RU", t("2025-03-18T12:00:00Z"), MORATORIUM)
        .ok("US", t("2025-03-18T13:00:00Z"), new Countersign(MORATORIUM.id(),
            MORATORIUM.termsHash()))
        .ok("SMM", t("2025-03-19T09:00:00Z"), new Countersign(MORATORIUM.id(),
            MORATORIUM.termsHash()));
    CommitmentRecord c = reg.register.commitment(MORATORIUM.id()).orElseThrow();
    assertThat(c.status(t("2025-03-20T00:00:00Z"))).isEqualTo(Status.PROPOSED);
    assertThat(c.awaiting(Registers.FOUR)).containsExactly("UA");
    assertThat(c.inForceFrom()).isNull();

    reg.ok("UA", t("2025-03-25T10:00:00Z"), new Countersign(MORATORIUM.id(),
        MORATORIUM.termsHash()));
    c = reg.register.commitment(MORATORIUM.id()).orElseThrow();
    // not retroactive: in force from the last countersignature, not from the agreed 18 March
    assertThat(c.inForceFrom()).isEqualTo(t("2025-03-25T10:00:00Z"));
    assertThat(c.status(t("2025-03-25T10:00:00Z"))).isEqualTo(Status.IN_FORCE);
    assertThat(c.status(APR17)).isEqualTo(Status.EXPIRED);
  }

  @Test
  void aCountersignatureOfOtherTermsIsRefusedAndChangesNothing() {
    reg.ok("RU", t("2025-03-18T12:00:00Z"), MORATORIUM);
    Commitment ukrainian = new Commitment(MORATORIUM.id(), MORATORIUM.scope(), List.of(), FIVE,
        t("2025-03-25T00:00:00Z"), APR17, true, null);
    Refusal r = reg.refused("UA", t("2025-03-25T10:00:00Z"),
        new Countersign(MORATORIUM.id(), ukrainian.termsHash()), Rule.TERMS_MISMATCH);
    assertThat(r.reason()).contains(ukrainian.termsHash()).contains(MORATORIUM.termsHash());
    assertThat(ukrainian.termsHash()).isNotEqualTo(MORATORIUM.termsHash());
  }

  @Test
  void aClaimForAnEventBeforeTheCommitmentTookEffectIsMarkedNotCounted() {
    reg.ok("RU", t("2025-03-18T12:00:00Z"), MORATORIUM);
    // filed while Ukraine has not countersigned: necessarily before the start
    reg.file("RU", t("2025-03-20T08:00:00Z"), "ru-1",
        strike("oil-refinery", "UA", t("2025-03-19T22:00:00Z")));
    for (String p : List.of("UA", "US", "SMM")) {
      reg.ok(p, t("2025-03-25T10:00:00Z"), new Countersign(MORATORIUM.id(),
          MORATORIUM.termsHash()));
    }
    reg.file("UA", t("2025-03-26T06:00:00Z"), "ua-1",
        strike("electricity-generation-transmission", "RU", t("2025-03-24T23:00:00Z")));
    reg.file("UA", t("2025-03-26T07:00:00Z"), "ua-2",
        strike("electricity-generation-transmission", "RU", t("2025-03-26T02:00:00Z")));

    assertThat(reg.register.claim("ru-1").orElseThrow().standing())
        .isEqualTo(Standing.BEFORE_START);
    assertThat(reg.register.claim("ua-1").orElseThrow().standing())
        .isEqualTo(Standing.BEFORE_START);
    assertThat(reg.register.claim("ua-2").orElseThrow().standing()).isEqualTo(Standing.COUNTED);

    DailyReport r = reg.register.dailyReport(MORATORIUM.id(), LocalDate.of(2025, 3, 26))
        .orElseThrow();
    RegionFigures kherson = r.source("UA").orElseThrow().period().region("kherson");
    assertThat(kherson.category("protected-object-strike")).isEqualTo(1);
    assertThat(r.source("UA").orElseThrow().cumulative().region("kherson")
        .category("protected-object-strike")).isEqualTo(1);
    assertThat(r.source("RU").orElseThrow().cumulative().regions()).isEmpty();
    // marked claims stay visible in the register
    assertThat(reg.register.page(RegisterQuery.builder()
        .standing(Standing.BEFORE_START).build()).claims())
        .extracting(ClaimRecord::id).containsExactly("ua-1", "ru-1");
  }

  @Test
  void noReportBeforeTheCommitmentTookEffect() {
    reg.inForce(MORATORIUM, "RU", t("2025-03-25T10:00:00Z"));
    assertThat(reg.register.dailyReport(MORATORIUM.id(), LocalDate.of(2025, 3, 24))).isEmpty();
    DailyReport first = reg.register.dailyReport(MORATORIUM.id(), LocalDate.of(2025, 3, 25))
        .orElseThrow();
    assertThat(first.number()).isEqualTo(1);
    assertThat(reg.register.dailyReport(MORATORIUM.id(), LocalDate.of(2025, 3, 31))
        .orElseThrow().number()).isEqualTo(6); // 29 March, a Saturday, has no report of its own
    // the report of 17 April still covers the last hours before the agreed end (00:00 UTC)
    assertThat(reg.register.dailyReport(MORATORIUM.id(), LocalDate.of(2025, 4, 17))).isPresent();
    assertThat(reg.register.dailyReport(MORATORIUM.id(), LocalDate.of(2025, 4, 18))).isEmpty();
  }

  @Test
  void claimsAfterTheEndOrOutsideTheScopeAreMarked() {
    Commitment power = new Commitment("power-only", "no strikes on power", List.of("kherson"),
        List.of("electricity-generation-transmission"), MAR18, APR17, false, null);
    reg.inForce(power, "UA", t("2025-03-18T00:00:00Z"));
    Observation refinery = seen(power.id(), "kherson", "protected-object-strike", 1,
        t("2025-03-20T00:00:00Z")).protectedObject("oil-refinery").build();
    Observation elsewhere = seen(power.id(), "odesa", "protected-object-strike", 1,
        t("2025-03-20T00:00:00Z")).protectedObject("electricity-generation-transmission").build();
    Observation late = seen(power.id(), "kherson", "explosion", 2, APR17).build();
    reg.file("UA", t("2025-03-21T00:00:00Z"), "a", refinery)
        .file("UA", t("2025-03-21T00:00:00Z"), "b", elsewhere)
        .file("UA", t("2025-04-18T00:00:00Z"), "c", late);
    assertThat(List.of("a", "b", "c")).map(id -> reg.register.claim(id).orElseThrow().standing())
        .containsExactly(Standing.OUT_OF_SCOPE, Standing.OUT_OF_SCOPE, Standing.AFTER_END);
  }

  @Test
  void refusals() {
    Registers withObserver = new Registers(List.of(Party.of("UA", Party.PARTY),
        Party.of("RU", Party.PARTY), Party.of("UN", Party.OBSERVER)), List.of(),
        Vocabulary.standard(), ReportSchedule.SMM);
    withObserver.refused("UN", MAR18, MORATORIUM, Rule.WRONG_SENDER);
    withObserver.ok("UA", MAR18, MORATORIUM);
    withObserver.refused("UN", MAR18, new Countersign(MORATORIUM.id(), MORATORIUM.termsHash()),
        Rule.WRONG_SENDER);
    withObserver.refused("UA", MAR18, new Countersign(MORATORIUM.id(), MORATORIUM.termsHash()),
        Rule.DUPLICATE);
    withObserver.refused("RU", APR17, new Countersign(MORATORIUM.id(), MORATORIUM.termsHash()),
        Rule.EXPIRED);
    withObserver.refused("RU", MAR18, new Countersign("nothing", MORATORIUM.termsHash()),
        Rule.UNKNOWN_COMMITMENT);
    withObserver.refused("XX", MAR18, new Countersign(MORATORIUM.id(), MORATORIUM.termsHash()),
        Rule.UNKNOWN_PARTICIPANT);
    withObserver.refused("RU", MAR18.minusSeconds(1),
        new Countersign(MORATORIUM.id(), MORATORIUM.termsHash()), Rule.OUT_OF_ORDER);
    Commitment backwards = new Commitment("b", "", List.of(), List.of(), APR17, MAR18, false, null);
    withObserver.refused("UA", MAR18, backwards, Rule.MALFORMED);
    Commitment unknown = new Commitment("u", "", List.of("atlantis"), List.of(), MAR18, null,
        false, null);
    withObserver.refused("UA", MAR18, unknown, Rule.NOT_IN_VOCABULARY);
  }

  @Test
  void theTermsHashCoversEveryTerm() {
    String h = MORATORIUM.termsHash();
    assertThat(h).hasSize(64).isEqualTo(MORATORIUM.termsHash());
    Commitment noRelease = new Commitment(MORATORIUM.id(), MORATORIUM.scope(), List.of(), FIVE,
        MAR18, APR17, false, null);
    Commitment fewer = new Commitment(MORATORIUM.id(), MORATORIUM.scope(), List.of(),
        FIVE.subList(0, 4), MAR18, APR17, true, null);
    Commitment open = new Commitment(MORATORIUM.id(), MORATORIUM.scope(), List.of(), FIVE,
        MAR18, null, true, null);
    assertThat(List.of(noRelease, fewer, open)).map(Commitment::termsHash).doesNotContain(h)
        .doesNotHaveDuplicates();
  }
}
