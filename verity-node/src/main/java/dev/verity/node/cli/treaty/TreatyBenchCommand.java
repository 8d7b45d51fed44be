package dev.verity.node.cli.treaty;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.ComplianceEvaluator;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryFold;
import dev.verity.core.inventory.InventoryTimeline;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench treaty}: folds a synthetic inventory of a million items and checks it
 * against New START's limits, then measures one more notification applied incrementally against
 * the baseline of recomputing every aggregate from scratch, in the same run.
 */
@Command(
    name = "treaty",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the treaty engine: fold and check a synthetic inventory of --items items,"
          + " then apply --notifications notifications one by one (incremental running totals)"
          + " and compare with recomputing all aggregates (the baseline)."
    })
public final class TreatyBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--items", defaultValue = "1000000", description = "Items in the inventory (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--notifications", defaultValue = "200000", description = "Notifications to apply (default: ${DEFAULT-VALUE}).")
  int notifications;

  @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the best is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--seed", defaultValue = "1") long seed;

  private static final Instant T0 = Instant.parse("2020-09-02T00:00:00Z");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Agreement a = AgreementCatalog.get("new-start");
    Synthetic s = synthetic(items, notifications, new Random(seed));
    out.printf("treaty bench: %,d items (%,d facilities), %,d notifications, best of %d rounds, %s%n",
        s.declaration.items().size(), s.declaration.facilities().size(), s.notes.size(), rounds,
        Runtime.version());

    long fold = Long.MAX_VALUE;
    long check = Long.MAX_VALUE;
    long incremental = Long.MAX_VALUE;
    long applyOnly = Long.MAX_VALUE;
    long recompute = Long.MAX_VALUE;
    Map<String, Long> last = null;
    ComplianceEvaluator ev = new ComplianceEvaluator(a);
    LocalDate day = LocalDate.of(2020, 9, 2);
    for (int r = 0; r <= rounds; r++) { // round 0 warms up
      Inventory bare = Inventory.of(a, "synthetic", s.declaration);
      long a0 = System.nanoTime();
      for (Notification n : s.notes) {
        bare.apply(n);
      }
      long a1 = System.nanoTime();
      bare = null;
      long t0 = System.nanoTime();
      Inventory inv = Inventory.of(a, "synthetic", s.declaration);
      long t1 = System.nanoTime();
      PartyCompliance pc = ev.evaluate(day, "US", inv.aggregates());
      long t2 = System.nanoTime();
      for (Notification n : s.notes) {
        inv.apply(n);
        ev.evaluate(day, "US", inv.aggregates()); // the check after each notification
      }
      long t3 = System.nanoTime();
      int recomputes = Math.max(3, 20 / Math.max(1, items / 100_000));
      Map<String, Long> full = null;
      for (int i = 0; i < recomputes; i++) {
        full = inv.recomputeAggregates();
      }
      long t4 = System.nanoTime();
      if (!full.equals(inv.aggregates())) {
        throw new IllegalStateException("incremental totals " + inv.aggregates() + " differ from recomputation " + full);
      }
      if (r > 0) {
        fold = Math.min(fold, t1 - t0);
        check = Math.min(check, t2 - t1);
        incremental = Math.min(incremental, (t3 - t2) / Math.max(1, s.notes.size()));
        applyOnly = Math.min(applyOnly, (a1 - a0) / Math.max(1, s.notes.size()));
        recompute = Math.min(recompute, (t4 - t3) / recomputes);
      }
      last = inv.aggregates();
      if (r == 0) {
        out.printf("check after fold: %s%n", pc.limits().stream().map(l -> l.name() + "=" + l.value() + " " + l.status().label()).toList());
      }
    }
    out.printf("fold %,d items (declaration -> inventory, statuses, aggregates): %,.1f ms%n", s.declaration.items().size(), fold / 1e6);
    out.printf("check against %d limits (once, after the fold):             %,.1f us%n", a.limits().size(), check / 1e3);
    out.printf("one more notification, incremental (apply only):            %,d ns%n", applyOnly);
    out.printf("one more notification + check of every limit, incremental:  %,d ns%n", incremental);
    out.printf("baseline: recompute all aggregates from scratch:            %,.1f ms%n", recompute / 1e6);
    out.printf("incremental is %,.0fx faster than recomputation; totals after the run %s (verified equal)%n",
        (double) recompute / Math.max(1, incremental), last);
    orderedFold(out, a);
    out.flush();
    return 0;
  }

  /** New START's scale: a data exchange of this many items, this many notifications after it. */
  static final int FOLD_ITEMS = 1_500;
  static final int FOLD_NOTIFICATIONS = 2_000;
  /** How far back in the fold a late report lands (notifications). */
  static final int LATE_BY = 200;

  /**
   * The checking cost at submit of the ordered fold (InventoryFold, docs/dev/decisions.md): a
   * notification after everything folded, and a late report that refolds from the nearest
   * snapshot, against the baseline of replaying the whole history from the data exchange.
   */
  private void orderedFold(PrintWriter out, Agreement a) throws Exception {
    Synthetic s = synthetic(FOLD_ITEMS, FOLD_NOTIFICATIONS, new Random(seed));
    List<Notification> history = s.notes;
    long inOrder = Long.MAX_VALUE;
    long late = Long.MAX_VALUE;
    long replay = Long.MAX_VALUE;
    for (int r = 0; r <= rounds; r++) {
      InventoryFold fold = new InventoryFold(a, "synthetic", s.declaration);
      long t0 = System.nanoTime();
      for (Notification n : history) {
        fold.add(n);
      }
      long t1 = System.nanoTime();
      Notification back = lateReport(history.get(FOLD_NOTIFICATIONS - LATE_BY));
      int times = 50;
      for (int i = 0; i < times; i++) { // in and out again: each a refold from a snapshot
        fold.add(back);
        fold.change(List.of(back), List.of());
      }
      long t2 = System.nanoTime();
      new InventoryTimeline(a, "synthetic", s.declaration, history).latest();
      long t3 = System.nanoTime();
      if (r > 0) {
        inOrder = Math.min(inOrder, (t1 - t0) / history.size());
        late = Math.min(late, (t2 - t1) / (2L * times));
        replay = Math.min(replay, t3 - t2);
      }
    }
    out.printf("ordered fold, %,d items and %,d notifications (InventoryFold):%n", FOLD_ITEMS,
        FOLD_NOTIFICATIONS);
    out.printf("  one more notification after everything folded:            %,d ns%n", inOrder);
    out.printf("  a late report %d notifications back (refold from snapshot): %,.1f us%n", LATE_BY,
        late / 1e3);
    out.printf("  baseline: replay the whole history from the data exchange:  %,.1f us%n",
        replay / 1e3);
  }

  /** A notification reported late, its event just before {@code at}'s. */
  private static Notification lateReport(Notification at) {
    return new Notification(Long.MAX_VALUE / 2, at.party(), "bomber-exercise", null,
        at.eventTime().minusMillis(1), null, null, null, null, null);
  }

  private record Synthetic(Declaration declaration, List<Notification> notes) {}

  /** A made-up force of silos with ICBMs, submarines with SLBM tubes and bombers. */
  static Synthetic synthetic(int n, int notifications, Random rnd) {
    List<Facility> fs = new ArrayList<>();
    int bases = Math.max(1, n / 10_000);
    for (int i = 0; i < bases; i++) {
      fs.add(new Facility("ICBM-" + i, null, "icbm-base", null, null));
      fs.add(new Facility("SUB-" + i, null, "submarine-base", null, null));
      fs.add(new Facility("AIR-" + i, null, "air-base", null, null));
    }
    fs.add(new Facility("REPAIR", null, "repair-facility", null, null));
    fs.add(new Facility("STORE", null, "storage-facility", null, null));
    List<Item> is = new ArrayList<>(n);
    List<String[]> loaded = new ArrayList<>(); // {missile, launcher}
    List<String> bombers = new ArrayList<>();
    int silos = (int) (n * 0.3);
    for (int i = 0; i < silos && is.size() < n; i++) {
      String base = "ICBM-" + (i % bases);
      String silo = "S" + i;
      is.add(Item.of(silo, "icbm-launcher-silo", base));
      if (i % 5 != 0 && is.size() < n) {
        String m = "M" + i;
        is.add(new Item(m, "icbm", base, silo, null, 1 + rnd.nextInt(3), null, null, null, null));
        loaded.add(new String[] {m, silo});
      }
    }
    int boats = 0;
    while (is.size() < n * 0.75) {
      String base = "SUB-" + (boats % bases);
      String boat = "SSBN" + boats++;
      is.add(new Item(boat, "submarine", base, null, null, null, null, null, true, null));
      for (int t = 0; t < 20 && is.size() < n; t++) {
        String tube = boat + "-T" + t;
        is.add(Item.of(tube, "slbm-launcher", base).withCarrier(boat));
        if (t % 10 != 0 && is.size() < n) {
          String m = tube + "-D";
          is.add(new Item(m, "slbm", base, tube, null, 1 + rnd.nextInt(8), null, null, null, null));
          loaded.add(new String[] {m, tube});
        }
      }
    }
    for (int i = 0; is.size() < n; i++) {
      String b = "B" + i;
      is.add(Item.of(b, "heavy-bomber", i % 10 == 0 ? "REPAIR" : "AIR-" + (i % bases)));
      bombers.add(b);
    }
    Declaration d = new Declaration("new-start", "US", LocalDate.of(2020, 9, 1), null, fs, is);
    List<Notification> notes = new ArrayList<>(notifications);
    long no = 0;
    while (notes.size() < notifications) {
      Instant t = T0.plusSeconds(no);
      switch ((int) (no % 3)) {
        case 0 -> { // unload a missile, then load it back
          String[] ml = loaded.get(rnd.nextInt(loaded.size()));
          notes.add(new Notification(++no, "US", "missile-unloaded", ml[0], t, t, "STORE", null, null, null));
          notes.add(new Notification(++no, "US", "missile-loaded", ml[0], t.plusMillis(1), t, null, ml[1], null, null));
        }
        case 1 -> {
          String[] ml = loaded.get(rnd.nextInt(loaded.size()));
          notes.add(new Notification(++no, "US", "warheads-changed", ml[0], t, t, null, null, 1 + rnd.nextInt(3), null));
        }
        default -> {
          String b = bombers.get(rnd.nextInt(bombers.size()));
          notes.add(new Notification(++no, "US", "item-moved", b, t, t, rnd.nextBoolean() ? "REPAIR" : "AIR-0", null, null, null));
        }
      }
    }
    return new Synthetic(d, notes);
  }
}
