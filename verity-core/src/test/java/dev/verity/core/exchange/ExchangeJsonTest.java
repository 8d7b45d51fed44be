package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.exchange.SyntheticPersons.Person;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Entry bodies: every step of 5 February 2026 written and read back; and no name, no date of
 * birth, no service number — in any spelling, nor folded — in anything that goes on a log.
 */
class ExchangeJsonTest {
  private static FebruaryFifth f;
  private static List<FebruaryFifth.Sent> steps;

  @BeforeAll
  static void exchange() {
    f = new FebruaryFifth(17);
    steps = f.all();
  }

  @Test
  void everyStepRoundTrips() throws Exception {
    for (FebruaryFifth.Sent sent : steps) {
      ExchangeMessage s = sent.message();
      byte[] body = ExchangeJson.write(s);
      ExchangeMessage back = ExchangeJson.read(body);
      assertThat(back).as(s.type()).isEqualTo(s);
      assertThat(ExchangeJson.write(back)).isEqualTo(body);
    }
    String consent = new String(ExchangeJson.write(f.consents().get(0).message()),
        StandardCharsets.UTF_8);
    assertThat(consent).startsWith("{\"commitment\":\"").contains("\"decision\":\"consents\"")
        .contains("\"list\":{\"category\":\"wounded-sick\",\"kind\":\"held\",\"party\":\"RU\"}")
        .endsWith("\"type\":\"exchange-consent\"}");
  }

  @Test
  void nothingLoggedHoldsPersonalData() {
    StringBuilder logged = new StringBuilder();
    steps.forEach(s -> logged.append(new String(ExchangeJson.write(s.message()),
        StandardCharsets.UTF_8)));
    String all = logged.toString();
    Set<String> secrets = secrets(f);
    assertThat(secrets).hasSizeGreaterThan(2_000);
    List<String> found = secrets.stream().filter(all::contains).toList();
    assertThat(found).isEmpty();
    // the test can fail: the same search over the lists' openings finds them
    StringBuilder opened = new StringBuilder();
    f.lists.values().forEach(l -> {
      for (int i = 0; i < l.commitment().count(); i++) {
        opened.append(l.open(i).person().surname()).append(l.open(i).person().dateOfBirth());
      }
    });
    assertThat(secrets.stream().filter(opened.toString()::contains)).isNotEmpty();
  }

  /** Every surname, first name, service number and date of birth, written every way. */
  static Set<String> secrets(FebruaryFifth f) {
    Set<String> out = new HashSet<>();
    List<Person> persons = new ArrayList<>(f.ukrainians);
    persons.addAll(f.russians);
    for (Person p : persons) {
      for (Spelling s : Spelling.values()) {
        PersonRecord r = p.in(s);
        out.add(r.surname());
        out.add(r.firstNames().split(" ")[0]);
        out.add(NameFolding.foldSurname(r.surname()));
        out.add(r.dateOfBirth().toString());
        out.add(r.dateOfBirth().format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
        if (r.serviceNumber() != null) {
          out.add(r.serviceNumber());
        }
      }
    }
    out.removeIf(x -> x.length() < 4); // "Ivan" stays; 3-letter folds would match hex by chance
    return out;
  }

  @Test
  void badBodiesNameTheField() {
    assertThatThrownBy(() -> read("[]")).hasMessageContaining("body: an entry body is a JSON");
    assertThatThrownBy(() -> read("{\"type\":\"exchange-x\"}"))
        .hasMessageContaining("type: 'exchange-x' is not an exchange message type");
    assertThatThrownBy(() -> read("{\"type\":\"exchange-handover\",\"stage\":\"1\"}"))
        .hasMessageContaining("stage: a whole number is required");
    assertThatThrownBy(() -> read("{\"type\":\"exchange-handover\",\"stage\":1,"
        + "\"commitments\":[\"zz\"]}"))
        .hasMessageContaining("commitments[0]:");
    assertThatThrownBy(() -> read("{\"type\":\"exchange-counts\",\"stage\":1,"
        + "\"handed\":{\"byCategory\":{\"military\":-1.5}}}"))
        .hasMessageContaining("handed.byCategory.military: a whole number is required");
    assertThatThrownBy(() -> read("{\"type\":\"exchange-list\",\"exchange\":\"x\",\"party\":\"UA\","
        + "\"kind\":\"given\"}")).hasMessageContaining("kind: 'given' is not held or requested");
    assertThatThrownBy(() -> read("{\"type\":")).hasMessageContaining("body: not JSON");
  }

  private static ExchangeMessage read(String json) throws ExchangeInputException {
    return ExchangeJson.read(json.getBytes(StandardCharsets.UTF_8));
  }
}
