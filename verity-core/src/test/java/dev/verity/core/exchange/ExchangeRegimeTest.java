package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.Discrepancy.Kind;
import dev.verity.core.exchange.ExchangeRefusal.Reason;
import dev.verity.core.exchange.ExchangeStep.AttestConsent;
import dev.verity.core.exchange.ExchangeStep.AttestStage;
import dev.verity.core.exchange.ExchangeStep.CommitList;
import dev.verity.core.exchange.ExchangeStep.Consent;
import dev.verity.core.exchange.ExchangeStep.HandOver;
import dev.verity.core.exchange.ExchangeStep.Reblind;
import dev.verity.core.exchange.ExchangeStep.ReportCounts;
import dev.verity.tlog.merkle.Hash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 5 February 2026 exchange folded step by step, and every rule's refusal. */
class ExchangeRegimeTest {
  private static FebruaryFifth f;
  private static ExchangeRegime regime;
  private static ExchangeState listed;

  @BeforeAll
  static void lists() {
    f = new FebruaryFifth(5);
    regime = new ExchangeRegime(FebruaryFifth.ARRANGEMENT);
    listed = FebruaryFifth.fold(regime, regime.empty(), f.listSteps());
  }

  private static ListMatch match(ExchangeState s, String requester, String category) {
    return s.matches().stream().filter(m -> m.requested().party().equals(requester)
        && m.requested().category().equals(category)).findFirst().orElseThrow();
  }

  @Test
  void listsOf157MatchAcrossScriptsAndRomanisations() {
    // Ukraine's requests in Ukrainian Cyrillic against Russia's held list in ICAO 9303 Latin
    ListMatch military = match(listed, "UA", "military");
    assertThat(military.requestedCount()).isEqualTo(150);
    assertThat(military.heldCount()).isEqualTo(157);
    assertThat(military.matchedRequested()).isEqualTo(150);
    assertThat(military.onlyRequested()).isEmpty();
    assertThat(military.onlyHeld()).hasSize(7);
    ListMatch civilian = match(listed, "UA", "civilian");
    assertThat(civilian.matchedRequested()).isZero();
    assertThat(civilian.onlyRequested()).hasSize(7);
    assertThat(match(listed, "UA", "wounded-sick").matchedRequested()).isEqualTo(12);
    // Russia's requests in Russian Cyrillic against Ukraine's held lists in KMU 2010 Latin
    assertThat(match(listed, "RU", "military").matchedRequested()).isEqualTo(157);
    assertThat(match(listed, "RU", "civilian").matchedRequested()).isEqualTo(3);
  }

  @Test
  void theSevenCountedAsCiviliansByOneSideAreMilitaryOnTheOther() {
    assertThat(listed.crossCategory()).contains(new CrossMatch(
        new ListId("UA", ListKind.REQUESTED, "civilian"),
        new ListId("RU", ListKind.HELD, "military"), 7));
    // and the 7 only on Russia's military list are exactly those persons
    ListMatch military = match(listed, "UA", "military");
    PrivateList ruHeld = f.list("RU", ListKind.HELD, "military");
    List<MatchKey> only = military.onlyHeld().stream()
        .map(c -> MatchKey.of(ruHeld.persons().get(ruHeld.indexOf(c)))).toList();
    List<MatchKey> civilians = f.list("UA", ListKind.REQUESTED, "civilian").persons().stream()
        .map(MatchKey::of).toList();
    assertThat(only).containsExactlyInAnyOrderElementsOf(civilians);
  }

  @Test
  void wholeStageSignedByAllThreeWithDiscrepanciesNamedPerCategory() {
    ExchangeState s = FebruaryFifth.fold(regime, regime.empty(), f.all());
    StageRecord stage = s.stage(1);
    assertThat(stage.signedBy()).containsExactlyInAnyOrder("RU", "UA", "UAE");
    assertThat(stage.discrepancies()).extracting(Discrepancy::words).containsExactly(
        "civilian from RU to UA: RU handed no figure, UA received 7",
        "military from RU to UA: RU handed 157, UA received 150",
        "total from UA to RU: RU received 160, UAE attests 157");
    assertThat(stage.discrepancies()).extracting(Discrepancy::kind)
        .containsExactly(Kind.NOT_REPORTED, Kind.MISMATCH, Kind.MISMATCH);
    assertThat(s.handovers()).hasSize(2);
  }

