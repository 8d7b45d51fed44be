package dev.verity.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryTimelineTest {

  @Test
  void answersAsOfAnyInstantForwardAndBackward() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    Declaration d = new Declaration("new-start", "RU", LocalDate.of(2021, 3, 1), null,
        List.of(new Facility("ENG", null, "air-base", null, null), new Facility("KAZ", null, "repair-facility", null, null)),
        List.of(Item.of("B1", "heavy-bomber", "ENG"), Item.of("B2", "heavy-bomber", "ENG")));
    Instant t1 = Instant.parse("2021-04-01T00:00:00Z");
    Instant t2 = Instant.parse("2021-05-01T00:00:00Z");
    List<Notification> ns = List.of(
        new Notification(2, "RU", "item-moved", "B2", t2, t2, "KAZ", null, null, null),
        new Notification(1, "RU", "item-moved", "B1", t1, t1, "KAZ", null, null, null),
        new Notification(9, "US", "item-moved", "X", t1, t1, "KAZ", null, null, null)); // another Party's
    InventoryTimeline tl = new InventoryTimeline(a, "ru.json", d, ns);
    assertThat(tl.asOf(t1).aggregates()).containsEntry("deployed_icbm_slbm_hb", 2L);
    assertThat(tl.asOf(t1.plusSeconds(1)).aggregates()).containsEntry("deployed_icbm_slbm_hb", 1L);
    assertThat(tl.latest().aggregates()).containsEntry("deployed_icbm_slbm_hb", 0L);
    assertThat(tl.applied()).hasSize(2);
    assertThat(tl.asOf(t1).aggregates()).containsEntry("deployed_icbm_slbm_hb", 2L); // back in time
    assertThatThrownBy(() -> tl.asOf(Instant.parse("2020-01-01T00:00:00Z"))).hasMessageContaining("dates out of order");
  }
}
