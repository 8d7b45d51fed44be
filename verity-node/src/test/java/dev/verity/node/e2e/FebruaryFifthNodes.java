package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.Mediation;
import dev.verity.core.exchange.PersonRecord;
import dev.verity.core.exchange.PublishedTallies;
import dev.verity.core.exchange.SyntheticPersons;
import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.node.e2e.Cluster.Member;
import dev.verity.node.e2e.Cluster.Run;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The exchange of 5 February 2026 (domain notes C4, C7) on four node processes under
 * {@code exchange-ru-ua}: RU and UA (Parties), the UAE (mediator) and the ICRC (neutral
 * intermediary). Russia returns 157 Ukrainians, of whom Ukraine counts 150 military and 7
 * civilians while Russia lists all 157 as prisoners of war; Ukraine returns 157 servicemen and 3
 * civilians, Russia counts 157 + 3; the UAE attests 157 + 157. Twelve of the Ukrainians and five
 * of the Russians are also on the wounded-or-sick lists. Persons are invented
 * ({@link SyntheticPersons}): Ukraine writes its lists in Ukrainian Cyrillic (requested, dates
 * DD.MM.YYYY) and KMU 2010 Latin (held); Russia in ICAO 9303 Latin (held) and Russian Cyrillic
 * (requested). Lists go in through {@code verity exchange list commit}, as an operator would.
 */
final class FebruaryFifthNodes implements AutoCloseable {
  static final String AGREEMENT = "exchange-ru-ua";
  static final String X = "ru-ua-2026-02-05";
  static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  final Cluster cluster;
  final Path files;
  final Member ru;
  final Member ua;
  final Member uae;
  final Member icrc;
  final List<Person> ukrainians;
  final List<Person> russians;
  /** Every list file written, by "PARTY KIND CATEGORY". */
  final Map<String, Path> csv = new LinkedHashMap<>();
  /** Every person's record as some list wrote it (the strings no peer may ever see). */
  final List<PersonRecord> written = new ArrayList<>();

  FebruaryFifthNodes(Path root) throws Exception {
    files = Files.createDirectories(root.resolve("operators"));
    cluster = new Cluster(root.resolve("nodes"));
    ru = init("RU");
    ua = init("UA");
    uae = init("UAE");
    icrc = init("ICRC");
    List<Person> pool = SyntheticPersons.generate(2_000, 0.5, 5).persons();
    ukrainians = SyntheticPersons.reconciled(pool, true, 157);
    russians = SyntheticPersons.reconciled(pool, false, 160);
  }

  private Member init(String party) throws IOException {
    // real clocks: an exercise clock stands still until advanced, and steps of one instant fold
    // in the order of their Parties' names (Step.ORDER), which would put UA's lists before the
    // UAE's arrangement
    return cluster.init(AGREEMENT, party);
  }

  void start() throws Exception {
    cluster.pinAll();
    cluster.startAll();
  }

  /** The UAE arranges the exchange: one stage on 5 February 2026, 157 for 157. */
  void arrange() throws Exception {
    arrange(X);
  }

  /** The UAE arranges exchange {@code x} as {@link #arrange()} does the 5 February one. */
  void arrange(String x) throws Exception {
    ObjectNode m = Cluster.JSON.createObjectNode();
    m.put("exchange", x);
    m.putArray("parties").add("RU").add("UA");
    m.putArray("mediators").add("UAE");
    m.put("intermediary", "ICRC");
    ArrayNode cats = m.putArray("categories");
    for (String[] c : new String[][] {{"military", "true", "false"}, {"civilian", "true", "false"},
        {"wounded-sick", "false", "true"}}) {
      cats.addObject().put("id", c[0]).put("inTotal", Boolean.parseBoolean(c[1]))
          .put("consentToReturn", Boolean.parseBoolean(c[2]));
    }
    m.putArray("stages").addObject().put("number", 1).put("date", "2026-02-05");
    m.putObject("ratio").put("RU", 1).put("UA", 1);
    submitOk(uae, "arrangement-" + x, "exchange-arrangement", m);
    for (Member n : List.of(ru, ua, icrc)) {
      await(n.party + " sees the arrangement", Duration.ofSeconds(60),
          () -> exchange(n, x) != null);
    }
  }

