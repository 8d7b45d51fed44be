package dev.verity.core.replay;

import static dev.verity.core.replay.Fuzzing.restrict;
import static dev.verity.core.replay.Fuzzing.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.ceasefire.Commitment;
import dev.verity.core.exchange.Arrangement;
import dev.verity.core.exchange.BlindingKey;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.PrivateList;
import dev.verity.core.exchange.SyntheticPersons;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Fuzzing.Choices;
import dev.verity.core.schema.Fields;
import dev.verity.core.talks.TalksRegime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the offline evaluator over the three bundled agreements whose regimes are code
 * as well as data (seeds in AgreementsFuzzTestInputs/): the first choice picks the agreement,
 * then random steps are drawn from each agreement's message templates (mostly valid, some with a
 * field dropped, a value of the wrong kind, another sender or a step of another agreement) at
 * increasing times. Properties: the evaluator never throws, every refused step has a kind and a
 * rule; the same steps give the same verdicts, obligations and state; and folding a prefix gives
 * the same verdicts to those steps (a step's verdict depends only on the steps before it, shared
 * steps all or nothing included).
 */
class AgreementsFuzzTest {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final String[] IDS = {"a", "b", "c", "a", "b", "c", "x y", ""};
  static final String HASH = "ab".repeat(32);
  static final List<Agreement> AGREEMENTS = agreements();
  static final List<List<Template>> TEMPLATES = List.of(ceasefire(), talks(), exchange());

  /** A message type, the participants that may well send it, and fields drawn from a pool. */
  record Template(String type, String[] senders, String[] fields) {}

