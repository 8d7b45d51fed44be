package dev.verity.core.scenario;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import dev.verity.core.obligation.ObligationTracker;
import dev.verity.core.reconcile.Discrepancy;
import dev.verity.core.reconcile.DiscrepancyKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates item-level declarations whose aggregates equal published figures exactly, with the
 * notifications from one exchange to the next, so that reconciliation is clean; optionally plants
 * discrepancies and returns their key. Deterministic for a given seed.
 */
public final class ScenarioGenerator {
  private final Agreement agreement;
  private final List<AggregatesTable.Row> rows;
  private final ForceTemplates templates;

  /** @param rows the published aggregates (e.g. read from new-start-aggregates.csv) */
  public ScenarioGenerator(Agreement agreement, List<AggregatesTable.Row> rows, ForceTemplates templates) {
    this.agreement = agreement;
    this.rows = rows;
    this.templates = templates;
  }

  /** The exchange dates in the table. */
  public List<LocalDate> exchangeDates() {
    return rows.stream().map(AggregatesTable.Row::asOf).distinct().sorted().toList();
  }

  /**
   * @param through the last exchange to reach; null for the next exchange after {@code asOf}
   * @param discrepancies how many discrepancies to plant (0 for a clean scenario)
   */
  public Scenario generate(LocalDate asOf, LocalDate through, int discrepancies, long seed) throws ScenarioException {
    List<LocalDate> dates = exchangeDates();
    int first = dates.indexOf(asOf);
    if (first < 0) {
      throw new ScenarioException("--as-of " + asOf + ": not an exchange date in the table (" + dates.get(0) + " .. " + dates.get(dates.size() - 1) + ")");
    }
    if (first == dates.size() - 1) {
      throw new ScenarioException("--as-of " + asOf + ": the table has no later exchange to generate notifications to");
    }
    LocalDate last = through == null ? dates.get(first + 1) : through;
    if (!last.isAfter(asOf)) {
      throw new ScenarioException("--through " + last + ": dates out of order: must be after --as-of " + asOf);
    }
    List<LocalDate> span = dates.stream().filter(d -> !d.isBefore(asOf) && !d.isAfter(last)).toList();
    if (span.size() < 2) {
      throw new ScenarioException("--through " + last + ": before the next exchange (" + dates.get(first + 1) + ")");
    }
    ObligationTracker obligations = new ObligationTracker(agreement);
    List<Declaration> decls = new ArrayList<>();
    List<Notification> notes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, Declaration> finals = new LinkedHashMap<>();
    for (Party p : agreement.boundParties()) {
      ForceTemplates.PartyForces forces = templates.parties().get(p.id());
      if (forces == null) {
        skipped.add(p.id() + ": no force template");
        continue;
      }
      Random r = new Random(seed * 1_000_003L + p.id().hashCode());
      ForceBuilder b = new ForceBuilder(agreement, templates.aggregates(), p.id(), forces, r.nextLong());
      LocalDate prev = null;
      for (LocalDate d : span) {
        ForceBuilder.Target t = target(p.id(), d);
        if (t == null) {
          skipped.add(p.id() + ": no published figures as of " + d);
          break;
        }
        Instant received = obligations.exchangeDue(d).minusSeconds(86_400L * (1 + r.nextInt(10)));
        Declaration decl = prev == null ? b.initial(d, t, received) : b.next(prev, d, t, received, notes);
        decls.add(decl);
        if (prev != null) {
          finals.put(p.id(), decl);
        }
        prev = d;
      }
    }
    List<Discrepancy> key = new ArrayList<>();
    if (discrepancies > 0) {
      new Planter(new Random(seed ^ 0x5DEECE66DL), decls, notes, finals, obligations).plant(discrepancies, key);
    }
    decls.sort(Comparator.comparing(Declaration::asOf).thenComparing(Declaration::party));
    return new Scenario(decls, notes, key, skipped);
  }

  private ForceBuilder.Target target(String party, LocalDate d) {
    for (AggregatesTable.Row r : rows) {
      if (r.asOf().equals(d) && r.party().equals(party)) {
        Long dep = r.values().get(templates.aggregates().deployed());
        Long w = r.values().get(templates.aggregates().warheads());
        Long l = r.values().get(templates.aggregates().launchers());
        return dep == null || w == null || l == null ? null : new ForceBuilder.Target(dep, w, l);
      }
    }
    return null;
  }

  /** Plants discrepancies: item ones in each Party's last declaration (nothing is reconciled
   * from it), notification ones anywhere. Each touches one item or notification only. */
  private static final class Planter {
    private final Random rnd;
    private final List<Declaration> decls;
    private final List<Notification> notes;
    private final Map<String, Declaration> finals;
    private final ObligationTracker obligations;
    private final Set<String> used = new HashSet<>();
    private int fresh = 1;

    Planter(Random rnd, List<Declaration> decls, List<Notification> notes, Map<String, Declaration> finals, ObligationTracker obligations) {
      this.rnd = rnd;
      this.decls = decls;
      this.notes = notes;
      this.finals = finals;
      this.obligations = obligations;
    }