  /** Both Parties' lists, written as CSV files and committed through the command line. */
  void commitLists() throws Exception {
    commit(ua, "requested", "military", spell(ukrainians.subList(0, 150), Spelling.UA_CYRILLIC));
    commit(ua, "requested", "civilian", spell(ukrainians.subList(150, 157),
        Spelling.UA_CYRILLIC));
    commit(ua, "requested", "wounded-sick", spell(ukrainians.subList(0, 12),
        Spelling.UA_CYRILLIC));
    commit(ru, "held", "military", spell(ukrainians, Spelling.RU_LATIN_ICAO_9303));
    commit(ru, "held", "wounded-sick", spell(ukrainians.subList(0, 12),
        Spelling.RU_LATIN_ICAO_9303));
    commit(ru, "requested", "military", spell(russians.subList(0, 157), Spelling.RU_CYRILLIC));
    commit(ru, "requested", "civilian", spell(russians.subList(157, 160), Spelling.RU_CYRILLIC));
    commit(ua, "held", "military", spell(russians.subList(0, 157), Spelling.UA_LATIN_KMU_2010));
    commit(ua, "held", "civilian", spell(russians.subList(157, 160),
        Spelling.UA_LATIN_KMU_2010));
    commit(ua, "held", "wounded-sick", spell(russians.subList(0, 5),
        Spelling.UA_LATIN_KMU_2010));
    for (Member n : List.of(ru, ua, uae, icrc)) {
      await(n.party + " mirrors the 10 lists", Duration.ofSeconds(60),
          () -> lists(n).size() == 10);
    }
  }

  private static List<PersonRecord> spell(List<Person> persons, Spelling s) {
    List<PersonRecord> out = new ArrayList<>(persons.stream().map(p -> p.in(s)).toList());
    Collections.shuffle(out, new Random(s.ordinal()));
    return out;
  }

  private void commit(Member m, String kind, String category, List<PersonRecord> persons)
      throws IOException {
    Run r = commit(m, X, kind, category, persons);
    assertThat(r.out()).contains(persons.size() + " persons committed");
  }

