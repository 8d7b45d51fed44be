package dev.verity.core.commission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementVersionsTest {
  static final Instant JUNE = Instant.parse("2019-06-01T00:00:00Z");
  static final Instant SEPT = Instant.parse("2019-09-01T00:00:00Z");

  @Test
  void anAmendmentAppliesFromItsEffectiveInstant() throws Exception {
    Agreement ns = AgreementCatalog.get("new-start");
    AgreementVersions v = AgreementVersions.of(ns)
        .amend("D1", JUNE, List.of(new Amendment("inspections.typeOne", IntNode.valueOf(12))));
    assertThat(v.at(JUNE.minusSeconds(1)).inspections().typeOne()).isEqualTo(10);
    assertThat(v.at(JUNE).inspections().typeOne()).isEqualTo(12);
    assertThat(v.at(JUNE).inspections().typeTwo()).isEqualTo(8);
    assertThat(v.at(JUNE).limits()).isEqualTo(ns.limits()); // nothing else changed
    assertThat(v.original()).isSameAs(ns);
  }

  @Test
  void laterAndEarlierDecisionsCompose() throws Exception {
    Agreement ns = AgreementCatalog.get("new-start");
    AgreementVersions v = AgreementVersions.of(ns)
        .amend("D2", SEPT, List.of(new Amendment("limits[name=warheads].max", IntNode.valueOf(1500))))
        .amend("D1", JUNE, List.of(new Amendment("messages[id=inspection-restrictions].deadline.afterEventHours", IntNode.valueOf(2))));
    assertThat(v.versions()).extracting(AgreementVersions.Version::decision).containsExactly(null, "D1", "D2");
    assertThat(v.at(JUNE).messageType("inspection-restrictions").orElseThrow().deadline().afterEventHours()).isEqualTo(2);
    assertThat(v.at(JUNE).limits().get(1).max()).isEqualTo(1550);
    // the later version keeps the earlier decision's change
    assertThat(v.at(SEPT).messageType("inspection-restrictions").orElseThrow().deadline().afterEventHours()).isEqualTo(2);
    assertThat(v.at(SEPT).limits().get(1).max()).isEqualTo(1500);
  }

  @Test
  void invalidAmendmentsAreRefusedWithTheirPath() throws Exception {
    AgreementVersions v = AgreementVersions.of(AgreementCatalog.get("new-start"));
    assertThatThrownBy(() -> v.amend("D", JUNE, List.of(new Amendment("limits[name=nope].max", IntNode.valueOf(1)))))
        .isInstanceOf(AmendmentException.class).hasMessage("D: limits[name=nope].max: no element [name=nope] in 'limits'");
    assertThatThrownBy(() -> v.amend("D", JUNE, List.of(new Amendment("limits[0].max", IntNode.valueOf(-5)))))
        .hasMessage("new-start as amended by D: limits[0].max: must not be negative");
    assertThatThrownBy(() -> v.amend("D", JUNE, List.of(new Amendment("inspections.typeOneFacilityKinds[0]", TextNode.valueOf("moon-base")))))
        .hasMessageContaining("unknown facility kind 'moon-base'");
    assertThatThrownBy(() -> v.amend("D", JUNE, List.of(new Amendment("inspections.colour", TextNode.valueOf("red")))))
        .hasMessageContaining("colour");
  }
}