  @Test
  void aDiscrepancyDoesNotBlockTheOtherSignatures() {
    ExchangeState s = FebruaryFifth.fold(regime, listed, f.consents());
    s = FebruaryFifth.fold(regime, s, f.reports().subList(0, 1)); // RU: 157 + 3 received
    ExchangeOutcome<ExchangeState> ua = regime.apply(s, f.reports().get(1));
    assertThat(ua.accepted()).isTrue();
    ExchangeOutcome<ExchangeState> uae = regime.apply(ua.state(), f.reports().get(2));
    assertThat(uae.accepted()).isTrue();
    assertThat(uae.state().stage(1).discrepancies()).hasSize(3);
  }

  @Test
  void woundedPrisonerWithoutConsentIsRefusedAndNothingChanges() {
    HandOver all = (HandOver) f.handovers().get(0);
    ExchangeOutcome<ExchangeState> o = regime.apply(listed, all);
    assertThat(o.accepted()).isFalse();
    assertThat(o.refusal().reason()).isEqualTo(Reason.CONSENT_MISSING);
    assertThat(o.refusal().words()).contains("GC III Art. 109").contains("ICRC");
    assertThat(o.state()).isSameAs(listed);
    assertThat(o.state().handovers()).isEmpty();
    // the healthy ones alone may go
    PrivateList wounded = f.list("RU", ListKind.HELD, "wounded-sick");
    List<Blinded> woundedPersons = wounded.commitment().entries().stream()
        .map(ListEntry::blinded).toList();
    List<Hash> healthy = f.list("RU", ListKind.HELD, "military").commitment().entries().stream()
        .filter(e -> !woundedPersons.contains(e.blinded())).map(ListEntry::commitment).toList();
    assertThat(healthy).hasSize(145);
    assertThat(regime.apply(listed, new HandOver("RU", FebruaryFifth.T, 1, healthy)).accepted())
        .isTrue();
  }

  @Test
  void aRefusalToReturnIsRecordedAndBlocksThatHandover() {
    ListCommitment wounded = f.list("RU", ListKind.HELD, "wounded-sick").commitment();
    ListEntry refuser = wounded.entries().get(3);
    ExchangeState s = FebruaryFifth.fold(regime, listed, f.consents());
    s = FebruaryFifth.fold(regime, s, List.of(new AttestConsent("ICRC", FebruaryFifth.T,
        wounded.id(), refuser.commitment(), Consent.REFUSES)));
    assertThat(s.consent(refuser.commitment())).contains(Consent.REFUSES);
    ExchangeOutcome<ExchangeState> o = regime.apply(s, f.handovers().get(0));
    assertThat(o.refusal().reason()).isEqualTo(Reason.CONSENT_REFUSED);
    assertThat(o.state()).isSameAs(s);
    assertThat(s.attestations()).hasSize(18);
  }

  @Test
  void aPersonIsHandedOverOnce() {
    ExchangeState s = FebruaryFifth.fold(regime, listed, f.consents());
    s = FebruaryFifth.fold(regime, s, f.handovers().subList(0, 1));
    // the same person through his wounded-or-sick entry
    Hash again = f.list("RU", ListKind.HELD, "wounded-sick").commitment().entries().get(0)
        .commitment();
    ExchangeOutcome<ExchangeState> o = regime.apply(s, new HandOver("RU", FebruaryFifth.T, 1,
        List.of(again)));
    assertThat(o.refusal().reason()).isEqualTo(Reason.ALREADY_HANDED_OVER);
  }