    void plant(int n, List<Discrepancy> key) throws ScenarioException {
      DiscrepancyKind[] kinds = DiscrepancyKind.values();
      int failures = 0;
      while (key.size() < n) {
        DiscrepancyKind k = kinds[rnd.nextInt(kinds.length)];
        Discrepancy d = finals.isEmpty() ? null : plant(k);
        if (d == null) {
          if (++failures > 1000) {
            throw new ScenarioException("cannot plant " + n + " discrepancies in this scenario (planted " + key.size() + ")");
          }
          continue;
        }
        key.add(d);
      }
    }

    private Discrepancy plant(DiscrepancyKind k) {
      List<String> parties = new ArrayList<>(finals.keySet());
      String party = parties.get(rnd.nextInt(parties.size()));
      Declaration decl = finals.get(party);
      Map<String, Item> items = new LinkedHashMap<>();
      decl.items().forEach(i -> items.put(i.id(), i));
      Discrepancy d = switch (k) {
        case MISSING_ITEM -> pick(items, i -> free(i) && (storedMissile(i) || nuclearBomber(i))).map(i -> {
          items.remove(i.id());
          return item(k, party, i.id());
        }).orElse(null);
        case UNEXPLAINED_ITEM -> pick(items, Planter::nuclearBomber).map(i -> {
          String id = i.id() + "-X" + fresh++;
          items.put(id, new Item(id, i.kind(), i.facility(), null, null, null, null, null, null, null));
          used.add(id);
          return item(k, party, id);
        }).orElse(null);
        case LOCATION_MISMATCH -> pick(items, i -> free(i) && storedMissile(i)).map(i -> {
          String other = decl.facilities().stream().map(f -> f.id()).filter(f -> !f.equals(i.facility()))
              .skip(rnd.nextInt(decl.facilities().size() - 1)).findFirst().orElseThrow();
          items.put(i.id(), i.withFacility(other));
          return item(k, party, i.id());
        }).orElse(null);
        case STATUS_MISMATCH -> pick(items, i -> free(i) && nuclearBomber(i)).map(i -> {
          items.put(i.id(), i.withArmament("non-nuclear"));
          return item(k, party, i.id());
        }).orElse(null);
        case WARHEAD_MISMATCH -> pick(items, i -> free(i) && i.launcher() != null).map(i -> {
          items.put(i.id(), i.withWarheads(i.warheadCount() <= 1 ? 2 : i.warheadCount() - 1));
          return item(k, party, i.id());
        }).orElse(null);
        case LATE_NOTIFICATION -> lateNotification(party);
        case MISSING_NOTIFICATION -> missingNotification(party);
      };
      if (d != null && d.item() != null) {
        Declaration changed = new Declaration(decl.agreement(), decl.party(), decl.asOf(), decl.receivedAt(),
            decl.facilities(), List.copyOf(items.values()));
        decls.set(decls.indexOf(decl), changed);
        finals.put(party, changed);
      }
      return d;
    }

    private boolean free(Item i) {
      return !used.contains(i.id());
    }

    private static boolean storedMissile(Item i) {
      return i.warheads() != null && i.launcher() == null;
    }

    private static boolean nuclearBomber(Item i) {
      return i.armament() != null && i.nuclearArmed();
    }

    private java.util.Optional<Item> pick(Map<String, Item> items, java.util.function.Predicate<Item> p) {
      List<Item> c = items.values().stream().filter(p).toList();
      if (c.isEmpty()) {
        return java.util.Optional.empty();
      }
      Item i = c.get(rnd.nextInt(c.size()));
      used.add(i.id());
      return java.util.Optional.of(i);
    }

    private Discrepancy item(DiscrepancyKind k, String party, String id) {
      return new Discrepancy(k, party, id, null, null, null);
    }

    private List<Integer> candidates(String party, java.util.function.Predicate<Notification> p) {
      long max = notes.stream().filter(n -> n.party().equals(party)).mapToLong(Notification::number).max().orElse(0);
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < notes.size(); i++) {
        Notification n = notes.get(i);
        if (n.party().equals(party) && n.number() > 1 && n.number() < max && !used.contains(party + "#" + n.number()) && p.test(n)) {
          out.add(i);
        }
      }
      return out;
    }

    private Discrepancy lateNotification(String party) {
      List<Integer> c = candidates(party, n -> !n.type().equals("launch") && !n.type().equals("warheads-changed"));
      if (c.isEmpty()) {
        return null;
      }
      int i = c.get(rnd.nextInt(c.size()));
      Notification n = notes.get(i);
      // New START Protocol Part Four: no later than 5 days; this one comes 7 to 30 days after
      notes.set(i, n.withReceivedAt(n.eventTime().plusSeconds(86_400L * (7 + rnd.nextInt(24)))));
      used.add(party + "#" + n.number());
      return new Discrepancy(DiscrepancyKind.LATE_NOTIFICATION, party, null, n.number(), null, null);
    }

    private Discrepancy missingNotification(String party) {
      // only a notification with no effect on the inventory can vanish without other traces
      List<Integer> c = candidates(party, n -> n.type().equals("launch"));
      if (c.isEmpty()) {
        return null;
      }
      int i = c.get(rnd.nextInt(c.size()));
      Notification n = notes.remove(i);
      used.add(party + "#" + n.number());
      return new Discrepancy(DiscrepancyKind.MISSING_NOTIFICATION, party, null, n.number(), null, null);
    }
  }
}
