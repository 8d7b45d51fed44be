package dev.verity.core.exchange;

import dev.verity.core.agreement.Party;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ExchangeMessage.Consent;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.tlog.merkle.Hash;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The exchange of 5 February 2026 (domain notes C4, C7) with invented persons: Russia returns
 * 157 Ukrainians, of whom Ukraine counts 150 military and 7 civilians while Russia lists all 157
 * as prisoners of war; Ukraine returns 157 servicemen and 3 civilians (Kursk), Russia counts
 * 157 + 3; the UAE attests 157 + 157. Twelve of the Ukrainians and five of the Russians are
 * also on the wounded-or-sick lists.
 *
 * <p>Ukraine writes its lists in Ukrainian Cyrillic (requested) and KMU 2010 Latin (held);
 * Russia in ICAO 9303 Latin (held) and Russian Cyrillic (requested). The persons are drawn from
 * the synthetic corpus among those whose spellings the fold reconciles; the about 1% with a
 * surname a clerk replaced by a Russian word are measured in {@link SyntheticPersonsTest}.
 */
final class FebruaryFifth {
  static final String X = "ru-ua-2026-02-05";
  static final Instant T = Instant.parse("2026-02-05T10:00:00Z");
  static final Arrangement ARRANGEMENT = new Arrangement(X, List.of("RU", "UA"),
      List.of("UAE", "US"), "ICRC", Arrangement.usualCategories(),
      List.of(new Arrangement.Stage(1, LocalDate.of(2026, 2, 5))));
  /** RU and UA, each both detaining and home power; the UAE and the US; the ICRC. */
  static final List<Party> PARTICIPANTS = List.of(Party.of("RU", Party.PARTY),
      Party.of("UA", Party.PARTY), Party.of("UAE", Party.MEDIATOR), Party.of("US", "co-mediator"),
      Party.of("ICRC", Party.NEUTRAL_INTERMEDIARY));

  /** A message and who sends it: a step once it is given an entry and a time. */
  record Sent(String party, ExchangeMessage message) {
    Step step(long index) {
      return ExchangeJson.step(new EntryRef(party, index), T, message);
    }
  }

  private static long entries;

  final List<Person> ukrainians;
  final List<Person> russians;
  final BlindingKey ruKey;
  final BlindingKey uaKey;
  final Map<String, PrivateList> lists = new LinkedHashMap<>();

  FebruaryFifth(long seed) {
    List<Person> pool = SyntheticPersons.generate(2_000, 0.5, seed).persons();
    ukrainians = SyntheticPersons.reconciled(pool, true, 157);
    russians = SyntheticPersons.reconciled(pool, false, 160);
    SecureRandom random = new SecureRandom();
    ruKey = BlindingKey.generate(random);
    uaKey = BlindingKey.generate(random);
    add("UA", ListKind.REQUESTED, "military", spell(ukrainians.subList(0, 150),
        Spelling.UA_CYRILLIC), random);
    add("UA", ListKind.REQUESTED, "civilian", spell(ukrainians.subList(150, 157),
        Spelling.UA_CYRILLIC), random);
    add("UA", ListKind.REQUESTED, "wounded-sick", spell(ukrainians.subList(0, 12),
        Spelling.UA_CYRILLIC), random);
    add("RU", ListKind.HELD, "military", spell(ukrainians, Spelling.RU_LATIN_ICAO_9303), random);
    add("RU", ListKind.HELD, "wounded-sick", spell(ukrainians.subList(0, 12),
        Spelling.RU_LATIN_ICAO_9303), random);
    add("RU", ListKind.HELD, "civilian", List.of(), random); // Russia says it holds none
    add("RU", ListKind.REQUESTED, "military", spell(russians.subList(0, 157),
        Spelling.RU_CYRILLIC), random);
    add("RU", ListKind.REQUESTED, "civilian", spell(russians.subList(157, 160),
        Spelling.RU_CYRILLIC), random);
    add("UA", ListKind.HELD, "military", spell(russians.subList(0, 157),
        Spelling.UA_LATIN_KMU_2010), random);
    add("UA", ListKind.HELD, "civilian", spell(russians.subList(157, 160),
        Spelling.UA_LATIN_KMU_2010), random);
    add("UA", ListKind.HELD, "wounded-sick", spell(russians.subList(0, 5),
        Spelling.UA_LATIN_KMU_2010), random);
  }

