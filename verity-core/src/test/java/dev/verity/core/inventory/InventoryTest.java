package dev.verity.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InventoryTest {
  private static Agreement newStart;
  private static final Instant T0 = Instant.parse("2020-09-10T12:00:00Z");

  @BeforeAll
  static void load() throws Exception {
    newStart = AgreementCatalog.get("new-start");
  }

  private static final List<Facility> FACILITIES = List.of(
      new Facility("MALM", "Malmstrom AFB", "icbm-base", null, null),
      new Facility("VAFB", "Vandenberg SFB", "space-launch-facility", null, null),
      new Facility("KB", "Kings Bay", "submarine-base", null, null),
      new Facility("WHIT", "Whiteman AFB", "air-base", null, null),
      new Facility("TINK", "Tinker AFB", "repair-facility", null, null),
      new Facility("HILL", "Hill AFB", "storage-facility", null, null));

  /** One of each case of New START Protocol Part One (DOMAIN.md section 2). */
  private static Declaration sample() {
    List<Item> items = new ArrayList<>();
    items.add(Item.of("S1", "icbm-launcher-silo", "MALM"));
    items.add(new Item("M1", "icbm", "MALM", "S1", null, 1, null, null, null, null));
    items.add(Item.of("S2", "icbm-launcher-silo", "MALM")); // empty silo: non-deployed
    items.add(Item.of("S3", "icbm-launcher-silo", "VAFB")); // at a space launch facility
    items.add(new Item("M3", "icbm", "VAFB", "S3", null, 1, null, null, null, null));
    items.add(Item.of("S4", "icbm-launcher-silo", "MALM").withTest(true)); // test launcher
    items.add(new Item("M4", "icbm", "MALM", "S4", null, 1, null, null, null, null));
    items.add(new Item("SUB", "submarine", "KB", null, null, null, null, null, true, null));
    items.add(Item.of("T1", "slbm-launcher", "KB").withCarrier("SUB"));
    items.add(new Item("D1", "slbm", "KB", "T1", null, 4, null, null, null, null));
    items.add(Item.of("T2", "slbm-launcher", "KB").withCarrier("SUB").withConverted(true)); // converted tube
    items.add(Item.of("B1", "heavy-bomber", "WHIT"));
    items.add(Item.of("B2", "heavy-bomber", "TINK")); // at a repair facility
    items.add(Item.of("B3", "heavy-bomber", "WHIT").withArmament("non-nuclear"));
    items.add(new Item("M9", "icbm", "HILL", null, null, 3, null, null, null, null)); // spare missile
    return new Declaration("new-start", "US", LocalDate.of(2020, 9, 1), null, FACILITIES, items);
  }

  private static Notification n(long no, String type, String item, String facility, String launcher, Integer w) {
    return new Notification(no, "US", type, item, T0.plusSeconds(no * 60), T0.plusSeconds(no * 60 + 3600), facility, launcher, w, null);
  }

  @Test
  void statusIsDerivedByTheCountingRules() throws Exception {
    Inventory inv = Inventory.of(newStart, "sample", sample());
    assertThat(inv.status("S1")).isEqualTo(ItemStatus.DEPLOYED);
    assertThat(inv.status("M1")).isEqualTo(ItemStatus.DEPLOYED);
    assertThat(inv.status("S2")).isEqualTo(ItemStatus.NON_DEPLOYED);
    assertThat(inv.status("S3")).isEqualTo(ItemStatus.NON_DEPLOYED);
    assertThat(inv.status("M3")).isEqualTo(ItemStatus.NON_DEPLOYED);
    assertThat(inv.status("S4")).isEqualTo(ItemStatus.NON_DEPLOYED);
    assertThat(inv.status("T1")).isEqualTo(ItemStatus.DEPLOYED);
    assertThat(inv.status("D1")).isEqualTo(ItemStatus.DEPLOYED);
    assertThat(inv.status("T2")).isEqualTo(ItemStatus.NOT_COUNTED);
    assertThat(inv.status("SUB")).isEqualTo(ItemStatus.NOT_COUNTED);
    assertThat(inv.status("B1")).isEqualTo(ItemStatus.DEPLOYED);
    assertThat(inv.status("B2")).isEqualTo(ItemStatus.NON_DEPLOYED);
    assertThat(inv.status("B3")).isEqualTo(ItemStatus.NOT_COUNTED);
    assertThat(inv.status("M9")).isEqualTo(ItemStatus.NON_DEPLOYED);
    // deployed: M1, D1, B1; warheads: 1 + 4 + 1 per bomber; launchers: S1..S4, T1, B1, B2
    assertThat(inv.aggregates()).containsEntry("deployed_icbm_slbm_hb", 3L)
        .containsEntry("warheads", 6L).containsEntry("deployed_and_nondeployed_launchers", 7L);
  }

  @Test
  void notificationsUpdateTheRunningTotals() throws Exception {
    Inventory inv = Inventory.of(newStart, "sample", sample());
    inv.apply(n(1, "missile-unloaded", "M1", "HILL", null, null));
    assertThat(inv.status("S1")).isEqualTo(ItemStatus.NON_DEPLOYED);
    inv.apply(n(2, "missile-loaded", "M9", null, "S2", null));
    assertThat(inv.item("M9").facility()).isEqualTo("MALM");
    inv.apply(n(3, "item-eliminated", "S1", null, null, null));
    inv.apply(n(4, "item-moved", "B2", "WHIT", null, null));
    inv.apply(n(5, "warheads-changed", "D1", null, null, 8));
    inv.apply(n(6, "item-converted", "B1", null, null, null));
    assertThat(inv.aggregates()).isEqualTo(inv.recomputeAggregates());
    // deployed: M9 (3), D1 (8), B2 (1)
    assertThat(inv.aggregates()).containsEntry("deployed_icbm_slbm_hb", 3L).containsEntry("warheads", 12L)
        .containsEntry("deployed_and_nondeployed_launchers", 5L);
  }

  @Test
  void incrementalTotalsAlwaysEqualARecomputation() throws Exception {
    Random r = new Random(3);
    Inventory inv = Inventory.of(newStart, "sample", sample());
    List<String> types = List.of("missile-unloaded", "missile-loaded", "item-moved", "warheads-changed", "item-converted");
    for (long no = 1; no <= 400; no++) {
      List<String> ids = new ArrayList<>(inv.items().keySet());
      String id = ids.get(r.nextInt(ids.size()));
      String type = types.get(r.nextInt(types.size()));
      String facility = FACILITIES.get(r.nextInt(FACILITIES.size())).id();
      try {
        inv.apply(n(no, type, id, facility, ids.get(r.nextInt(ids.size())), r.nextInt(5)));
      } catch (InventoryException rejected) {
        continue; // a change the rules refuse leaves no trace
      }
      assertThat(inv.aggregates()).as("after #%d %s %s", no, type, id).isEqualTo(inv.recomputeAggregates());
    }
  }

  @Test
  void anItemMovedAfterEliminationIsAnError() throws Exception {
    Inventory inv = Inventory.of(newStart, "sample", sample());
    inv.apply(n(1, "item-eliminated", "S2", null, null, null));
    assertThatThrownBy(() -> inv.apply(n(2, "item-moved", "S2", "VAFB", null, null)))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("notification US #2 (item-moved")
        .hasMessageContaining("item 'S2' was eliminated by notification US #1")
        .hasMessageContaining("cannot be moved after elimination");
  }

  @Test
  void datesOutOfOrderAndUnknownsAreErrors() throws Exception {
    Inventory inv = Inventory.of(newStart, "sample", sample());
    inv.apply(n(5, "item-moved", "B2", "WHIT", null, null));
    assertThatThrownBy(() -> inv.apply(n(4, "item-moved", "B1", "TINK", null, null)))
        .hasMessageContaining("dates out of order");
    assertThatThrownBy(() -> inv.apply(n(6, "item-teleported", "B1", "TINK", null, null)))
        .hasMessageContaining("type: unknown message type 'item-teleported'");
    assertThatThrownBy(() -> inv.apply(n(7, "item-moved", "NOPE", "TINK", null, null)))
        .hasMessageContaining("unknown unique identifier 'NOPE'");
    assertThatThrownBy(() -> inv.apply(n(8, "missile-loaded", "M9", null, "T1", null)))
        .hasMessageContaining("cannot hold a icbm");
  }

  @Test
  void badDeclarationsNameTheFieldPath() {
    Declaration d = sample();
    List<Item> items = new ArrayList<>(d.items());
    items.set(3, Item.of("S3", "cruise-missile", "MALM"));
    Declaration bad = new Declaration("new-start", "US", d.asOf(), null, FACILITIES, items);
    assertThatThrownBy(() -> Inventory.of(newStart, "us.json", bad))
        .isInstanceOf(DeclarationException.class)
        .hasMessageStartingWith("us.json: items[3].kind: unknown item kind 'cruise-missile'");
    items.set(3, Item.of("S1", "icbm-launcher-silo", "MALM"));
    assertThatThrownBy(() -> Inventory.of(newStart, "us.json", new Declaration("new-start", "US", d.asOf(), null, FACILITIES, items)))
        .hasMessage("us.json: items[3].id: missing or duplicate unique identifier 'S1'");
    assertThatThrownBy(() -> Inventory.of(newStart, "us.json", new Declaration("new-start", "CN", d.asOf(), null, FACILITIES, List.of())))
        .hasMessage("us.json: party: 'CN' is not a Party of new-start");
  }
}