  /** {@code persons} written to a CSV file and committed to exchange {@code x} by the CLI. */
  Run commit(Member m, String x, String kind, String category, List<PersonRecord> persons)
      throws IOException {
    boolean cyrillic = kind.equals("requested");
    StringBuilder b = new StringBuilder("surname,first_names,date_of_birth,service_number\n");
    for (PersonRecord p : persons) {
      written.add(p);
      b.append(quoted(p.surname())).append(',').append(quoted(p.firstNames())).append(',')
          .append(cyrillic ? DOTTED.format(p.dateOfBirth()) : p.dateOfBirth().toString())
          .append(',').append(p.serviceNumber() == null ? "" : quoted(p.serviceNumber()))
          .append('\n');
    }
    Path f = files.resolve(x + "-" + m.party + "-" + kind + "-" + category + ".csv");
    Files.writeString(f, b, StandardCharsets.UTF_8);
    csv.put((x.equals(X) ? "" : x + " ") + m.party + " " + kind + " " + category, f);
    Run r = Cluster.run("exchange", "list", "commit", "--node", Browser.url(m), "--token",
        m.operator, "--dir", m.dir.toString(), "--exchange", x, "--kind", kind,
        "--category", category, "--csv", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  private static String quoted(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Each Party blinds the other's lists on top ({@code verity exchange match}). */
  void match() throws Exception {
    for (Member m : List.of(ru, ua)) {
      Run r = Cluster.run("exchange", "match", "--node", Browser.url(m), "--token", m.operator,
          "--dir", m.dir.toString(), "--exchange", X);
      assertThat(r.code()).as(r.err()).isZero();
    }
    for (Member n : List.of(ru, ua, uae, icrc)) {
      await(n.party + " folds every blinding", Duration.ofSeconds(60), () -> {
        JsonNode x = exchange(n);
        int blinded = 0;
        for (JsonNode l : x.path("lists")) {
          blinded += l.path("blindedByOther").asBoolean() ? 1 : 0;
        }
        return blinded == 10;
      });
    }
  }

  /** The ICRC attests every wounded or sick person's consent to return. */
  void consents() throws Exception {
    int n = 0;
    for (JsonNode l : lists(icrc)) {
      if (!l.path("category").asText().equals("wounded-sick")
          || !l.path("kind").asText().equals("held")) {
        continue;
      }
      for (JsonNode e : l.path("entries")) {
        ObjectNode c = Cluster.JSON.createObjectNode();
        c.put("exchange", X);
        c.putObject("list").put("party", l.path("party").asText()).put("kind", "held")
            .put("category", "wounded-sick");
        c.put("commitment", e.get(0).asText());
        c.put("decision", "consents");
        submitOk(icrc, "consent-" + e.get(0).asText().substring(0, 16), "exchange-consent", c);
        n++;
      }
    }
    assertThat(n).isEqualTo(17);
    for (Member m : List.of(ru, ua)) {
      await(m.party + " folds the consents", Duration.ofSeconds(60), () -> {
        int open = 0;
        int yes = 0;
        for (JsonNode c : exchange(m).path("consent")) {
          open += c.path("open").asInt();
          yes += c.path("consents").asInt();
        }
        return open == 0 && yes == 17;
      });
    }
  }

  /** The commitments of {@code m}'s own held lists of {@code categories}, as its node shows. */
  List<String> held(Member m, Set<String> categories) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode l : lists(m)) {
      if (l.path("party").asText().equals(m.party) && l.path("kind").asText().equals("held")
          && categories.contains(l.path("category").asText())) {
        l.path("entries").forEach(e -> out.add(e.get(0).asText()));
      }
    }
    return out;
  }

  static ObjectNode handover(List<String> commitments) {
    ObjectNode h = Cluster.JSON.createObjectNode();
    h.put("exchange", X);
    h.put("stage", 1);
    commitments.forEach(h.putArray("commitments")::add);
    return h;
  }

  /** Both handovers, each Party's counts and the UAE's attestation. */
  void handOverAndCount() throws Exception {
    submitOk(ru, "handover-ru", "exchange-handover", handover(held(ru, Set.of("military"))));
    submitOk(ua, "handover-ua", "exchange-handover",
        handover(held(ua, Set.of("military", "civilian"))));
    submitOk(ru, "counts-ru", "exchange-counts", counts(
        Map.of("military", 157), Map.of("military", 157, "civilian", 3)));
    submitOk(ua, "counts-ua", "exchange-counts", counts(null,
        Map.of("military", 150, "civilian", 7)));
    ObjectNode a = Cluster.JSON.createObjectNode();
    a.put("exchange", X);
    a.put("stage", 1);
    ObjectNode crossed = a.putObject("crossedFrom");
    crossed.putObject("RU").put("total", 157).putObject("byCategory");
    crossed.putObject("UA").put("total", 157).putObject("byCategory");
    submitOk(uae, "attest-stage-1", "exchange-stage-attestation", a);
    for (Member n : List.of(ru, ua, uae, icrc)) {
      await(n.party + " folds the signed stage", Duration.ofSeconds(60),
          () -> exchange(n).path("stages").get(0).path("signedBy").size() == 3);
    }
  }

  private static ObjectNode counts(Map<String, Integer> handed, Map<String, Integer> received) {
    ObjectNode c = Cluster.JSON.createObjectNode();
    c.put("exchange", X);
    c.put("stage", 1);
    if (handed != null) {
      handed.forEach(c.putObject("handed").putObject("byCategory")::put);
    }
    received.forEach(c.putObject("received").putObject("byCategory")::put);
    return c;
  }

  /** The UAE's published mediations, 9th (2,184) to 18th (4,955; the 11th unannounced). */
  void tally() throws Exception {
    for (Mediation m : PublishedTallies.uae().mediations()) {
      submitOk(uae, "mediation-" + m.number(), "exchange-mediation", mediation(m.number(),
          m.when(), m.exchanged(), m.cumulative(), m.status().label(), m.source()));
    }
  }

  static ObjectNode mediation(int number, String when, int exchanged, long cumulative,
      String status, String source) {
    ObjectNode m = Cluster.JSON.createObjectNode();
    m.put("number", number).put("when", when).put("exchanged", exchanged)
        .put("cumulative", cumulative).put("status", status).put("source", source);
    return m;
  }

  /** Bodies: Istanbul, June 2025 (domain notes C6), 6,060 declared against 6,057 received. */
  void bodies() throws Exception {
    ObjectNode d = Cluster.JSON.createObjectNode();
    d.put("to", "UA").put("transfer", "istanbul-2025-06").put("date", "2025-06-11")
        .put("bodies", 6060);
    submitOk(ru, "bodies-declared", "bodies-declared", d);
    ObjectNode r = Cluster.JSON.createObjectNode();
    r.put("transfer", "istanbul-2025-06").put("date", "2025-06-16").put("bodies", 6057);
    submitOk(ua, "bodies-received", "bodies-received", r);
    // "only ~15% identified at handover" (domain notes C6 [c18b]): 909 of 6,057
    ObjectNode i = Cluster.JSON.createObjectNode();
    i.put("asOf", "2025-06-20").put("identified", 909).put("otherSide", 0);
    submitOk(ua, "bodies-identified", "bodies-identified", i);
  }

  static HttpResponse<String> submit(Member m, String clientId, String type, ObjectNode message)
      throws IOException {
    ObjectNode req = Cluster.JSON.createObjectNode();
    req.put("clientId", clientId);
    req.put("type", type);
    req.set("message", message);
    return Cluster.post(m, "/api/v1/messages", req.toString(), m.operator);
  }

  static void submitOk(Member m, String clientId, String type, ObjectNode message)
      throws IOException {
    HttpResponse<String> r = submit(m, clientId, type, message);
    assertThat(r.statusCode()).as("%s %s: %s", m.party, type, r.body()).isEqualTo(201);
  }

  /** The exchange as {@code n} folds it, or null before it is arranged there. */
  static JsonNode exchange(Member n) throws IOException {
    return exchange(n, X);
  }

  /** Exchange {@code id} as {@code n} folds it, or null before it is arranged there. */
  static JsonNode exchange(Member n, String id) throws IOException {
    for (JsonNode x : getJson(n, "/api/v1/exchanges").path("exchanges")) {
      if (x.path("exchange").asText().equals(id)) {
        return x;
      }
    }
    return null;
  }

  static JsonNode lists(Member n) throws IOException {
    return getJson(n, "/api/v1/exchanges/" + X + "/lists").path("lists");
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
