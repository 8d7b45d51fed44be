package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Party;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Refusal;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.Sign;
import dev.verity.core.talks.TextRecord.Divergence;
import dev.verity.core.talks.TextRecord.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agreed-text rule: a text moves draft, initialled, agreed, and is agreed only when every
 * signatory's (US, RU, UA) signed entry names the same text hash. A hash that is no version of the
 * text is refused; marks on different versions are accepted and named as a divergence.
 */
class AgreedTextTest {
  static final Instant T0 = Instant.parse("2026-02-05T06:00:00Z");
  final TalksRegime regime = new TalksRegime(new TalksRules(List.of(
      Party.of("US", Party.MEDIATOR), Party.of("RU", Party.PARTY),
      Party.of("UA", Party.PARTY), Party.of("AE", Party.HOST))));
  Talks talks = regime.empty();
  int minute;
  final Map<String, Integer> entries = new HashMap<>();

  Instant next() {
    return T0.plus(Duration.ofMinutes(++minute));
  }

  Outcome<Talks> apply(String who, Action a) {
    return regime.apply(talks, TalksMessages.step(new EntryRef(who, entries.merge(who, 1,
        Integer::sum)), next(), a));
  }

  void ok(String who, Action a) {
    Outcome<Talks> o = apply(who, a);
    assertThat(o).as("%s: %s", who, a).isInstanceOf(Outcome.Next.class);
    talks = ((Outcome.Next<Talks>) o).state();
  }

  Refusal refused(String who, Action a, Rule rule) {
    Talks before = talks;
    Outcome<Talks> o = apply(who, a);
    assertThat(o).isInstanceOf(Outcome.Refused.class);
    Refusal r = ((Outcome.Refused<Talks>) o).refusal();
    assertThat(r.rule()).as(r.reason()).isEqualTo(rule.id());
    assertThat(talks).isSameAs(before);
    return r;
  }

  static TextSubmission definition(String wording) {
    return new TextSubmission("def-violation", TextKind.DEFINITION, "violation",
        2, null, null, List.of(new Clause("1", wording)));
  }

  String hash(int version) {
    return talks.text("def-violation").orElseThrow().versions().get(version - 1).hash();
  }

  @BeforeEach
  void versions() {
    ok("AE", new Round(2, "Abu Dhabi", "AE", LocalDate.of(2026, 2, 4),
        LocalDate.of(2026, 2, 5), true));
    ok("UA", definition("Any fire, strike or advance after the ceasefire begins."));
    ok("RU", definition("Fire opened first, after the ceasefire begins."));
    ok("US", definition("Any fire, strike or advance, after the ceasefire begins, that the "
        + "monitor corroborates."));
  }

  @Test
  void agreedOnlyWhenAllThreeSignedTheSameHash() {
    ok("UA", new Initial("def-violation", hash(1)));
    ok("RU", new Initial("def-violation", hash(2)));
    ok("US", new Initial("def-violation", hash(3)));
    assertThat(talks.state("def-violation")).contains(State.DRAFT);
    assertThat(talks.text("def-violation").orElseThrow().divergences(signatories()))
        .containsExactly(new Divergence(Divergence.Of.INITIALS,
            new TreeMap<>(Map.of("UA", 1, "RU", 2, "US", 3))));
    refused("US", new Sign("def-violation", hash(3)), Rule.NOT_INITIALLED);

    ok("UA", new Initial("def-violation", hash(3)));
    ok("RU", new Initial("def-violation", hash(3)));
    assertThat(talks.state("def-violation")).contains(State.INITIALLED);
    assertThat(talks.text("def-violation").orElseThrow().divergences(signatories())).isEmpty();

    ok("US", new Sign("def-violation", hash(3)));
    ok("RU", new Sign("def-violation", hash(3)));
    assertThat(talks.state("def-violation")).contains(State.INITIALLED);
    assertThat(talks.glossary()).isEmpty();
    ok("UA", new Sign("def-violation", hash(3)));
    assertThat(talks.state("def-violation")).contains(State.AGREED);
    assertThat(talks.glossary()).containsOnlyKeys("violation");
    assertThat(talks.glossary().get("violation").version()).isEqualTo(3);
    assertThat(talks.glossary().get("violation").hash()).isEqualTo(hash(3));
  }

