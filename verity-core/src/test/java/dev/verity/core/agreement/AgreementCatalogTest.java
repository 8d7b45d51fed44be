package dev.verity.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;


class AgreementCatalogTest {

  @Test
  void newStartIsEncodedFromTheTreaty() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    assertThat(a.entryIntoForce()).isEqualTo(LocalDate.of(2011, 2, 5));
    assertThat(a.endsOn()).isEqualTo(LocalDate.of(2026, 2, 5));
    assertThat(a.boundParties()).extracting(Party::id).containsExactly("US", "RU");
    assertThat(a.limits()).extracting(Limit::max).containsExactly(700L, 1550L, 800L);
    assertThat(a.limits()).allSatisfy(l -> assertThat(l.appliesFrom()).isEqualTo(LocalDate.of(2018, 2, 5)));
    assertThat(a.itemKinds()).extracting(ItemKind::id).contains("icbm", "slbm", "icbm-launcher-silo",
        "icbm-launcher-mobile", "slbm-launcher", "submarine", "heavy-bomber");
    assertThat(a.inspections().typeOne()).isEqualTo(10);
    assertThat(a.inspections().typeTwo()).isEqualTo(8);
    assertThat(a.dataExchange().asOf()).containsExactly("03-01", "09-01");
    assertThat(a.messageType("item-moved").orElseThrow().deadline().afterEventDays()).isEqualTo(5);
  }

  @Test
  void exchangeDatesStartAtEntryIntoForceAndStopAtExpiry() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    assertThat(a.exchangeDates(LocalDate.of(2030, 1, 1)))
        .startsWith(LocalDate.of(2011, 2, 5), LocalDate.of(2011, 9, 1), LocalDate.of(2012, 3, 1))
        .endsWith(LocalDate.of(2025, 9, 1))
        .hasSize(1 + 2 * 15 - 1);
  }

  @Test
  void voluntaryRegimeExtendsNewStartWithoutInspections() throws Exception {
    Agreement a = AgreementCatalog.get("new-start-voluntary-2026");
    assertThat(a.entryIntoForce()).isEqualTo(LocalDate.of(2026, 2, 5));
    assertThat(a.inspections()).isNull();
    assertThat(a.dataExchange().required()).isFalse();
    assertThat(a.itemKinds()).hasSameSizeAs(AgreementCatalog.get("new-start").itemKinds());
    assertThat(a.limits()).extracting(Limit::max).containsExactly(700L, 1550L, 800L);
  }

  @Test
  void newStartAndItsVoluntarySuccessorPlotTheStateDepartmentFigures() throws Exception {
    assertThat(AgreementCatalog.get("new-start").publishedFigures()).isEqualTo("new-start-aggregates.csv");
    assertThat(AgreementCatalog.get("new-start-voluntary-2026").publishedFigures()).as("inherited by extends")
        .isEqualTo("new-start-aggregates.csv");
    assertThat(AgreementCatalog.get("trilateral-hypothetical").publishedFigures()).isNull();
  }

  @Test
  void hypotheticalExampleHasAThirdPartyAndSaysSo() throws Exception {
    Agreement a = AgreementCatalog.get("trilateral-hypothetical");
    assertThat(a.hypothetical()).isTrue();
    assertThat(a.title()).contains("HYPOTHETICAL");
    assertThat(a.boundParties()).extracting(Party::id).containsExactly("US", "RU", "CN");
    assertThat(a.parties()).hasSize(4);
  }

  @Test
  void allBundledLoad() throws Exception {
    assertThat(AgreementCatalog.bundled()).extracting(Agreement::id).containsExactlyElementsOf(AgreementCatalog.BUNDLED);
  }

  @Test
  void unknownNameIsAnError() {
    assertThatThrownBy(() -> AgreementCatalog.get("salt-iii"))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("unknown agreement 'salt-iii'")
        .hasMessageContaining("new-start");
  }

  @Test
  void theEventWindowIsAgreementData() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    EventWindow w = a.eventWindow();
    assertThat(w.advanceNoticeDaysOrDefault()).isEqualTo(366);
    MessageType exercise = a.messageType("bomber-exercise").orElseThrow();
    MessageType moved = a.messageType("item-moved").orElseThrow();
    Instant now = Instant.parse("2020-03-02T00:00:00Z");
    assertThat(w.problem(a, exercise, now.plus(Duration.ofDays(21)), now)).isNull();
    assertThat(w.problem(a, exercise, Instant.parse("2029-03-02T00:00:00Z"), now))
        .contains("more than 366 days ahead").contains("eventWindow.advanceNoticeDays");
    assertThat(w.problem(a, moved, now.plus(Duration.ofHours(2)), now)).isNull();
    assertThat(w.problem(a, moved, now.plus(Duration.ofDays(3)), now))
        .contains("in the future").contains("eventWindow.reportAheadHours");
    assertThat(w.problem(a, moved, Instant.parse("2010-01-01T00:00:00Z"), now))
        .isEqualTo("2010-01-01T00:00:00Z is before new-start entered into force (2011-02-05)");
    List<String> offered = AgreementCatalog.get("new-start-voluntary-2026").messages().stream()
        .map(MessageType::id).toList();
    assertThat(offered).contains("launch", "bomber-exercise", "item-moved", "warheads-changed")
        .noneMatch(id -> id.startsWith("inspection-") || id.startsWith("exhibition-"));
  }
}
