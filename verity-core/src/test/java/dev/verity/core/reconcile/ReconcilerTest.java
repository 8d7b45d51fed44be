package dev.verity.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


class ReconcilerTest {
  private static Agreement a;
  private static final List<Facility> F = List.of(
      new Facility("ENG", "Engels-2", "air-base", null, null),
      new Facility("UKR", "Ukrainka", "air-base", null, null),
      new Facility("KAZ", "Kazan", "repair-facility", null, null),
      new Facility("TAT", "Tatishchevo", "icbm-base", null, null));

  @BeforeAll
  static void load() throws Exception {
    a = AgreementCatalog.get("new-start");
  }

  private static Declaration decl(LocalDate asOf, Item... items) {
    return new Declaration("new-start", "RU", asOf, null, F, List.of(items));
  }

  private static Notification n(long no, String type, String item, String facility, long receivedAfterDays) {
    Instant t = Instant.parse("2021-04-01T12:00:00Z").plusSeconds(no * 3600);
    return new Notification(no, "RU", type, item, t, t.plusSeconds(receivedAfterDays * 86_400), facility, null, null, null);
  }

  private static final Item B1 = Item.of("RU-TU95-0001", "heavy-bomber", "ENG");
  private static final Item B2 = Item.of("RU-TU95-0002", "heavy-bomber", "ENG");
  private static final Item S1 = Item.of("RU-S-1", "icbm-launcher-silo", "TAT");
  private static final Item M1 = new Item("RU-M-1", "icbm", "TAT", "RU-S-1", null, 4, null, null, null, null);

  @Test
  void notifiedChangesReconcileClean() throws Exception {
    Declaration from = decl(LocalDate.of(2021, 3, 1), B1, B2, S1, M1);
    Declaration to = decl(LocalDate.of(2021, 9, 1), B1.withFacility("UKR"), B2, S1, M1);
    Reconciliation r = new Reconciler(a).reconcile("from", from, List.of(n(1, "item-moved", B1.id(), "UKR", 1)), "to", to);
    assertThat(r.clean()).isTrue();
    assertThat(r.notificationsApplied()).isEqualTo(1);
    assertThat(r.expectedAggregates()).isEqualTo(r.declaredAggregates());
  }

  @Test
  void eachKindIsReportedByUniqueIdentifier() throws Exception {
    Declaration from = decl(LocalDate.of(2021, 3, 1), B1, B2, S1, M1);
    Item b3 = Item.of("RU-TU160-0009", "heavy-bomber", "ENG");
    Declaration to = decl(LocalDate.of(2021, 9, 1),
        B2.withFacility("KAZ"), S1, M1.withWarheads(3), b3); // B1 gone, B2 moved, M1 changed, b3 new
    List<Notification> ns = List.of(
        n(1, "launch", null, null, -2),
        n(3, "launch", null, null, -2), // #2 never arrived
        n(4, "item-moved", B1.id(), "UKR", 9)); // late: 9 days after the event
    Reconciliation r = new Reconciler(a).reconcile("from", from, ns, "to", to);
    assertThat(r.discrepancies()).extracting(Discrepancy::key).containsExactlyInAnyOrder(
        "missing-item RU RU-TU95-0001",
        "location-mismatch RU RU-TU95-0002",
        "warhead-mismatch RU RU-M-1",
        "unexplained-item RU RU-TU160-0009",
        "late-notification RU #4",
        "missing-notification RU #2");
    Discrepancy loc = r.discrepancies().stream().filter(d -> d.kind() == DiscrepancyKind.LOCATION_MISMATCH).findFirst().orElseThrow();
    assertThat(loc.expected()).isEqualTo("ENG");
    assertThat(loc.declared()).isEqualTo("KAZ");
  }

  @Test
  void aWithdrawnNumberIsNoGap() throws Exception {
    Declaration from = decl(LocalDate.of(2021, 3, 1), B1);
    Declaration to = decl(LocalDate.of(2021, 9, 1), B1);
    List<Notification> ns = List.of(n(1, "launch", null, null, -2), n(3, "launch", null, null, -2));
    assertThat(new Reconciler(a).reconcile("from", from, ns, "to", to).discrepancies())
        .extracting(Discrepancy::key).containsExactly("missing-notification RU #2");
    var withdrawn = Set.of(2L);
    assertThat(new Reconciler(a).reconcile("from", from, ns, "to", to, withdrawn).clean()).isTrue();
  }

  @Test
  void statusMismatchWhenThePlaceIsTheSame() throws Exception {
    Declaration from = decl(LocalDate.of(2021, 3, 1), B1);
    Declaration to = decl(LocalDate.of(2021, 9, 1), B1.withArmament("non-nuclear"));
    Reconciliation r = new Reconciler(a).reconcile("from", from, List.of(), "to", to);
    assertThat(r.discrepancies()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.STATUS_MISMATCH);
      assertThat(d.expected()).isEqualTo("deployed");
      assertThat(d.declared()).isEqualTo("not-counted");
    });
  }

  @Test
  void badInputIsRejected() {
    Declaration from = decl(LocalDate.of(2021, 3, 1), B1);
    assertThatThrownBy(() -> new Reconciler(a).reconcile("a.json", from, List.of(), "b.json", decl(LocalDate.of(2020, 9, 1), B1)))
        .isInstanceOf(ReconcileException.class)
        .hasMessage("b.json: asOf: dates out of order: 2020-09-01 is not after 2021-03-01 (a.json)");
    assertThatThrownBy(() -> new Reconciler(a).reconcile("a.json", from,
        List.of(n(1, "item-eliminated", B1.id(), null, 1), n(2, "item-moved", B1.id(), "UKR", 1)), "b.json", decl(LocalDate.of(2021, 9, 1))))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("cannot be moved after elimination");
  }
}