  static List<Agreement> agreements() {
    try {
      return List.of(AgreementCatalog.get("ceasefire-monitoring"),
          AgreementCatalog.get("trilateral-talks-2026"), AgreementCatalog.get("exchange-ru-ua"));
    } catch (AgreementException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void randomSteps(byte[] input) throws Exception {
    Choices data = new Choices(input);
    int which = data.next(3);
    Agreement a = AGREEMENTS.get(which);
    List<Replay.Input> steps = steps(data, TEMPLATES.get(which));
    Replay.Result once = Replay.run(a, steps, null);
    Replay.Result again = Replay.run(a, List.copyOf(steps), null);
    assertThat(JSON.writeValueAsString(again)).isEqualTo(JSON.writeValueAsString(once));
    assertThat(once.accepted().size() + once.refused().size()).isEqualTo(steps.size());
    once.refused().forEach(r -> {
      assertThat(r.refusal()).isNotNull();
      assertThat(r.rule()).isNotBlank();
      assertThat(r.reason()).isNotBlank();
    });
    for (int k = 0; k < steps.size(); k += 1 + steps.size() / 3) {
      Replay.Result prefix = Replay.run(a, steps.subList(0, k), null);
      assertThat(verdicts(prefix)).isEqualTo(restrict(verdicts(once), k));
    }
  }

  static List<Replay.Input> steps(Choices d, List<Template> templates) throws Exception {
    List<Replay.Input> out = new ArrayList<>();
    Instant t = Instant.parse("2026-02-01T00:00:00Z");
    for (int i = 0; i < 30 && d.more(); i++) {
      t = t.plus(Duration.ofMinutes(1 + d.number(3 * 24 * 60)));
      Template tp = templates.get(d.next(templates.size()));
      String sender = d.next(8) == 0 ? d.pick(new String[] {"RU", "UA", "US", "ZZ"})
          : d.pick(tp.senders());
      ObjectNode fields = (ObjectNode) JSON.readTree(d.pick(tp.fields()));
      mutate(d, fields);
      String type = d.next(24) == 0 ? "talks-sign" : tp.type();
      out.add(new Replay.Input(i, t, sender, type, fields));
    }
    return out;
  }

  /** Now and then a field goes, turns into a number or a string, or an id is swapped. */
  static void mutate(Choices d, ObjectNode f) {
    List<String> names = new ArrayList<>();
    f.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      return;
    }
    String name = names.get(d.next(names.size()));
    switch (d.next(12)) {
      case 0 -> f.remove(name);
      case 1 -> f.put(name, 7);
      case 2 -> f.put(name, "7");
      case 3 -> f.put(name, d.pick(IDS));
      case 4 -> f.putNull(name);
      default -> { }
    }
  }

  static List<Template> ceasefire() {
    String[] sides = {"UA", "RU"};
    String obs = "{'claim': '%s', 'observation': {'commitment': 'c', 'period': {'from':"
        + " '2026-02-01T00:00:00Z', 'to': '%s'}, 'position': {'region': 'donetsk', 'place':"
        + " {'lat': 48.0, 'lon': 37.8}}, 'category': '%s', 'count': {'value': %d,"
        + " 'qualifier': 'exact'}}}";
    List<String> claims = new ArrayList<>();
    for (String id : new String[] {"a", "b", "c"}) {
      for (String to : new String[] {"2026-02-01T00:00:00Z", "2026-03-30T00:00:00Z"}) {
        claims.add(String.format(obs, id, to, id.equals("c") ? "shelling" : "explosion", 3));
      }
    }
    String[] answers = {"{'claim': 'a'}", "{'claim': 'b'}", "{'claim': 'z'}"};
    return List.of(
        t("ceasefire-commitment", new String[] {"US", "UA"}, "{'commitment': 'c', 'scope':"
            + " 'all', 'effectiveFrom': '2026-02-01T00:00:00Z', 'releaseOnBreach': false}"),
        t("ceasefire-countersign", new String[] {"UA", "RU", "SMM", "US"}, "{'commitment': 'c',"
            + " 'termsHash': '" + commitmentHash() + "'}", "{'commitment': 'c', 'termsHash': '"
            + HASH + "'}"),
        t("ceasefire-claim", sides, claims.toArray(String[]::new)),
        t("ceasefire-observation", new String[] {"SMM"}, claims.toArray(String[]::new)),
        t("ceasefire-acknowledgement", sides, answers),
        t("ceasefire-dispute", sides, "{'claim': 'a', 'ground': 'facts'}"),
        t("ceasefire-verification-request", new String[] {"US", "UA"}, answers),
        t("ceasefire-finding", new String[] {"SMM"}, "{'claim': 'a', 'status':"
            + " 'corroborated', 'attributedTo': 'RU'}", "{'claim': 'b', 'status': 'followed-up'}"),
        t("ceasefire-release", sides, "{'commitment': 'c', 'claim': 'a'}"),
        t("coordination-request", sides, "{'request': 'r', 'claim': 'a', 'to': 'RU'}",
            "{'request': 's', 'claim': 'b', 'to': 'UA'}"),
        t("coordination-response", sides, "{'request': 'r', 'outcome': 'not-resolved'}",
            "{'request': 's', 'outcome': 'resolved'}"),
        t("return-fire-order", sides, "{'request': 'r', 'orderedBy': 'staff'}",
            "{'request': 's', 'orderedBy': 'staff'}"),
        t("return-fire-notice", sides, "{'request': 'r'}"),
        t("ceasefire-restriction", new String[] {"SMM"}, "{'restriction': 'f', 'at':"
            + " '2026-02-01T00:00:00Z', 'position': {'region': 'luhansk', 'place': {'polygon':"
            + " [{'lat': 48, 'lon': 39}, {'lat': 48.1, 'lon': 39}, {'lat': 48, 'lon': 39.1}]}},"
            + " 'kind': 'delay', 'duration': 'PT2H'}"));
  }

  /** The hash of the fuzz commitment's terms, so that countersignatures can bring it in force. */
  static String commitmentHash() {
    return new Commitment("c", "all", List.of(), List.of(),
        Instant.parse("2026-02-01T00:00:00Z"), null, false, null).termsHash();
  }

  static List<Template> talks() {
    String[] sign = {"US", "RU", "UA"};
    String text = "{'text': 't', 'kind': 'draft', 'round': 1, 'clauses': [{'id': '1', 'text':"
        + " 'cease fire'}]}";
    String other = "{'text': 't', 'kind': 'draft', 'round': 1, 'clauses': [{'id': '1', 'text':"
        + " 'cease all fire'}]}";
    String[] marks = {"{'text': 't', 'hash': '" + TextHashes.of(text) + "'}",
        "{'text': 't', 'hash': '" + TextHashes.of(other) + "'}",
        "{'text': 't', 'hash': '" + HASH + "'}"};
    return List.of(
        t("talks-round", new String[] {"UAE", "US", "CH"}, "{'number': 1, 'venue': 'Abu Dhabi',"
            + " 'host': 'UAE', 'firstDay': '2026-02-04', 'lastDay': '2026-02-05', 'closed':"
            + " true}"),
        t("talks-roster", sign, "{'head': 'Head', 'members': [{'name': 'Head'}]}"),
        t("talks-track", sign, "{'round': 1, 'track': {'id': 'security', 'name': 'Security'}}"),
        t("talks-text", sign, text, other),
        t("talks-initial", sign, marks),
        t("talks-sign", sign, marks),
        t("talks-action-item", sign, "{'id': 'a', 'round': 1, 'owner': 'RU', 'description':"
            + " 'definitions', 'due': '2026-03-01T00:00:00Z'}"),
        t("talks-action-item-done", new String[] {"RU", "UA"}, "{'item': 'a'}"),
        t("talks-capital-report", sign, "{'round': 1, 'hash': '" + HASH + "'}"),
        t("talks-output", sign, "{'round': 1, 'kind': 'exchange', 'agreement':"
            + " 'exchange-ru-ua', 'subject': 'x'}"));
  }

  static List<Template> exchange() {
    String x = "x";
    Arrangement a = new Arrangement(x, List.of("RU", "UA"), List.of("UAE", "US"), "ICRC",
        Arrangement.usualCategories(), List.of(new Arrangement.Stage(1,
            LocalDate.of(2026, 2, 20))));
    Lists lists = new Lists(x);
    List<String> commit = new ArrayList<>();
    List<String> reblind = new ArrayList<>();
    for (PrivateList l : lists.all) {
      commit.add(json(new ExchangeMessage.CommitList(l.commitment())));
      BlindingKey k = l.commitment().party().equals("RU") ? lists.ua : lists.ru;
      reblind.add(json(new ExchangeMessage.Reblind(x, l.commitment().id(), l.commitment().root(),
          k.reblindAll(l.commitment().entries().stream().map(e -> e.blinded()).toList()))));
    }
    PrivateList wounded = lists.all.get(1);
    String consent = json(new ExchangeMessage.AttestConsent(x, wounded.commitment().id(),
        wounded.commitment().entries().get(0).commitment(), ExchangeMessage.Consent.CONSENTS));
    String handover = json(new ExchangeMessage.HandOver(x, 1, List.of(lists.all.get(0)
        .commitment().entries().get(0).commitment())));
    return List.of(
        t("exchange-arrangement", new String[] {"UAE"}, json(a)),
        t("exchange-list", new String[] {"RU"}, commit.toArray(String[]::new)),
        t("exchange-reblind", new String[] {"UA"}, reblind.toArray(String[]::new)),
        t("exchange-consent", new String[] {"ICRC"}, consent),
        t("exchange-handover", new String[] {"RU"}, handover),
        t("exchange-counts", new String[] {"RU", "UA"}, "{'exchange': 'x', 'stage': 1,"
            + " 'handed': {'byCategory': {'military': 2}}}", "{'exchange': 'x', 'stage': 1,"
            + " 'received': {'byCategory': {'military': 1}, 'total': 3}}"),
        t("exchange-stage-attestation", new String[] {"UAE", "US"}, "{'exchange': 'x',"
            + " 'stage': 1, 'crossedFrom': {'RU': {'byCategory': {}, 'total': 2}}}"),
        t("exchange-mediation", new String[] {"UAE"}, "{'number': 1, 'when': '2026-02',"
            + " 'exchanged': 2, 'cumulative': 2, 'status': 'confirmed', 'source': 's'}",
            "{'number': 2, 'when': '2026-02-20', 'exchanged': 4, 'cumulative': 7, 'status':"
            + " 'derived', 'source': 's'}"),
        t("bodies-declared", new String[] {"RU"}, "{'to': 'UA', 'transfer': 'i', 'date':"
            + " '2026-02-10', 'bodies': 10}"),
        t("bodies-received", new String[] {"UA"}, "{'transfer': 'i', 'date': '2026-02-10',"
            + " 'bodies': 9}"),
        t("bodies-identified", new String[] {"UA"}, "{'asOf': '2026-02-15', 'identified': 5,"
            + " 'otherSide': 1}", "{'asOf': '2026-02-12', 'identified': 20, 'otherSide': 0}"));
  }

  /** Two small lists of Russia's, held military and wounded-or-sick, the same two persons. */
  static final class Lists {
    final BlindingKey ru = BlindingKey.of(new byte[32]);
    final BlindingKey ua = BlindingKey.of(filled((byte) 1));
    final List<PrivateList> all = new ArrayList<>();

    Lists(String x) {
      var persons = SyntheticPersons.generate(2, 0.5, 3).persons().stream()
          .map(p -> p.in(SyntheticPersons.Spelling.RU_LATIN_ICAO_9303)).toList();
      SecureRandom random = new SecureRandom();
      all.add(PrivateList.build(x, "RU", ListKind.HELD, "military", persons, ru, random));
      all.add(PrivateList.build(x, "RU", ListKind.HELD, "wounded-sick", persons, ru, random));
    }

    private static byte[] filled(byte b) {
      byte[] out = new byte[32];
      out[0] = b;
      return out;
    }
  }

  static String json(ExchangeMessage m) {
    return ExchangeJson.fields(m).toString().replace('"', '\'');
  }

  static Template t(String type, String[] senders, String... fields) {
    String[] json = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      json[i] = fields[i].replace('\'', '"');
    }
    return new Template(type, senders, json);
  }

  /** The hash the talks give a text's wording, read back from a fold of its submission. */
  static final class TextHashes {
    static String of(String submission) {
      try {
        String round = "{'number': 1, 'venue': 'v', 'firstDay': '2026-02-04', 'lastDay':"
            + " '2026-02-05', 'closed': true}";
        List<Step> steps = List.of(step("UAE", 0, "talks-round", round),
            step("US", 1, "talks-text", submission));
        return TalksRegime.of(AGREEMENTS.get(1)).fold(steps).text("t").orElseThrow().latest()
            .hash();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static Step step(String who, int second, String type, String json)
        throws Exception {
      return new Step(new EntryRef(who, 0), Instant.EPOCH.plusSeconds(second), type,
          Fields.of((ObjectNode) JSON.readTree(json.replace('\'', '"'))));
    }
  }
}