  @Test
  void eachRoleSendsOnlyItsOwnSteps() {
    ListCommitment uaList = f.list("UA", ListKind.REQUESTED, "military").commitment();
    Hash entry = f.list("RU", ListKind.HELD, "wounded-sick").commitment().entries().get(0)
        .commitment();
    ListId wounded = new ListId("RU", ListKind.HELD, "wounded-sick");
    ExchangeState empty = regime.empty();
    assertThat(reason(empty, new CommitList("RU", FebruaryFifth.T, uaList)))
        .isEqualTo(Reason.WRONG_SENDER);
    assertThat(reason(empty, new CommitList("UAE", FebruaryFifth.T, uaList)))
        .isEqualTo(Reason.WRONG_SENDER);
    assertThat(reason(listed, new AttestConsent("UAE", FebruaryFifth.T, wounded, entry,
        Consent.CONSENTS))).isEqualTo(Reason.WRONG_SENDER);
    assertThat(reason(listed, new AttestStage("RU", FebruaryFifth.T, 1, Map.of())))
        .isEqualTo(Reason.WRONG_SENDER);
    assertThat(reason(listed, new ReportCounts("ICRC", FebruaryFifth.T, 1,
        Counts.total(1), null))).isEqualTo(Reason.WRONG_SENDER);
    assertThat(reason(listed, new Reblind("UA", FebruaryFifth.T, uaList.id(), uaList.root(),
        List.of()))).isEqualTo(Reason.WRONG_SENDER);
    assertThat(reason(listed, new HandOver("UA", FebruaryFifth.T, 1, List.of(entry))))
        .isEqualTo(Reason.NOT_ON_LIST);
  }

  @Test
  void malformedAndRepeatedStepsAreRefused() {
    ListCommitment uaList = f.list("UA", ListKind.REQUESTED, "military").commitment();
    ListCommitment forged = new ListCommitment(uaList.exchange(), "UA", ListKind.REQUESTED,
        "aged-18-25", f.list("UA", ListKind.REQUESTED, "civilian").commitment().root(),
        uaList.entries());
    ListCommitment otherExchange = ListCommitment.of("another", "UA", ListKind.REQUESTED,
        "military", uaList.entries());
    ListCommitment noCategory = ListCommitment.of(FebruaryFifth.X, "UA", ListKind.REQUESTED,
        "pilots", uaList.entries());
    ExchangeState empty = regime.empty();
    assertThat(reason(empty, new CommitList("UA", FebruaryFifth.T, forged)))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(empty, new CommitList("UA", FebruaryFifth.T, otherExchange)))
        .isEqualTo(Reason.WRONG_EXCHANGE);
    assertThat(reason(empty, new CommitList("UA", FebruaryFifth.T, noCategory)))
        .isEqualTo(Reason.UNKNOWN_CATEGORY);
    assertThat(reason(listed, new CommitList("UA", FebruaryFifth.T, uaList)))
        .isEqualTo(Reason.DUPLICATE);
    assertThat(reason(listed, new Reblind("RU", FebruaryFifth.T, uaList.id(), uaList.root(),
        List.of()))).isEqualTo(Reason.DUPLICATE);
    ExchangeState one = FebruaryFifth.fold(regime, empty, List.of(new CommitList("UA",
        FebruaryFifth.T, uaList)));
    assertThat(reason(one, new Reblind("RU", FebruaryFifth.T, uaList.id(), uaList.root(),
        List.of()))).isEqualTo(Reason.SIZE_MISMATCH);
    assertThat(reason(one, new Reblind("RU", FebruaryFifth.T, uaList.id(),
        Hash.fromHex("00".repeat(32)), List.of()))).isEqualTo(Reason.UNKNOWN_LIST);
    assertThat(reason(listed, new ReportCounts("RU", FebruaryFifth.T, 2, Counts.total(1),
        null))).isEqualTo(Reason.UNKNOWN_STAGE);
    assertThat(reason(listed, new ReportCounts("RU", FebruaryFifth.T, 1,
        new Counts(Map.of("military", 157, "civilian", 3), 157), null)))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void pendingSaysWhoOwesWhat() {
    ExchangeState committed = FebruaryFifth.fold(regime, regime.empty(),
        f.listSteps().subList(0, 11));
    assertThat(committed.pending()).contains(new Pending("UA", Pending.What.BLIND_LIST,
        new ListId("RU", ListKind.HELD, "military"), 1));
    assertThat(listed.pending()).containsExactlyInAnyOrder(
        new Pending("ICRC", Pending.What.ATTEST_CONSENT,
            new ListId("RU", ListKind.HELD, "wounded-sick"), 12),
        new Pending("ICRC", Pending.What.ATTEST_CONSENT,
            new ListId("UA", ListKind.HELD, "wounded-sick"), 5));
  }

  private static Reason reason(ExchangeState s, ExchangeStep step) {
    ExchangeOutcome<ExchangeState> o = regime.apply(s, step);
    assertThat(o.accepted()).as(step.type()).isFalse();
    assertThat(o.state()).isSameAs(s);
    return o.refusal().reason();
  }
}
