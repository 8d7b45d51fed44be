package dev.verity.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgreementLoaderTest {
  private static final String MINIMAL = """
      id: tiny
      entryIntoForce: 2030-01-01
      endsOn: 2040-01-01
      parties:
        - {id: A, role: party}
        - {id: B, role: party}
        - {id: C, role: party}
      facilityKinds: [{id: base}]
      itemKinds:
        - {id: bomber, category: bomber}
      aggregates:
        - {id: bombers, terms: [{kinds: [bomber], status: [deployed, non-deployed], measure: count}]}
      limits:
        - {name: bombers, aggregate: bombers, max: 10, appliesFrom: 2031-01-01}
      messages:
        - {id: added, effect: add}
      """;

  private static Agreement load(String yaml) throws AgreementException {
    return new AgreementLoader(n -> n.equals("tiny") ? Optional.of(new StringReader(MINIMAL)) : Optional.empty())
        .load("test.yaml", new StringReader(yaml));
  }

  @Test
  void loadsAMinimalThreePartyAgreement() throws Exception {
    Agreement a = load(MINIMAL);
    assertThat(a.boundParties()).hasSize(3);
    assertThat(a.limits().get(0).max()).isEqualTo(10);
  }

  @Test
  void publishedFiguresMustNameAShippedTable() throws Exception {
    assertThat(load(MINIMAL).publishedFigures()).isNull();
    assertThat(load(MINIMAL + "publishedFigures: new-start-aggregates.csv\n").publishedFigures())
        .isEqualTo("new-start-aggregates.csv");
    assertThatThrownBy(() -> load(MINIMAL + "publishedFigures: ../../etc/passwd\n"))
        .hasMessageContaining("test.yaml: publishedFigures: unknown table '../../etc/passwd'");
  }

  @Test
  void aMessageMayBeProvidedUnderAnotherAgreementAndHaveAReceiptLimit() throws Exception {
    String under = MINIMAL.replace("{id: added, effect: add}", "{id: added, effect: add,"
        + " providedUnder: {agreement: other, message: note, source: Art. 1},"
        + " receiptWithin: {minutes: 60}}");
    MessageType m = load(under).messageType("added").orElseThrow();
    assertThat(m.providedUnder()).isEqualTo(new MessageType.ProvidedUnder("other", "note",
        "Art. 1"));
    assertThat(m.receiptWithin().duration().toMinutes()).isEqualTo(60);
    assertThatThrownBy(() -> load(under.replace("agreement: other", "agreement: tiny")))
        .hasMessage("test.yaml: messages[0].providedUnder: another agreement's id and one of"
            + " its message types: {agreement: ID, message: TYPE}");
    assertThatThrownBy(() -> load(under.replace("{minutes: 60}", "{minutes: 60, hours: 1}")))
        .hasMessage("test.yaml: messages[0].receiptWithin: one of minutes, hours or days");
  }

  @Test
  void theLifeOfAnAgreementNeedsAWholeNotice() throws Exception {
    assertThat(load(MINIMAL + "lifecycle: {withdrawalNotice: {months: 6}}\n").lifecycle()
        .earliestWithdrawal(Instant.parse("2031-08-31T12:00:00Z")))
        .isEqualTo(Instant.parse("2032-02-29T12:00:00Z"));
    assertThat(load(MINIMAL).lifecycle()).isEqualTo(LifecycleTerms.NONE);
    assertThatThrownBy(() -> load(MINIMAL + "lifecycle: {withdrawalNotice: {days: -1}}\n"))
        .hasMessage("test.yaml: lifecycle.withdrawalNotice: one of months or days, not negative");
  }

  @Test
  void extendsOverlaysTopLevelKeys() throws Exception {
    Agreement a = load("extends: tiny\nid: bigger\nendsOn: 2050-01-01\n");
    assertThat(a.id()).isEqualTo("bigger");
    assertThat(a.endsOn().getYear()).isEqualTo(2050);
    assertThat(a.parties()).hasSize(3);
  }

  @Test
  void malformedYamlNamesFileAndLine() {
    assertThatThrownBy(() -> load("id: x\nparties: [unclosed\nfoo: : bar\n"))
        .isInstanceOf(AgreementException.class)
        .hasMessageStartingWith("test.yaml: line ")
        .hasMessageContaining("malformed YAML")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void unknownItemKindInACountingRuleNamesThePath() {
    String bad = MINIMAL.replace("kinds: [bomber]", "kinds: [cruise-missile]");
    assertThatThrownBy(() -> load(bad))
        .hasMessage("test.yaml: aggregates[0].terms[0].kinds: unknown item kind 'cruise-missile'");
  }

  @Test
  void unknownCategoryNamesThePath() {
    String bad = MINIMAL.replace("category: bomber", "category: spaceship");
    assertThatThrownBy(() -> load(bad))
        .hasMessageStartingWith("test.yaml: itemKinds[0].category:");
  }

  @Test
  void unknownFieldNamesThePath() {
    String bad = MINIMAL.replace("max: 10", "max: 10, maximum: 11");
    assertThatThrownBy(() -> load(bad))
        .hasMessageStartingWith("test.yaml: limits[0].maximum:");
  }

  @Test
  void datesOutOfOrderAreRejected() {
    assertThatThrownBy(() -> load(MINIMAL.replace("endsOn: 2040-01-01", "endsOn: 2020-01-01")))
        .hasMessage("test.yaml: endsOn: must be after entryIntoForce 2030-01-01");
    assertThatThrownBy(() -> load(MINIMAL.replace("appliesFrom: 2031-01-01", "appliesFrom: 2041-01-01")))
        .hasMessageStartingWith("test.yaml: limits[0].appliesFrom: dates out of order");
  }

  @Test
  void unknownEffectAndAggregateAreRejected() {
    assertThatThrownBy(() -> load(MINIMAL.replace("effect: add", "effect: teleport")))
        .hasMessageStartingWith("test.yaml: messages[0].effect: unknown effect 'teleport'");
    assertThatThrownBy(() -> load(MINIMAL.replace("aggregate: bombers", "aggregate: missiles")))
        .hasMessage("test.yaml: limits[0].aggregate: unknown aggregate 'missiles'");
  }

  @Test
  void unknownBaseIsAnError() {
    assertThatThrownBy(() -> load("extends: nothing\n"))
        .hasMessage("test.yaml: extends: unknown agreement 'nothing'");
  }
}
