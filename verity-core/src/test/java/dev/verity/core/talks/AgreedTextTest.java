package dev.verity.core.talks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.talks.Action.AnnounceRound;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.Sign;
import dev.verity.core.talks.Action.SubmitText;
import dev.verity.core.talks.Participant.Role;
import dev.verity.core.talks.Refusal.Reason;
import dev.verity.core.talks.TextRecord.Divergence;
import dev.verity.core.talks.TextRecord.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
      new Participant("US", Role.MEDIATOR), new Participant("RU", Role.PARTY),
      new Participant("UA", Role.PARTY), new Participant("AE", Role.HOST))));
  Talks talks = regime.empty();
  int minute;

  Instant next() {
    return T0.plus(Duration.ofMinutes(++minute));
  }

  void ok(String who, Action a) {
    Outcome o = regime.apply(talks, new Step(who, next(), a));
    assertThat(o.refusal()).as("%s: %s", who, a).isNull();
    talks = o.talks();
  }

  Refusal refused(String who, Action a, Reason reason) {
    Outcome o = regime.apply(talks, new Step(who, next(), a));
    assertThat(o.refusal()).isNotNull();
    assertThat(o.refusal().reason()).as(o.refusal().words()).isEqualTo(reason);
    assertThat(o.talks()).isSameAs(talks);
    return o.refusal();
  }

  static SubmitText definition(String wording) {
    return new SubmitText(new TextSubmission("def-violation", TextKind.DEFINITION, "violation",
        2, null, null, List.of(new Clause("1", wording))));
  }

  String hash(int version) {
    return talks.text("def-violation").orElseThrow().versions().get(version - 1).hash();
  }

  @BeforeEach
  void versions() {
    ok("AE", new AnnounceRound(new Round(2, "Abu Dhabi", "AE", LocalDate.of(2026, 2, 4),
        LocalDate.of(2026, 2, 5), true)));
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
    refused("US", new Sign("def-violation", hash(3)), Reason.NOT_INITIALLED);

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
    Refusal r = refused("UA", new Initial("def-violation", "ab".repeat(32)), Reason.UNKNOWN_HASH);
    assertThat(r.words()).contains("no version of def-violation");
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
    refused("UA", new Sign("def-violation", hash(3)), Reason.NOT_INITIALLED);
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
    refused("UA", definition("something else"), Reason.ALREADY_AGREED);
    refused("UA", new Initial("def-violation", hash(1)), Reason.ALREADY_AGREED);
    refused("UA", new Sign("def-violation", hash(2)), Reason.ALREADY_AGREED);
  }

  @Test
  void whoSignsAndWhatIsSigned() {
    refused("AE", new Initial("def-violation", hash(1)), Reason.WRONG_SENDER);
    refused("UA", new Initial("def-nothing", hash(1)), Reason.UNKNOWN_TEXT);
    ok("UA", new SubmitText(new TextSubmission("ua-position", TextKind.POSITION_PAPER, null, 2,
        null, null, List.of(new Clause("1", "Monitoring involves the American side.")))));
    String paper = talks.text("ua-position").orElseThrow().latest().hash();
    refused("RU", new Initial("ua-position", paper), Reason.NOT_AGREEABLE);
    refused("RU", new SubmitText(new TextSubmission("ua-position", TextKind.POSITION_PAPER, null,
        2, null, null, List.of(new Clause("1", "edited")))), Reason.WRONG_SENDER);
    refused("UA", definition("Any fire, strike or advance, after the ceasefire begins, that "
        + "the monitor corroborates."), Reason.DUPLICATE);
    refused("UA", new SubmitText(new TextSubmission("t", TextKind.DRAFT, null, 9, null, null,
        List.of(new Clause("1", "x")))), Reason.MALFORMED);
    refused("UA", new SubmitText(new TextSubmission("t", TextKind.DRAFT, null, 2, null, null,
        List.of(new Clause("1", "x"), new Clause("1", "y")))), Reason.MALFORMED);
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