  @Test
  void aHashOfNoVersionIsRefusedAndAnotherVersionIsNamed() {
    Refusal r = refused("UA", new Initial("def-violation", "ab".repeat(32)), Rule.UNKNOWN_HASH);
    assertThat(r.reason()).contains("no version of def-violation");
    for (String p : signatories()) {
      ok(p, new Initial("def-violation", hash(3)));
    }
    ok("US", new Sign("def-violation", hash(3)));
    // a fourth version, initialled by all: Russia signs it, the mediator's signature stays on 3
    ok("RU", definition("Any fire, strike or advance after the ceasefire begins, as the "
        + "monitor finds."));
    for (String p : signatories()) {
      ok(p, new Initial("def-violation", hash(4)));
    }
    refused("UA", new Sign("def-violation", hash(3)), Rule.NOT_INITIALLED);
    ok("RU", new Sign("def-violation", hash(4)));
    assertThat(talks.text("def-violation").orElseThrow().divergences(signatories()))
        .containsExactly(new Divergence(Divergence.Of.SIGNATURES,
            new TreeMap<>(Map.of("US", 3, "RU", 4))));
    ok("UA", new Sign("def-violation", hash(4)));
    assertThat(talks.state("def-violation")).contains(State.INITIALLED);
    ok("US", new Sign("def-violation", hash(4)));
    assertThat(talks.state("def-violation")).contains(State.AGREED);
    assertThat(talks.glossary().get("violation").version()).isEqualTo(4);
  }

  @Test
  void anAgreedTextTakesNothingMore() {
    for (String p : signatories()) {
      ok(p, new Initial("def-violation", hash(2)));
    }
    for (String p : signatories()) {
      ok(p, new Sign("def-violation", hash(2)));
    }
    refused("UA", definition("something else"), Rule.ALREADY_AGREED);
    refused("UA", new Initial("def-violation", hash(1)), Rule.ALREADY_AGREED);
    refused("UA", new Sign("def-violation", hash(2)), Rule.ALREADY_AGREED);
  }

  @Test
  void whoSignsAndWhatIsSigned() {
    refused("AE", new Initial("def-violation", hash(1)), Rule.WRONG_SENDER);
    refused("UA", new Initial("def-nothing", hash(1)), Rule.UNKNOWN_TEXT);
    ok("UA", new TextSubmission("ua-position", TextKind.POSITION_PAPER, null, 2,
        null, null, List.of(new Clause("1", "Monitoring involves the American side."))));
    String paper = talks.text("ua-position").orElseThrow().latest().hash();
    refused("RU", new Initial("ua-position", paper), Rule.NOT_AGREEABLE);
    refused("RU", new TextSubmission("ua-position", TextKind.POSITION_PAPER, null,
        2, null, null, List.of(new Clause("1", "edited"))), Rule.WRONG_SENDER);
    refused("UA", definition("Any fire, strike or advance, after the ceasefire begins, that "
        + "the monitor corroborates."), Rule.DUPLICATE);
    refused("UA", new TextSubmission("t", TextKind.DRAFT, null, 9, null, null,
        List.of(new Clause("1", "x"))), Rule.MALFORMED);
    refused("UA", new TextSubmission("t", TextKind.DRAFT, null, 2, null, null,
        List.of(new Clause("1", "x"), new Clause("1", "y"))), Rule.MALFORMED);
  }

  @Test
  void theHashBindsTheTextAndItsWording() {
    List<Clause> c = List.of(new Clause("1", "a"), new Clause("2", "b"));
    String h = Texts.hash("t", TextKind.DRAFT, null, c);
    assertThat(h).hasSize(64).isEqualTo(Texts.hash("t", TextKind.DRAFT, null, c));
    assertThat(List.of(Texts.hash("u", TextKind.DRAFT, null, c),
        Texts.hash("t", TextKind.PROPOSAL, null, c),
        Texts.hash("t", TextKind.DRAFT, null, List.of(c.get(1), c.get(0))),
        Texts.hash("t", TextKind.DRAFT, null, List.of(new Clause("1", "ab"), new Clause("2", "")))))
        .doesNotContain(h).doesNotHaveDuplicates();
  }

  List<String> signatories() {
    return talks.rules().signatories();
  }
}
