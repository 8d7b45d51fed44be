package dev.verity.core.commission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.commission.CommissionMessage.AgendaItemAdded;
import dev.verity.core.commission.CommissionMessage.DecisionProposed;
import dev.verity.core.commission.CommissionMessage.DecisionSigned;
import dev.verity.core.commission.CommissionMessage.ItemClosed;
import dev.verity.core.commission.CommissionMessage.SessionConvened;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommissionTest {
  static Instant day(int d) {
    return Instant.parse("2019-05-01T00:00:00Z").plusSeconds(86_400L * d);
  }

  @Test
  void sessionsItemsAndADecisionThatRaisesAQuotaFromItsDate() throws Exception {
    List<Commission.Entry> es = new ArrayList<>();
    es.add(new Commission.Entry("US", 40, day(0), new SessionConvened("BCC-1", LocalDate.of(2019, 5, 1), "Geneva")));
    es.add(new Commission.Entry("US", 41, day(0), new AgendaItemAdded("BCC-1", "A-1", "RV count on M-1", List.of(new EntryRef("US", 17)))));
    es.add(new Commission.Entry("RU", 12, day(0).plusSeconds(60), new AgendaItemAdded("BCC-1", "A-2", "more Type One inspections", List.of())));
    es.add(new Commission.Entry("US", 42, day(1), new DecisionProposed("D-1", "BCC-1", "A-2", "12 Type One a year",
        day(30), List.of(new Amendment("inspections.typeOne", IntNode.valueOf(12))))));
    Commission c = Commission.fold(AgreementVersions.of(AgreementCatalog.get("new-start")), es);
    assertThat(c.results()).allSatisfy(r -> assertThat(r.refusal()).isNull());
    assertThat(c.decision("D-1").orElseThrow().adoptedAt()).isNull(); // RU has not signed
    assertThat(c.versions().at(day(31)).inspections().typeOne()).isEqualTo(10);
    assertThat(c.openItems()).extracting(Commission.AgendaItem::id).containsExactly("A-1", "A-2");
    assertThat(c.agenda().get(0).concerning()).containsExactly(new EntryRef("US", 17));

    assertThat(c.apply(new Commission.Entry("RU", 13, day(2), new DecisionSigned("D-1"))).accepted()).isTrue();
    assertThat(c.decision("D-1").orElseThrow().adoptedAt()).isEqualTo(day(2));
    assertThat(c.versions().at(day(29)).inspections().typeOne()).isEqualTo(10);
    assertThat(c.versions().at(day(30)).inspections().typeOne()).isEqualTo(12);
    assertThat(c.openItems()).extracting(Commission.AgendaItem::id).containsExactly("A-1");
    assertThat(c.apply(new Commission.Entry("RU", 14, day(3), new DecisionSigned("D-1"))).refusal()).isEqualTo("RU already signed decision D-1");
    assertThat(c.apply(new Commission.Entry("RU", 15, day(3), new ItemClosed("A-1", "explained: a test missile"))).accepted()).isTrue();
    assertThat(c.openItems()).isEmpty();
  }

  @Test
  void anInvalidAmendmentIsRefusedWhenProposed() throws Exception {
    Commission c = new Commission(AgreementVersions.of(AgreementCatalog.get("new-start")));
    c.apply(new Commission.Entry("US", 0, day(0), new SessionConvened("S", LocalDate.of(2019, 5, 1), "Geneva")));
    Commission.Result r = c.apply(new Commission.Entry("US", 1, day(0), new DecisionProposed("D", "S", null, "x", day(3),
        List.of(new Amendment("inspections.typeTwo", IntNode.valueOf(-1))))));
    assertThat(r.refusal()).isEqualTo("new-start as amended by D: inspections.typeTwo: must not be negative");
    assertThat(c.decisions()).isEmpty();
    assertThat(c.apply(new Commission.Entry("XX", 0, day(0), new DecisionSigned("D"))).accepted()).isFalse();
  }
}
