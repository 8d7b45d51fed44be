package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.FebruaryFifthNodes.X;
import static dev.verity.node.e2e.Cluster.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.BlindingKey;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ListEntry;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.ListParts;
import dev.verity.core.exchange.ListParts.Split;
import dev.verity.core.exchange.MatchKey;
import dev.verity.core.exchange.PersonRecord;
import dev.verity.core.exchange.PrivateList;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "must show" on four node processes (RU, UA, the UAE, the ICRC): the exchange of
 * 5 February 2026 end to end through the API and {@code verity exchange}, lists of 157 matched
 * across Cyrillic and Latin spellings, a wounded prisoner's handover refused without the ICRC's
 * consent with nothing appended, the stage signed by all three with the sides' reports named as
 * discrepancies per category, the UAE's tally from 2,184 to 4,955 checked and a break named, an
 * opening checked by the ICRC, and no name or date of birth from the lists anywhere in any node's
 * files, logs or API answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class PrisonerExchangeEndToEndTest {
  @TempDir static Path root;
  FebruaryFifthNodes f;

  @BeforeAll
  void start() throws Exception {
    f = new FebruaryFifthNodes(root);
    f.start();
    f.arrange();
  }

  @AfterAll
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @Test
  @Order(1)
  void aListWithBadRowsIsRefusedNamingEachLineAndField() throws Exception {
    Path bad = f.files.resolve("bad.csv");
    Files.writeString(bad, "surname,first_names,date_of_birth\n"
        + "Shevchenko,Taras,1990-02-30\n,Ivan,1990-01-01\nKovalenko,123,01.01.1990\n",
        StandardCharsets.UTF_8);
    long size = logSize(f.ru);
    Run r = run("exchange", "list", "commit", "--node", Browser.url(f.ru), "--token",
        f.ru.operator, "--dir", f.ru.dir.toString(), "--exchange", X, "--category", "military",
        "--csv", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(bad + ": line 2, date_of_birth: '1990-02-30' is not a date")
        .contains("line 3, surname: empty")
        .contains("line 4, first_names: has no Cyrillic or Latin letter");
    assertThat(logSize(f.ru)).isEqualTo(size);
  }

  @Test
  @Order(2)
  void listsOf157MatchAcrossScriptsWithoutNames() throws Exception {
    f.commitLists();
    f.match();
    JsonNode x = FebruaryFifthNodes.exchange(f.uae); // the mediator's view: it has no names
    assertThat(match(x, "UA", "military").path("matchedRequested").asInt()).isEqualTo(150);
    assertThat(match(x, "UA", "military").path("heldCount").asInt()).isEqualTo(157);
    assertThat(match(x, "UA", "military").path("onlyHeld").size()).isEqualTo(7);
    assertThat(match(x, "RU", "military").path("matchedRequested").asInt()).isEqualTo(157);
    assertThat(match(x, "RU", "civilian").path("matchedRequested").asInt()).isEqualTo(3);
    assertThat(match(x, "UA", "wounded-sick").path("matchedRequested").asInt()).isEqualTo(12);
    // Ukraine's 7 civilians are on Russia's military list (cross-category)
    assertThat(x.path("crossCategory").toString()).contains("civilian").contains("military");
    // every node computes the same match
    for (Member n : List.of(f.ru, f.ua, f.icrc)) {
      assertThat(FebruaryFifthNodes.exchange(n).path("matches"))
          .isEqualTo(x.path("matches"));
    }
    Run out = run("exchange", "match", "--node", Browser.url(f.ua), "--token", f.ua.operator,
        "--dir", f.ua.dir.toString(), "--exchange", X);
    assertThat(out.out()).contains("UA requested military: 150 of 150 requested are on RU held"
        + " military (157), 0 requested only, 7 held only");
  }

  @Test
  @Order(3)
  void aWoundedPrisonerIsNotHandedOverWithoutConsentAndNothingIsAppended() throws Exception {
    long size = logSize(f.ru);
    HttpResponse<String> r = FebruaryFifthNodes.submit(f.ru, "handover-too-early",
        "exchange-handover", FebruaryFifthNodes.handover(f.held(f.ru, Set.of("military"))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    JsonNode body = Cluster.JSON.readTree(r.body());
    assertThat(body.path("refusal").asText()).isEqualTo("exchange/consent-missing");
    assertThat(body.path("reason").asText()).contains("consent");
    assertThat(logSize(f.ru)).isEqualTo(size);
    f.consents();
  }

  @Test
  @Order(4)
  void theStageIsSignedByAllThreeWithTheDiscrepanciesNamedPerCategory() throws Exception {
    f.handOverAndCount();
    List<String> expected = List.of(
        "civilian from RU to UA: RU handed no figure, UA received 7",
        "military from RU to UA: RU handed 157, UA received 150",
        "total from UA to RU: RU received 160, UAE attests 157");
    for (Member n : List.of(f.ru, f.ua, f.uae, f.icrc)) {
      JsonNode stage = FebruaryFifthNodes.exchange(n).path("stages").get(0);
      assertThat(texts(stage.path("signedBy"))).containsExactlyInAnyOrder("RU", "UA", "UAE");
      assertThat(stage.path("discrepancies").findValuesAsText("words"))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    Run stage = run("exchange", "stage", "--node", Browser.url(f.uae), "--token",
        f.uae.viewer, "--exchange", X);
    assertThat(stage.code()).as(stage.err()).isEqualTo(3);
    assertThat(stage.out()).contains("stage 1 signed by").contains("discrepancy military from"
        + " RU to UA: RU handed 157, UA received 150")
        .contains("consent on RU held wounded-sick: 12 consent, 0 refuse, 0 open");
  }

  @Test
  @Order(5)
  void theUaeTallyFrom2184To4955AddsUpAndABreakIsNamed() throws Exception {
    f.tally();
    try {
      Cluster.await("RU folds the UAE's 9 mediations", Duration.ofSeconds(60),
          () -> tally(f.ru).path("mediations").size() == 9);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + getJson(f.ru, "/api/v1/exchanges")
          .path("tallies") + ", problems " + getJson(f.ru, "/api/v1/problems"), e);
    }
    JsonNode t = tally(f.ru);
    assertThat(t.path("mediations").get(0).path("cumulative").asLong()).isEqualTo(2184);
    assertThat(t.path("mediations").get(8).path("cumulative").asLong()).isEqualTo(4955);
    assertThat(t.path("findings").findValuesAsText("words")).hasSize(1).first().asString()
        .contains("99"); // the unannounced 11th mediation: 2,883 - 300 - 2,484
    Run ok = run("exchange", "tally", "--node", Browser.url(f.ua), "--token", f.ua.viewer);
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    // a 19th mediation whose total does not add up: 4,955 + 200 is not 5,100
    FebruaryFifthNodes.submitOk(f.uae, "mediation-19", "exchange-mediation",
        FebruaryFifthNodes.mediation(19, "2026-03", 200, 5100, "unconfirmed", "test"));
    Cluster.await("UA folds the 19th", Duration.ofSeconds(60),
        () -> tally(f.ua).path("mediations").size() == 10);
    Run broken = run("exchange", "tally", "--node", Browser.url(f.ua), "--token",
        f.ua.viewer);
    assertThat(broken.code()).isEqualTo(3);
    assertThat(broken.out()).contains("BREAK").contains("5155").contains("5100");
  }

  @Test
  @Order(6)
  void anOpeningGoesToTheIcrcOnlyAndChecksAgainstItsMirror() throws Exception {
    String commitment = f.held(f.ru, Set.of("wounded-sick")).get(0);
    Path opening = f.files.resolve("opening.json");
    Run open = run("exchange", "open", "--node", Browser.url(f.ru), "--token", f.ru.operator,
        "--dir", f.ru.dir.toString(), "--exchange", X, "--commitment", commitment,
        "--out", opening.toString());
    assertThat(open.code()).as(open.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(opening)))
        .isEqualTo("rw-------");
    Run check = run("exchange", "check-opening", "--node", Browser.url(f.icrc), "--token",
        f.icrc.viewer, "--opening", opening.toString());
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).contains("of RU's held wounded-sick list of " + X);
    Path forged = f.files.resolve("forged.json");
    ObjectNode o = (ObjectNode) Cluster.JSON.readTree(opening.toFile());
    o.put("index", (o.path("index").asInt() + 1) % o.path("size").asInt()); // another entry's
    Files.writeString(forged, o.toString());
    Run bad = run("exchange", "check-opening", "--node", Browser.url(f.icrc), "--token",
        f.icrc.viewer, "--opening", forged.toString());
    assertThat(bad.code()).isEqualTo(3);
    Path cta = f.files.resolve("cta.csv");
    Run export = run("exchange", "export", "--dir", f.ru.dir.toString(), "--exchange", X,
        "--out", cta.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains("exported 329 persons"); // RU's lists: 157 + 12 + 157 + 3
  }

  @Test
  @Order(7)
  void noNameOrDateOfBirthAppearsInAnyNodesFilesLogsOrApiAnswers() throws Exception {
    f.bodies();
    Set<String> secrets = new TreeSet<>();
    for (PersonRecord p : f.written) {
      if (p.surname().length() >= 5) {
        secrets.add(p.surname());
      }
      secrets.add(p.dateOfBirth().toString());
      secrets.add(FebruaryFifthNodes.DOTTED.format(p.dateOfBirth()));
    }
    assertThat(secrets).hasSizeGreaterThan(300);
    List<String> found = new ArrayList<>();
    int files = 0;
    for (Member m : List.of(f.ru, f.ua, f.uae, f.icrc)) {
      try (Stream<Path> all = Files.walk(m.dir)) {
        for (Path p : all.filter(Files::isRegularFile).toList()) {
          files++;
          search(p.toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8),
              secrets, found);
        }
      }
      for (String route : List.of("/api/v1/messages?limit=10000", "/api/v1/exchanges",
          "/api/v1/exchanges/" + X + "/lists", "/api/v1/obligations", "/api/v1/problems",
          "/api/v1/log", "/api/v1/alarms")) {
        search(m.party + " " + route, getJson(m, route).toString(), secrets, found);
      }
    }
    assertThat(files).isGreaterThan(40);
    assertThat(found).isEmpty();
    // the control: the operators' own list files do hold them
    String ruHeld = Files.readString(f.csv.get("RU held military"));
    assertThat(secrets.stream().filter(ruHeld::contains).count()).isGreaterThan(150);
  }

  @Test
  @Order(8)
  void anErasedPersonCanNoLongerBeOpenedAndLeavesTheExport() throws Exception {
    String commitment = f.held(f.ru, Set.of("wounded-sick")).get(0);
    long size = logSize(f.ru);
    Run erase = run("exchange", "vault", "erase", "--dir", f.ru.dir.toString(), "--exchange", X,
        "--commitment", commitment, "--reason", "request of the person");
    assertThat(erase.code()).as(erase.err()).isZero();
    assertThat(erase.out()).contains("erased the person of entry " + commitment
        + " from RU held wounded-sick").contains("the log keeps its commitment");
    Run open = run("exchange", "open", "--node", Browser.url(f.ru), "--token", f.ru.operator,
        "--dir", f.ru.dir.toString(), "--exchange", X, "--commitment", commitment,
        "--out", f.files.resolve("erased.json").toString());
    assertThat(open.code()).isEqualTo(1);
    assertThat(open.err()).contains("was erased from the vault on").contains("(request of the"
        + " person): it can no longer be opened; the log keeps its commitment");
    Path cta = f.files.resolve("cta-after.csv");
    Run export = run("exchange", "export", "--dir", f.ru.dir.toString(), "--exchange", X,
        "--out", cta.toString());
    assertThat(export.out()).contains("exported 328 persons");
    assertThat(Files.readString(cta)).doesNotContain(commitment);
    Run audit = run("exchange", "vault", "audit", "--dir", f.ru.dir.toString());
    assertThat(audit.out()).contains("erase person " + X).contains("1 persons, reason: request"
        + " of the person").contains("to ICRC Central Tracing Agency");
    // the log is untouched: nothing appended, and the entry is still on the committed list
    assertThat(logSize(f.ru)).isEqualTo(size);
    assertThat(f.held(f.ru, Set.of("wounded-sick"))).contains(commitment).hasSize(12);
  }

  @Test
  @Order(9)
  void listsOf2000GoInPartsThroughTheCommandLineAndMatch() throws Exception {
    String large = "ru-ua-large";
    f.arrange(large);
    List<Person> all = SyntheticPersons.generate(2_200, 1.0, 9).persons();
    List<PersonRecord> requested = new ArrayList<>();
    List<PersonRecord> held = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      requested.add(all.get(i).in(Spelling.UA_CYRILLIC));
      held.add(all.get(200 + i).in(Spelling.RU_LATIN_ICAO_9303)); // 1,800 the same persons
    }
    Set<MatchKey> heldKeys = new HashSet<>();
    held.forEach(p -> heldKeys.add(MatchKey.of(p)));
    long expected = requested.stream().filter(p -> heldKeys.contains(MatchKey.of(p))).count();
    Run ua = f.commit(f.ua, large, "requested", "military", requested);
    assertThat(ua.out()).contains("2000 persons committed in 8 parts");
    Run ru = f.commit(f.ru, large, "held", "military", held);
    assertThat(ru.out()).contains("2000 persons committed in 8 parts");
    for (Member m : List.of(f.ru, f.ua)) {
      Run r = run("exchange", "match", "--node", Browser.url(m), "--token", m.operator,
          "--dir", m.dir.toString(), "--exchange", large);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("(2000 entries, 8 parts) on top");
    }
    Cluster.await("the UAE matches the lists of 2,000", Duration.ofSeconds(120), () ->
        FebruaryFifthNodes.exchange(f.uae, large).path("matches").size() == 1);
    JsonNode m = FebruaryFifthNodes.exchange(f.uae, large).path("matches").get(0);
    assertThat(expected).isGreaterThan(1_750);
    assertThat(m.path("requestedCount").asInt()).isEqualTo(2_000);
    assertThat(m.path("matchedRequested").asLong()).isEqualTo(expected);
    assertThat(m.path("onlyRequested").size()).isEqualTo(2_000 - (int) expected);
    assertThat(FebruaryFifthNodes.exchange(f.ru, large).path("matches").get(0)).isEqualTo(m);
    partsTamperedWithOrMissingAreNamed(large);
  }

  /**
   * A list sent part by part past the command line: a tampered part, a part out of range and a
   * part sent twice are refused with nothing appended, each named; the parts never sent leave
   * the list incomplete on every node, named as missing.
   */
  private void partsTamperedWithOrMissingAreNamed(String large) throws Exception {
    List<PersonRecord> persons = SyntheticPersons.generate(600, 1.0, 10).persons().stream()
        .map(p -> p.in(Spelling.UA_CYRILLIC)).toList();
    SecureRandom random = new SecureRandom();
    PrivateList list = PrivateList.build(large, "UA", ListKind.REQUESTED, "civilian", persons,
        BlindingKey.generate(random), random);
    Split split = ListParts.split(list.commitment());
    FebruaryFifthNodes.submitOk(f.ua, "civ-declared", "exchange-list",
        ExchangeJson.fields(split.declaration()));
    FebruaryFifthNodes.submitOk(f.ua, "civ-p1", "exchange-list-part",
        ExchangeJson.fields(split.parts().get(0)));
    long size = logSize(f.ua);
    ListPart p2 = split.parts().get(1);
    List<ListEntry> tampered = new ArrayList<>(p2.entries());
    tampered.set(5, new ListEntry(tampered.get(5).commitment(), tampered.get(6).blinded()));
    assertRefused("civ-p2", new ListPart(large, p2.list(), p2.root(), 2, tampered),
        "exchange/part-mismatch", "part 2 of UA requested civilian: its entries do not hash to"
            + " the part root declared");
    assertRefused("civ-p4", new ListPart(large, p2.list(), p2.root(), 4, p2.entries()),
        "exchange/unknown-part", "part 4 of UA requested civilian: the list was declared in 3"
            + " parts");
    assertRefused("civ-p1-again", split.parts().get(0), "exchange/duplicate",
        "part 1 of UA requested civilian is already in");
    assertThat(logSize(f.ua)).isEqualTo(size);
    for (Member n : List.of(f.ru, f.uae)) {
      Cluster.await(n.party + " names the missing parts", Duration.ofSeconds(60), () -> {
        for (JsonNode l : FebruaryFifthNodes.exchange(n, large).path("lists")) {
          if (l.path("list").path("category").asText().equals("civilian")) {
            return !l.path("complete").asBoolean()
                && l.path("missingParts").toString().equals("[2,3]");
          }
        }
        return false;
      });
    }
    assertThat(FebruaryFifthNodes.exchange(f.uae, large).path("pending").toString())
        .contains("\"what\":\"LIST_PARTS\"");
  }

  private void assertRefused(String clientId, ListPart part, String rule, String reason)
      throws Exception {
    HttpResponse<String> r = FebruaryFifthNodes.submit(f.ua, clientId, "exchange-list-part",
        ExchangeJson.fields(part));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    JsonNode body = Cluster.JSON.readTree(r.body());
    assertThat(body.path("refusal").asText()).isEqualTo(rule);
    assertThat(body.path("reason").asText()).contains(reason);
  }

  private static void search(String where, String text, Set<String> secrets, List<String> out) {
    for (String s : secrets) {
      if (text.contains(s)) {
        out.add(where + ": " + s);
      }
    }
  }

  private static JsonNode match(JsonNode x, String requester, String category) {
    for (JsonNode m : x.path("matches")) {
      if (m.path("requested").path("party").asText().equals(requester)
          && m.path("requested").path("category").asText().equals(category)) {
        return m;
      }
    }
    throw new AssertionError("no match of " + requester + " requested " + category + ": " + x);
  }

  private static JsonNode tally(Member m) throws IOException {
    JsonNode t = getJson(m, "/api/v1/exchanges").path("tallies");
    return t.size() == 0 ? Cluster.JSON.createObjectNode() : t.get(0);
  }

  private static long logSize(Member m) throws IOException {
    return getJson(m, "/api/v1/log").path("size").asLong();
  }

  private static List<String> texts(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }
}
