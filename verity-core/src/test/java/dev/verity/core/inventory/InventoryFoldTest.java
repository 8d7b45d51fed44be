package dev.verity.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.SharedData;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import dev.verity.core.scenario.ForceTemplates;
import dev.verity.core.scenario.Scenario;
import dev.verity.core.scenario.ScenarioGenerator;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** The ordered fold: any arrival order, one result; refusals name a notification, change none. */
class InventoryFoldTest {
  private static Agreement a;
  private static Scenario scenario;

  @BeforeAll
  static void load() throws Exception {
    a = AgreementCatalog.get("new-start");
    List<AggregatesTable.Row> rows;
    try (Reader r = SharedData.reader("new-start-aggregates.csv")) {
      rows = AggregatesTable.read("new-start-aggregates.csv", r, a);
    }
    scenario =
        new ScenarioGenerator(a, rows, ForceTemplates.bundled())
            .generate(LocalDate.of(2019, 9, 1), null, 0, 11);
  }

  private static Declaration first(String party) {
    return scenario.declarations().stream()
        .filter(d -> d.party().equals(party))
        .findFirst()
        .orElseThrow();
  }

  private static List<Notification> of(String party, Declaration d) {
    Instant start = d.asOf().atStartOfDay(ZoneOffset.UTC).toInstant();
    return scenario.notifications().stream()
        .filter(n -> n.party().equals(party) && !n.eventTime().isBefore(start))
        .toList();
  }

  /**
   * Property: notifications offered in a random order, the refused ones offered again until none
   * is left, fold to exactly the inventory of the sorted timeline, at the end and at any instant
   * between; and each refusal leaves the fold as it was.
   */
  @Test
  void anyArrivalOrderFoldsToTheTimeline() throws Exception {
    for (String party : List.of("US", "RU")) {
      Declaration d = first(party);
      List<Notification> all = of(party, d);
      assertThat(all).hasSizeGreaterThan(20);
      InventoryTimeline timeline = new InventoryTimeline(a, "t", d, all);
      for (long seed = 1; seed <= 8; seed++) {
        InventoryFold fold = new InventoryFold(a, "t", d);
        List<Notification> waiting = new ArrayList<>(all);
        Collections.shuffle(waiting, new Random(seed));
        int rounds = 0;
        while (!waiting.isEmpty()) {
          assertThat(++rounds)
              .as("%s seed %d: no progress", party, seed)
              .isLessThan(all.size() + 2);
          waiting.removeIf(n -> offer(fold, n));
        }
        assertThat(fold.size()).isEqualTo(all.size());
        same(fold.latest(), timeline.latest());
        Random r = new Random(seed);
        for (int i = 0; i < 10; i++) {
          Instant t = all.get(r.nextInt(all.size())).eventTime().plusSeconds(r.nextInt(3) - 1);
          same(fold.asOf(t), new InventoryTimeline(a, "t", d, all).asOf(t));
        }
      }
    }
  }

  /** Offers one notification; a refusal must change nothing. */
  private static boolean offer(InventoryFold fold, Notification n) {
    Map<String, Long> before = fold.latestAggregates();
    Map<String, Long> copy = Map.copyOf(before);
    int size = fold.size();
    try {
      fold.add(n);
      return true;
    } catch (InventoryException refused) {
      assertThat(fold.size()).isEqualTo(size);
      assertThat(fold.latestAggregates()).isEqualTo(copy);
      assertThat(refused.notification()).isNotNull();
      return false;
    }
  }

  private static void same(Inventory got, Inventory want) {
    assertThat(got.aggregates()).isEqualTo(want.aggregates());
    assertThat(got.items()).isEqualTo(want.items());
    assertThat(got.aggregates()).isEqualTo(got.recomputeAggregates());
  }

  private static final List<Facility> F =
      List.of(
          new Facility("ENG", null, "air-base", null, null),
          new Facility("UKR", null, "air-base", null, null),
          new Facility("KAZ", null, "repair-facility", null, null));
  private static final Instant T = Instant.parse("2021-04-01T00:00:00Z");

  private static Declaration bombers() {
    return new Declaration(
        "new-start",
        "RU",
        LocalDate.of(2021, 3, 1),
        null,
        F,
        List.of(Item.of("B1", "heavy-bomber", "ENG"), Item.of("B2", "heavy-bomber", "ENG")));
  }

  private static Notification n(long no, String type, String item, String facility, long hours) {
    return new Notification(
        no, "RU", type, item, T.plusSeconds(hours * 3600), null, facility, null, null, null);
  }

  @Test
  void aLateReportTakesItsPlaceInTime() throws Exception {
    InventoryFold fold = new InventoryFold(a, "t", bombers());
    fold.add(n(1, "item-moved", "B1", "UKR", 48)); // reported first, happened later
    fold.add(n(2, "item-moved", "B1", "KAZ", 24)); // happened first, reported five days late
    assertThat(fold.latest().item("B1").facility()).isEqualTo("UKR");
    assertThat(fold.asOf(T.plusSeconds(30 * 3600)).item("B1").facility()).isEqualTo("KAZ");
    assertThat(fold.notifications()).extracting(Notification::number).containsExactly(2L, 1L);
  }

