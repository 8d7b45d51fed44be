package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.Discrepancy.Kind;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.Consent;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.exchange.FebruaryFifth.Sent;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.tlog.merkle.Hash;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 5 February 2026 exchange folded step by step, and every rule's refusal. */
class ExchangeRegimeTest {
  private static FebruaryFifth f;
  private static ExchangeRegime regime;
  private static Exchanges arranged;
  private static Exchanges listed;
  private static final String X = FebruaryFifth.X;

  @BeforeAll
  static void lists() {
    f = new FebruaryFifth(5);
    regime = new ExchangeRegime(FebruaryFifth.PARTICIPANTS);
    arranged = FebruaryFifth.fold(regime, regime.empty(), List.of(FebruaryFifth.arrangement()));
    listed = FebruaryFifth.fold(regime, arranged, f.listSteps());
  }

  private static ListMatch match(Exchanges s, String requester, String category) {
    return FebruaryFifth.of(s).matches().stream()
        .filter(m -> m.requested().party().equals(requester)
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
    assertThat(FebruaryFifth.of(listed).crossCategory()).contains(new CrossMatch(
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
    ExchangeState s = FebruaryFifth.of(FebruaryFifth.fold(regime, regime.empty(), f.all()));
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
    Exchanges s = FebruaryFifth.fold(regime, listed, f.consents());
    s = FebruaryFifth.fold(regime, s, f.reports().subList(0, 1)); // RU: 157 + 3 received
    Outcome<Exchanges> ua = regime.apply(s, f.reports().get(1).step(900));
    assertThat(ua.accepted()).isTrue();
    Outcome<Exchanges> uae = regime.apply(next(ua), f.reports().get(2).step(901));
    assertThat(uae.accepted()).isTrue();
    assertThat(FebruaryFifth.of(next(uae)).stage(1).discrepancies()).hasSize(3);
  }

  @Test
  void woundedPrisonerWithoutConsentIsRefusedAndNothingChanges() {
    Sent all = f.handovers().get(0);
    Refusal r = refusal(listed, all);
    assertThat(r.rule()).isEqualTo(Rule.CONSENT_MISSING.id(ExchangeRegime.ID));
    assertThat(r.reason()).contains("GC III Art. 109").contains("ICRC");
    assertThat(FebruaryFifth.of(listed).handovers()).isEmpty();
    // the healthy ones alone may go
    PrivateList wounded = f.list("RU", ListKind.HELD, "wounded-sick");
    List<Blinded> woundedPersons = wounded.commitment().entries().stream()
        .map(ListEntry::blinded).toList();
    List<Hash> healthy = f.list("RU", ListKind.HELD, "military").commitment().entries().stream()
        .filter(e -> !woundedPersons.contains(e.blinded())).map(ListEntry::commitment).toList();
    assertThat(healthy).hasSize(145);
    assertThat(regime.apply(listed, new Sent("RU", new HandOver(X, 1, healthy)).step(902))
        .accepted()).isTrue();
  }

  @Test
  void aRefusalToReturnIsRecordedAndBlocksThatHandover() {
    ListCommitment wounded = f.list("RU", ListKind.HELD, "wounded-sick").commitment();
    ListEntry refuser = wounded.entries().get(3);
    Exchanges s = FebruaryFifth.fold(regime, listed, f.consents());
    s = FebruaryFifth.fold(regime, s, List.of(new Sent("ICRC", new AttestConsent(X,
        wounded.id(), refuser.commitment(), Consent.REFUSES))));
    assertThat(FebruaryFifth.of(s).consent(refuser.commitment())).contains(Consent.REFUSES);
    assertThat(reason(s, f.handovers().get(0))).isEqualTo(Rule.CONSENT_REFUSED);
    assertThat(FebruaryFifth.of(s).attestations()).hasSize(18);
  }

  @Test
  void aPersonIsHandedOverOnce() {
    Exchanges s = FebruaryFifth.fold(regime, listed, f.consents());
    s = FebruaryFifth.fold(regime, s, f.handovers().subList(0, 1));
    // the same person through his wounded-or-sick entry
    Hash again = f.list("RU", ListKind.HELD, "wounded-sick").commitment().entries().get(0)
        .commitment();
    assertThat(reason(s, new Sent("RU", new HandOver(X, 1, List.of(again)))))
        .isEqualTo(Rule.ALREADY_HANDED_OVER);
  }

  @Test
  void eachRoleSendsOnlyItsOwnSteps() {
    ListCommitment uaList = f.list("UA", ListKind.REQUESTED, "military").commitment();
    Hash entry = f.list("RU", ListKind.HELD, "wounded-sick").commitment().entries().get(0)
        .commitment();
    ListId wounded = new ListId("RU", ListKind.HELD, "wounded-sick");
    Exchanges empty = arranged;
    assertThat(reason(empty, new Sent("RU", new CommitList(uaList))))
        .isEqualTo(Rule.WRONG_SENDER);
    assertThat(reason(empty, new Sent("UAE", new CommitList(uaList))))
        .isEqualTo(Rule.WRONG_SENDER);
    assertThat(reason(listed, new Sent("UAE", new AttestConsent(X, wounded, entry,
        Consent.CONSENTS)))).isEqualTo(Rule.WRONG_SENDER);
    assertThat(reason(listed, new Sent("RU", new AttestStage(X, 1, Map.of()))))
        .isEqualTo(Rule.WRONG_SENDER);
    assertThat(reason(listed, new Sent("ICRC", new ReportCounts(X, 1,
        Counts.total(1), null)))).isEqualTo(Rule.WRONG_SENDER);
    assertThat(reason(listed, new Sent("UA", new Reblind(X, uaList.id(), uaList.root(),
        List.of())))).isEqualTo(Rule.WRONG_SENDER);
    assertThat(reason(listed, new Sent("UA", new HandOver(X, 1, List.of(entry)))))
        .isEqualTo(Rule.NOT_ON_LIST);
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
    Exchanges empty = arranged;
    assertThat(reason(empty, new Sent("UA", new CommitList(forged))))
        .isEqualTo(Rule.MALFORMED);
    assertThat(reason(empty, new Sent("UA", new CommitList(otherExchange))))
        .isEqualTo(Rule.WRONG_EXCHANGE);
    assertThat(reason(empty, new Sent("UA", new CommitList(noCategory))))
        .isEqualTo(Rule.UNKNOWN_CATEGORY);
    assertThat(reason(listed, new Sent("UA", new CommitList(uaList))))
        .isEqualTo(Rule.DUPLICATE);
    assertThat(reason(listed, new Sent("RU", new Reblind(X, uaList.id(), uaList.root(),
        List.of())))).isEqualTo(Rule.DUPLICATE);
    Exchanges one = FebruaryFifth.fold(regime, empty, List.of(new Sent("UA",
        new CommitList(uaList))));
    assertThat(reason(one, new Sent("RU", new Reblind(X, uaList.id(), uaList.root(),
        List.of())))).isEqualTo(Rule.SIZE_MISMATCH);
    assertThat(reason(one, new Sent("RU", new Reblind(X, uaList.id(),
        Hash.fromHex("00".repeat(32)), List.of())))).isEqualTo(Rule.UNKNOWN_LIST);
    assertThat(reason(listed, new Sent("RU", new ReportCounts(X, 2, Counts.total(1),
        null)))).isEqualTo(Rule.UNKNOWN_STAGE);
    assertThat(reason(listed, new Sent("RU", new ReportCounts(X, 1,
        new Counts(Map.of("military", 157, "civilian", 3), 157), null))))
        .isEqualTo(Rule.MALFORMED);
  }

  @Test
  void pendingSaysWhoOwesWhat() {
    ExchangeState committed = FebruaryFifth.of(FebruaryFifth.fold(regime, arranged,
        f.listSteps().subList(0, 11)));
    assertThat(committed.pending()).contains(new Pending("UA", Pending.What.BLIND_LIST,
        new ListId("RU", ListKind.HELD, "military"), 1));
    assertThat(FebruaryFifth.of(listed).pending()).containsExactlyInAnyOrder(
        new Pending("ICRC", Pending.What.ATTEST_CONSENT,
            new ListId("RU", ListKind.HELD, "wounded-sick"), 12),
        new Pending("ICRC", Pending.What.ATTEST_CONSENT,
            new ListId("UA", ListKind.HELD, "wounded-sick"), 5));
  }

  private static Rule reason(Exchanges s, Sent step) {
    Refusal r = refusal(s, step);
    return Arrays.stream(Rule.values()).filter(x -> x.id(ExchangeRegime.ID).equals(r.rule()))
        .findFirst().orElseThrow();
  }

  /** The refusal of {@code step} in {@code s}; the exchanges stay as they were. */
  private static Refusal refusal(Exchanges s, Sent step) {
    Outcome<Exchanges> o = regime.apply(s, step.step(999));
    assertThat(o).as(step.message().type()).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused<Exchanges>) o).refusal();
  }

  private static Exchanges next(Outcome<Exchanges> o) {
    return ((Outcome.Next<Exchanges>) o).state();
  }
}