  private static List<PersonRecord> spell(List<Person> persons, Spelling s) {
    List<PersonRecord> out = new ArrayList<>(persons.stream().map(p -> p.in(s)).toList());
    Collections.shuffle(out, new Random(s.ordinal()));
    return out;
  }

  private void add(String party, ListKind kind, String category, List<PersonRecord> persons,
      SecureRandom random) {
    BlindingKey key = party.equals("RU") ? ruKey : uaKey;
    lists.put(party + " " + kind.label() + " " + category,
        PrivateList.build(X, party, kind, category, persons, key, random));
  }

  PrivateList list(String party, ListKind kind, String category) {
    return lists.get(party + " " + kind.label() + " " + category);
  }

  /** The UAE arranges the exchange. */
  static Sent arrangement() {
    return new Sent("UAE", ARRANGEMENT);
  }

  /** Every list committed, then each blinded on top by the other Party. */
  List<Sent> listSteps() {
    List<Sent> out = new ArrayList<>();
    for (PrivateList l : lists.values()) {
      out.add(new Sent(l.commitment().party(), new CommitList(l.commitment())));
    }
    for (PrivateList l : lists.values()) {
      ListCommitment c = l.commitment();
      String other = ARRANGEMENT.other(c.party());
      BlindingKey k = other.equals("RU") ? ruKey : uaKey;
      List<Blinded> values = k.reblindAll(c.entries().stream().map(ListEntry::blinded).toList());
      out.add(new Sent(other, new Reblind(X, c.id(), c.root(), values)));
    }
    return out;
  }

  /** The ICRC's consent for every entry of both wounded-or-sick held lists. */
  List<Sent> consents() {
    List<Sent> out = new ArrayList<>();
    for (String party : List.of("RU", "UA")) {
      ListCommitment c = list(party, ListKind.HELD, "wounded-sick").commitment();
      for (ListEntry e : c.entries()) {
        out.add(new Sent("ICRC", new AttestConsent(X, c.id(), e.commitment(),
            Consent.CONSENTS)));
      }
    }
    return out;
  }

  /** Russia hands its 157, Ukraine its 157 + 3. */
  List<Sent> handovers() {
    return List.of(
        new Sent("RU", new HandOver(X, 1, commitments(list("RU", ListKind.HELD, "military")))),
        new Sent("UA", new HandOver(X, 1, concat(commitments(list("UA", ListKind.HELD,
            "military")), commitments(list("UA", ListKind.HELD, "civilian"))))));
  }

  /** What each side announced, and the UAE's attestation. */
  List<Sent> reports() {
    return List.of(
        new Sent("RU", new ReportCounts(X, 1, Counts.of(Map.of("military", 157)),
            Counts.of(Map.of("military", 157, "civilian", 3)))),
        new Sent("UA", new ReportCounts(X, 1, null, Counts.of(Map.of("military", 150,
            "civilian", 7)))),
        new Sent("UAE", new AttestStage(X, 1, Map.of("RU", Counts.total(157), "UA",
            Counts.total(157)))));
  }

  /** The arrangement, the lists, the consents, the handovers and the reports. */
  List<Sent> all() {
    List<Sent> out = new ArrayList<>(List.of(arrangement()));
    out.addAll(listSteps());
    out.addAll(consents());
    out.addAll(handovers());
    out.addAll(reports());
    return out;
  }

  static List<Hash> commitments(PrivateList l) {
    return l.commitment().entries().stream().map(ListEntry::commitment).toList();
  }

  private static List<Hash> concat(List<Hash> a, List<Hash> b) {
    List<Hash> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Folds {@code steps}, failing on the first refusal. */
  static Exchanges fold(ExchangeRegime regime, Exchanges s, List<Sent> steps) {
    for (Sent sent : steps) {
      Outcome<Exchanges> o = regime.apply(s, sent.step(entries++));
      if (o instanceof Outcome.Refused<Exchanges> r) {
        throw new AssertionError(sent.message().type() + " by " + sent.party() + " refused: "
            + r.refusal());
      }
      s = ((Outcome.Next<Exchanges>) o).state();
    }
    return s;
  }

  /** The 5 February exchange in {@code s}. */
  static ExchangeState of(Exchanges s) {
    return s.exchange(X).orElseThrow();
  }
}