  @Test
  void anEarlierEventThatBreaksALaterOneIsRefusedNamingIt() throws Exception {
    InventoryFold fold = new InventoryFold(a, "t", bombers());
    fold.add(n(1, "item-moved", "B2", "UKR", 48));
    assertThatThrownBy(() -> fold.add(n(2, "item-eliminated", "B2", null, 24)))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("notification RU #1 (item-moved")
        .hasMessageContaining("was eliminated by notification RU #2");
    assertThat(fold.size()).isEqualTo(1);
    assertThat(fold.latest().item("B2").facility()).isEqualTo("UKR");
  }

  @Test
  void oneItemInTwoPlacesAtOneInstantIsRefused() throws Exception {
    InventoryFold fold = new InventoryFold(a, "t", bombers());
    fold.add(n(1, "item-moved", "B1", "UKR", 24));
    assertThatThrownBy(() -> fold.add(n(2, "item-moved", "B1", "KAZ", 24)))
        .hasMessageContaining("notification RU #2 (item-moved")
        .hasMessageContaining("cannot be at KAZ at the instant notification RU #1 (item-moved")
        .hasMessageContaining("put it at UKR");
    fold.add(n(3, "item-moved", "B2", "KAZ", 24)); // another item at the same instant is fine
  }

  @Test
  void aChangeReplacesOneNotificationByAnotherAtAnyPlaceInTime() throws Exception {
    InventoryFold fold = new InventoryFold(a, "t", bombers());
    Notification typo = n(1, "item-eliminated", "B1", null, 24 * 400); // a year late by mistake
    fold.add(typo);
    for (int i = 2; i < 200; i++) { // enough for several snapshots
      fold.add(n(i, "item-moved", "B2", i % 2 == 0 ? "UKR" : "ENG", i));
    }
    assertThat(fold.asOf(T.plusSeconds(3600 * 300)).item("B1")).isNotNull();
    Notification right = n(1, "item-eliminated", "B1", null, 1);
    fold.change(List.of(typo), List.of(right));
    assertThat(fold.asOf(T.plusSeconds(3600 * 300)).item("B1")).isNull();
    assertThat(fold.latest().wasEliminated("B1")).isTrue();
    assertThat(fold.size()).isEqualTo(199);
    fold.change(List.of(right), List.of()); // withdrawn
    assertThat(fold.latest().item("B1")).isNotNull();
    same(fold.latest(), new InventoryTimeline(a, "t", bombers(), fold.notifications()).latest());
  }

  /** A long period keeps at most MAX_SNAPSHOTS copies, and a report far back still folds right. */
  @Test
  void aLongPeriodKeepsFewSnapshotsAndStillFoldsRight() throws Exception {
    InventoryFold fold = new InventoryFold(a, "t", bombers());
    List<Notification> all = new ArrayList<>();
    int n = InventoryFold.SNAPSHOT_EVERY * (InventoryFold.MAX_SNAPSHOTS + 10);
    for (int i = 1; i <= n; i++) {
      Notification m = n(i, "item-moved", "B2", i % 2 == 0 ? "UKR" : "ENG", 24 + i);
      fold.add(m);
      all.add(m);
    }
    Notification early = n(n + 1, "item-moved", "B1", "KAZ", 1); // reported long after
    fold.add(early);
    all.add(early);
    same(fold.latest(), new InventoryTimeline(a, "t", bombers(), all).latest());
    Instant mid = T.plusSeconds(3600L * (n / 2));
    same(fold.asOf(mid), new InventoryTimeline(a, "t", bombers(), all).asOf(mid));
  }

  /**
   * Snapshots of a large inventory are spaced by its size (one per two items), of a small one
   * every SNAPSHOT_EVERY; a late report in the large one still folds right.
   */
  @Test
  void snapshotsOfALargeInventoryAreSpacedByItsSize() throws Exception {
    List<Item> items = IntStream.rangeClosed(1, 1000)
        .mapToObj(i -> Item.of("B" + i, "heavy-bomber", "ENG")).toList();
    Declaration big =
        new Declaration("new-start", "RU", LocalDate.of(2021, 3, 1), null, F, items);
    InventoryFold large = new InventoryFold(a, "t", big);
    InventoryFold small = new InventoryFold(a, "t", bombers());
    List<Notification> all = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      Notification m = n(i, "bomber-exercise", null, null, 2L * i);
      large.add(m);
      small.add(m);
      all.add(m);
    }
    assertThat(small.snapshotCount()).isEqualTo(2000 / InventoryFold.SNAPSHOT_EVERY);
    assertThat(large.snapshotCount()).isEqualTo(2000 / (1000 / 2));
    Notification late = n(2001, "item-moved", "B7", "KAZ", 1501); // between exercises 750, 751
    large.add(late);
    all.add(late);
    same(large.latest(), new InventoryTimeline(a, "t", big, all).latest());
    Instant mid = T.plusSeconds(3600L * 1600);
    same(large.asOf(mid), new InventoryTimeline(a, "t", big, all).asOf(mid));
    assertThat(large.asOf(mid).item("B7").facility()).isEqualTo("KAZ");
  }
}
