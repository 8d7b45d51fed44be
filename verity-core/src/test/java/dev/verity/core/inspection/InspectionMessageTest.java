package dev.verity.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectionMessageTest {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  static final List<InspectionMessage> ALL = List.of(
      new InspectionMessage.Notice("I-1", "RU", "MOSCOW", Instant.parse("2019-03-01T08:00:00Z")),
      new InspectionMessage.Arrival("I-1", "MOSCOW"),
      new InspectionMessage.SiteDesignated("I-1", "BASE-1", 1),
      new InspectionMessage.RestrictionsInForce("I-1"),
      new InspectionMessage.SelectionCommit("I-1", "00".repeat(32),
          List.of(new dev.verity.core.selection.SelectionInputs.CheckpointRef("US", "o", 1, "AA==")), 2),
      new InspectionMessage.SelectionAnswer("I-1", "01".repeat(32)),
      new InspectionMessage.SelectionReveal("I-1", "02".repeat(32)),
      new InspectionMessage.ItemsDesignated("I-1", "M-1", List.of("HB-1")),
      new InspectionMessage.Findings("I-1", List.of("M-1"), 4, Map.of("HB-1", 0)),
      new InspectionMessage.JointReport("I-1", "sha256:00"),
      new InspectionMessage.AmbiguityRaised("I-1", "why?", List.of(new EntryRef("US", 3))),
      new InspectionMessage.Exemption("BASE-2", Instant.EPOCH, Instant.parse("2019-03-01T00:00:00Z"), "flood"),
      new InspectionMessage.ExhibitionInvitation("EX-1", "icbm", "SITE-1", LocalDate.of(2019, 3, 1)),
      new InspectionMessage.ExhibitionHeld("EX-1", List.of("M-NEW")));

  @Test
  void everyStepRoundTripsAsJsonWithItsAgreementTypeId() throws Exception {
    var a = AgreementCatalog.get("new-start");
    for (InspectionMessage m : ALL) {
      String json = JSON.writeValueAsString(m);
      assertThat(json).startsWith("{\"type\":\"" + m.typeId() + "\"");
      assertThat(JSON.readValue(json, InspectionMessage.class)).isEqualTo(m);
      assertThat(a.messageType(m.typeId())).as(m.typeId()).isPresent();
    }
    assertThat(ALL.stream().map(InspectionMessage::typeId).distinct()).hasSize(ALL.size());
  }

  @Test
  void aStepAsAnEntry() throws Exception {
    Step s = new Step("US", 7, Instant.parse("2019-03-01T08:00:00Z"), ALL.get(0));
    assertThat(JSON.readValue(JSON.writeValueAsString(s), Step.class)).isEqualTo(s);
    assertThat(s.entry()).isEqualTo(new EntryRef("US", 7));
  }
}
