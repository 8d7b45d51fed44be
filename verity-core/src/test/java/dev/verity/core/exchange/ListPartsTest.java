package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeView.ListView;
import dev.verity.core.exchange.FebruaryFifth.Sent;
import dev.verity.core.exchange.ListParts.Split;
import dev.verity.core.exchange.Pending.What;
import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Outcome.Refused;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Evaluator;
import dev.verity.tlog.merkle.Hash;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists of 2,000 persons committed in parts of 256 (a log entry holds about 480): the part
 * roots give the list's root, the parts assemble in any order into the list committed, the lists
 * match once complete, and a part missing, sent twice, out of range or tampered with is named.
 */
class ListPartsTest {
  private static final String X = FebruaryFifth.X;
  private static ExchangeRegime regime;
  private static Exchanges arranged;
  private static PrivateList requested;
  private static PrivateList held;
  private static Split ua;
  private static Split ru;
  private static int expected;
  private static BlindingKey uaKey;
  private static BlindingKey ruKey;

  @BeforeAll
  static void lists() {
    List<Person> all = SyntheticPersons.generate(2_200, 1.0, 16).persons();
    List<PersonRecord> r = new ArrayList<>();
    List<PersonRecord> h = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      r.add(all.get(i).in(Spelling.UA_CYRILLIC));
      h.add(all.get(200 + i).in(Spelling.RU_LATIN_ICAO_9303)); // 1,800 the same persons
    }
    Collections.shuffle(h, new Random(16));
    SecureRandom random = new SecureRandom();
    uaKey = BlindingKey.generate(random);
    ruKey = BlindingKey.generate(random);
    requested = PrivateList.build(X, "UA", ListKind.REQUESTED, "military", r, uaKey, random);
    held = PrivateList.build(X, "RU", ListKind.HELD, "military", h, ruKey, random);
    ua = ListParts.split(requested.commitment());
    ru = ListParts.split(held.commitment());
    regime = new ExchangeRegime(FebruaryFifth.PARTICIPANTS);
    arranged = FebruaryFifth.fold(regime, regime.empty(), List.of(FebruaryFifth.arrangement()));
    // the same persons whose two spellings fold to one key (99 % across the languages)
    Set<MatchKey> heldKeys = new HashSet<>();
    h.forEach(x -> heldKeys.add(MatchKey.of(x)));
    expected = (int) r.stream().filter(x -> heldKeys.contains(MatchKey.of(x))).count();
  }

  @Test
  void thePartRootsGiveTheListsRootAndEachPartFitsInAnEntry() {
    assertThat(ua.parts()).hasSize(8);
    assertThat(ua.declaration().root()).isEqualTo(requested.commitment().root());
    assertThat(ListParts.root(ua.declaration().parts())).isEqualTo(ua.declaration().root());
    assertThat(ua.parts().get(7).entries()).hasSize(2_000 - 7 * 256);
    for (int n : new int[] {1, 255, 256, 257, 511, 512, 513, 1_000, 4_097}) {
      List<ListEntry> e = requested.commitment().entries().subList(0, Math.min(n, 2_000));
      if (n > 2_000) {
        e = new ArrayList<>(e);
        while (e.size() < n) {
          e.addAll(requested.commitment().entries().subList(0, Math.min(2_000, n - e.size())));
        }
      }
      assertThat(ListParts.root(ListParts.partRoots(e))).as("%d entries", n)
          .isEqualTo(ListCommitment.of(X, "UA", ListKind.REQUESTED, "military", e).root());
    }
    for (ListPart p : ua.parts()) {
      assertThat(ExchangeJson.write(p).length).isLessThan(40_000);
    }
    List<Hash> most = Collections.nCopies(ListParts.MAX_PARTS, ua.declaration().root());
    DeclareList largest = new DeclareList(X, "UA", ListKind.REQUESTED, "military",
        ListParts.MAX_PERSONS, ListParts.root(most), most);
    assertThat(ExchangeJson.write(largest).length).isLessThan(63_000);
  }

  @Test
  void partsInAnyOrderAssembleTheListAndBothListsMatch() {
    List<Sent> steps = new ArrayList<>(List.of(new Sent("UA", ua.declaration()),
        new Sent("RU", ru.declaration())));
    List<Sent> parts = new ArrayList<>();
    ua.parts().forEach(p -> parts.add(new Sent("UA", p)));
    ru.parts().forEach(p -> parts.add(new Sent("RU", p)));
    Collections.shuffle(parts, new Random(3));
    steps.addAll(parts);
    Exchanges s = FebruaryFifth.fold(regime, arranged, steps);
    ExchangeState x = FebruaryFifth.of(s);
    assertThat(x.list(requested.commitment().id())).contains(requested.commitment());
    assertThat(x.list(held.commitment().id())).contains(held.commitment());
    assertThat(ExchangeView.of(x).lists()).allMatch(l -> l.complete() && l.parts() == 8);
    Exchanges blinded = FebruaryFifth.fold(regime, s, reblindParts());
    ListMatch m = FebruaryFifth.of(blinded).matches().get(0);
    assertThat(m.requestedCount()).isEqualTo(2_000);
    assertThat(m.matchedRequested()).isEqualTo(expected);
    assertThat(expected).isGreaterThan(1_750);
    assertThat(m.onlyHeld()).hasSize(2_000 - m.matchedHeld());
    assertThat(m.onlyRequested()).hasSize(2_000 - expected);
    assertThat(FebruaryFifth.of(blinded).pending()).noneMatch(p -> p.list().kind()
        == ListKind.REQUESTED && p.what() == What.BLIND_LIST);
  }

  /** Each Party blinds the other's list part by part, as {@code verity exchange match} does. */
  private static List<Sent> reblindParts() {
    List<Sent> out = new ArrayList<>();
    out.addAll(parts("RU", requested.commitment(), ruKey));
    out.addAll(parts("UA", held.commitment(), uaKey));
    return out;
  }

  private static List<Sent> parts(String by, ListCommitment c, BlindingKey k) {
    List<Blinded> values = k.reblindAll(c.entries().stream().map(ListEntry::blinded).toList());
    List<Sent> out = new ArrayList<>();
    for (int p = 1; p <= ListParts.partsFor(c.count()); p++) {
      out.add(new Sent(by, new Reblind(X, c.id(), c.root(), p,
          ListParts.slice(values, c.count(), p))));
    }
    return out;
  }

  @Test
  void aMissingPartLeavesTheListIncompleteAndNamesThePart() {
    List<Sent> steps = new ArrayList<>(List.of(new Sent("UA", ua.declaration())));
    ua.parts().stream().filter(p -> p.part() != 5).forEach(p -> steps.add(new Sent("UA", p)));
    ExchangeState x = FebruaryFifth.of(FebruaryFifth.fold(regime, arranged, steps));
    assertThat(x.list(requested.commitment().id())).isEmpty();
    ListView v = ExchangeView.of(x).lists().get(0);
    assertThat(v.complete()).isFalse();
    assertThat(v.missingParts()).containsExactly(5);
    assertThat(x.pending()).contains(new Pending("UA", What.LIST_PARTS,
        requested.commitment().id(), 1));
    assertThat(x.matches()).isEmpty();
    ListCommitment c = requested.commitment();
    Refusal r = refusal(FebruaryFifth.fold(regime, arranged, steps), new Sent("RU",
        new Reblind(X, c.id(), c.root(), 1, ListParts.slice(List.copyOf(
            c.entries().stream().map(ListEntry::blinded).toList()), c.count(), 1))));
    assertThat(r.rule()).isEqualTo("exchange/unknown-list");
  }

  @Test
  void aPartSentTwiceOutOfRangeOrTamperedWithIsRefusedAndNamed() {
    Exchanges declared = FebruaryFifth.fold(regime, arranged, List.of(
        new Sent("UA", ua.declaration()), new Sent("UA", ua.parts().get(2))));
    assertThat(refusal(declared, new Sent("UA", ua.parts().get(2))).reason())
        .isEqualTo("part 3 of UA requested military is already in");
    ListPart p = ua.parts().get(3);
    Refusal range = refusal(declared, new Sent("UA", new ListPart(X, p.list(), p.root(), 9,
        p.entries())));
    assertThat(range.rule()).isEqualTo("exchange/unknown-part");
    assertThat(range.reason()).contains("part 9").contains("declared in 8 parts");
    List<ListEntry> tampered = new ArrayList<>(p.entries());
    ListEntry e = tampered.get(17);
    tampered.set(17, new ListEntry(e.commitment(), held.commitment().entries().get(0).blinded()));
    Refusal changed = refusal(declared, new Sent("UA", new ListPart(X, p.list(), p.root(), 4,
        tampered)));
    assertThat(changed.rule()).isEqualTo("exchange/part-mismatch");
    assertThat(changed.reason()).startsWith("part 4 of UA requested military: its entries do"
        + " not hash to the part root declared");
    Refusal shorter = refusal(declared, new Sent("UA", new ListPart(X, p.list(), p.root(), 4,
        p.entries().subList(1, 256))));
    assertThat(shorter.reason()).contains("has 255 entries").contains("256 in that part");
    Refusal sender = refusal(declared, new Sent("RU", p));
    assertThat(sender.rule()).isEqualTo("exchange/wrong-sender");
    Refusal unknown = refusal(declared, new Sent("UA", new ListPart(X, p.list(),
        held.commitment().root(), 4, p.entries())));
    assertThat(unknown.rule()).isEqualTo("exchange/unknown-list");
  }

  @Test
  void aDeclarationWhoseRootOrPartsDoNotAddUpIsRefused() {
    DeclareList d = ua.declaration();
    DeclareList wrongRoot = new DeclareList(X, "UA", d.kind(), d.category(), d.count(),
        held.commitment().root(), d.parts());
    assertThat(refusal(arranged, new Sent("UA", wrongRoot)).reason())
        .contains("not the Merkle root over the 8 part roots");
    DeclareList fewer = new DeclareList(X, "UA", d.kind(), d.category(), d.count(), d.root(),
        d.parts().subList(0, 7));
    assertThat(refusal(arranged, new Sent("UA", fewer)).reason())
        .contains("a list of 2000 is in 8 parts of at most 256, not 7");
    Exchanges once = FebruaryFifth.fold(regime, arranged, List.of(new Sent("UA", d)));
    assertThat(refusal(once, new Sent("UA", d)).rule()).isEqualTo("exchange/duplicate");
    assertThat(refusal(once, new Sent("UA", new ExchangeMessage.CommitList(
        requested.commitment()))).rule()).isEqualTo("exchange/duplicate");
  }

  @Test
  void theDeclarationAndPartsReadBackFromTheirEntries() throws Exception {
    assertThat(ExchangeJson.read(ExchangeJson.write(ua.declaration())))
        .isEqualTo(ua.declaration());
    assertThat(ExchangeJson.read(ExchangeJson.write(ua.parts().get(7))))
        .isEqualTo(ua.parts().get(7));
  }

  @Test
  void theDeclarationPartsAndBlindingPartsPassTheAgreementsSchema() throws Exception {
    Evaluator e = Evaluator.of(AgreementCatalog.get("exchange-ru-ua"));
    ListCommitment c = requested.commitment();
    List<Sent> sent = List.of(new Sent("UA", ua.declaration()), new Sent("UA", ua.parts().get(0)),
        new Sent("RU", new Reblind(X, c.id(), c.root(), 8, ListParts.slice(c.entries().stream()
            .map(ListEntry::blinded).toList(), c.count(), 8))));
    for (Sent s : sent) {
      Step step = s.step(1);
      assertThat(e.check(step.entry(), step.at(), step.type(), step.fields().json()).refusal())
          .as(step.type()).isNull();
    }
  }

  @Test
  void foldingEachPartOnTopOfTheLastFoldGivesWhatFoldingAllAgainGives() throws Exception {
    Evaluator each = Evaluator.of(AgreementCatalog.get("exchange-ru-ua"));
    Evaluator all = Evaluator.of(AgreementCatalog.get("exchange-ru-ua"));
    List<Sent> sent = new ArrayList<>(List.of(FebruaryFifth.arrangement(),
        new Sent("UA", ua.declaration())));
    ua.parts().forEach(p -> sent.add(new Sent("UA", p)));
    sent.add(new Sent("UA", ua.parts().get(2))); // refused: part 3 twice
    sent.add(new Sent("RU", ru.declaration()));
    ru.parts().forEach(p -> sent.add(new Sent("RU", p)));
    List<Step> steps = new ArrayList<>();
    Instant t = FebruaryFifth.T;
    Map<EntryRef, Refusal> incremental = new LinkedHashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      // one step out of time order (the fifth): folded again from the start
      t = i == 5 ? t.minusSeconds(30) : t.plusSeconds(60);
      Sent x = sent.get(i);
      Step s = ExchangeJson.step(new EntryRef(x.party(), i), t, x.message());
      steps.add(each.check(s.entry(), s.at(), s.type(), s.fields().json()).step());
      Step last = steps.get(steps.size() - 1);
      if (each.appends(last)) {
        each.append(last).ifPresent(r -> incremental.put(last.entry(), r));
      } else {
        incremental.clear();
        incremental.putAll(each.fold(steps));
      }
    }
    assertThat(incremental).isEqualTo(all.fold(steps)).hasSize(1);
    assertThat(each.views()).isEqualTo(all.views());
    ExchangeState x = (ExchangeState) each.state(ExchangeRegime.ID, Exchanges.class)
        .orElseThrow().exchange(X).orElseThrow();
    assertThat(x.lists()).hasSize(2);
  }

  private static Refusal refusal(Exchanges s, Sent step) {
    Outcome<Exchanges> o = regime.apply(s, step.step(999_999));
    assertThat(o).as(step.message().type()).isInstanceOf(Refused.class);
    return ((Refused<Exchanges>) o).refusal();
  }
}
