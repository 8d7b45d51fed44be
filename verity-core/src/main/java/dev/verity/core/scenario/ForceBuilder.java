package dev.verity.core.scenario;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import dev.verity.core.scenario.ForceTemplates.PartyForces;
import dev.verity.core.scenario.ForceTemplates.SystemTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds one Party's item-level inventory for published aggregates, then moves it from one
 * exchange's figures to the next with notifications (unload, eliminate or convert, add, load,
 * change warheads), mirroring each change in its own copy of the items.
 */
final class ForceBuilder {
  private final Agreement agreement;
  private final ForceTemplates.Roles roles;
  private final String party;
  private final PartyForces forces;
  private final Random rnd;
  private final Map<String, Facility> facilities = new LinkedHashMap<>();
  private final Map<String, Item> items = new LinkedHashMap<>();
  /** launcher → missile in it */
  private final Map<String, String> contents = new HashMap<>();
  private final List<Sys> systems = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>();
  private boolean emit;
  private long number;

  /** One system's working lists (ids); for bombers "loaded" is deployed, "empty" non-deployed. */
  private static final class Sys {
    final SystemTemplate t;
    final List<String> loaded = new ArrayList<>();
    final List<String> empty = new ArrayList<>();
    final List<String> stored = new ArrayList<>();
    int next = 1;
    int nextMissile = 1;
    int baseTurn;

    Sys(SystemTemplate t) {
      this.t = t;
    }

    int d() {
      return loaded.size();
    }

    int l() {
      return loaded.size() + empty.size();
    }
  }

  private record Op(String type, String item, String facility, String launcher, Integer warheads, Item newItem) {}

  /** Targets: deployed, warheads, launchers. */
  record Target(long deployed, long warheads, long launchers) {}

  ForceBuilder(Agreement agreement, ForceTemplates.Roles roles, String party, PartyForces forces, long seed) {
    this.agreement = agreement;
    this.roles = roles;
    this.party = party;
    this.forces = forces;
    this.rnd = new Random(seed);
    facilities.put(forces.storage().id(), forces.storage());
    facilities.put(forces.repair().id(), forces.repair());
    for (SystemTemplate t : forces.systems()) {
      systems.add(new Sys(t));
      t.bases().forEach(b -> facilities.putIfAbsent(b.id(), b));
    }
  }

  // ---- the first declaration ----------------------------------------------------------------

  Declaration initial(LocalDate asOf, Target target, Instant receivedAt) throws ScenarioException {
    check(asOf, target);
    emit = false;
    int[][] split = split(target, false);
    for (int s = 0; s < systems.size(); s++) {
      Sys sys = systems.get(s);
      int d = split[0][s];
      int l = split[1][s];
      if (sys.t.bomber()) {
        for (int i = 0; i < l; i++) {
          String id = addBomber(sys, i < d ? nextBase(sys) : forces.repair().id(), "nuclear");
          (i < d ? sys.loaded : sys.empty).add(id);
        }
        for (int i = 0; i < nz(sys.t.nonNuclear()); i++) {
          addBomber(sys, nextBase(sys), "non-nuclear");
        }
      } else if (sys.t.carried()) {
        int tubes = sys.t.tubesPerCarrier();
        int boats = (l + tubes - 1) / tubes;
        int counted = 0;
        for (int b = 1; b <= boats; b++) {
          String base = nextBase(sys);
          String boat = String.format("%s-%s-SSBN%02d", party, sys.t.id(), b);
          items.put(boat, new Item(boat, sys.t.carrierKind(), base, null, null, null, null, null, true, null));
          for (int k = 1; k <= tubes; k++) {
            String tube = String.format("%s-T%02d", boat, k);
            boolean counts = counted++ < l;
            items.put(tube, new Item(tube, sys.t.launcherKind(), base, null, boat, null, null, null, null, counts ? null : true));
            if (counts) {
              sys.empty.add(tube);
            }
          }
        }
      } else {
        for (int i = 0; i < l; i++) {
          String id = String.format("%s-%s-L%04d", party, sys.t.id(), sys.next++);
          items.put(id, Item.of(id, sys.t.launcherKind(), nextBase(sys)));
          sys.empty.add(id);
        }
      }
      if (!sys.t.bomber()) {
        for (int i = 0; i < d; i++) {
          String launcher = sys.empty.remove(0);
          String m = newMissile(sys, items.get(launcher).facility(), launcher, 1);
          contents.put(launcher, m);
          sys.loaded.add(launcher);
        }
        int spares = (l - d) / 3 + 2; // non-deployed missiles at storage: declared, not counted
        for (int i = 0; i < spares; i++) {
          sys.stored.add(newMissile(sys, forces.storage().id(), null, 1));
        }
      }
    }
    adjustWarheads(asOf, target.warheads());
    return declaration(asOf, target, receivedAt);
  }

  // ---- from one exchange to the next --------------------------------------------------------

  /** The notifications that take the inventory to {@code target}, and the declaration after. */
  Declaration next(LocalDate from, LocalDate to, Target target, Instant receivedAt, List<Notification> out)
      throws ScenarioException {
    check(to, target);
    emit = true;
    ops.clear();
    int[][] split = split(target, true);
    for (int s = 0; s < systems.size(); s++) { // 1. take out of service
      Sys sys = systems.get(s);
      for (int i = split[0][s]; i < sys.d(); ) {
        if (sys.t.bomber()) {
          String b = take(sys.loaded);
          move(b, forces.repair().id());
          sys.empty.add(b);
        } else {
          unload(sys, take(sys.loaded));
        }
      }
    }
    for (int s = 0; s < systems.size(); s++) { // 2. eliminate or convert what is no longer needed
      Sys sys = systems.get(s);
      while (sys.l() > split[1][s]) {
        retire(sys, take(sys.empty));
      }
    }
    for (int s = 0; s < systems.size(); s++) { // 3. new launchers and bombers
      Sys sys = systems.get(s);
      while (sys.l() < split[1][s]) {
        if (sys.t.bomber()) {
          sys.empty.add(addBomber(sys, forces.repair().id(), "nuclear"));
        } else {
          String id = String.format("%s-%s-L%04d", party, sys.t.id(), sys.next++);
          Item it = Item.of(id, sys.t.launcherKind(), nextBase(sys));
          items.put(id, it);
          op("item-added", id, null, null, null, it);
          sys.empty.add(id);
        }
      }
    }
    launches(); // 4. a few test launches, no effect on the inventory
    for (int s = 0; s < systems.size(); s++) { // 5. into service
      Sys sys = systems.get(s);
      while (sys.d() < split[0][s]) {
        String l = take(sys.empty);
        if (sys.t.bomber()) {
          move(l, nextBase(sys));
        } else {
          load(sys, l);
        }
        sys.loaded.add(l);
      }
    }
    adjustWarheads(to, target.warheads()); // 6. reentry vehicles
    stamp(from, to, out);
    return declaration(to, target, receivedAt);
  }

  private void check(LocalDate day, Target t) throws ScenarioException {
    if (t.deployed() > t.launchers() || t.deployed() < 0) {
      throw new ScenarioException(party + " " + day + ": deployed " + t.deployed() + " exceeds launchers " + t.launchers());
    }
  }

  /** Splits deployed and non-deployed totals among the systems by their shares (largest
   * remainder); systems whose launchers sit on submarines are never grown here, their excess
   * goes to the first growable system. Returns {deployed[], launchers[]}. */
  private int[][] split(Target t, boolean clamp) {
    int n = systems.size();
    int[] d = shares(t.deployed(), systems.stream().mapToInt(s -> s.t.deployedShare()).toArray());
    int[] nd = shares(t.launchers() - t.deployed(), systems.stream().mapToInt(s -> s.t.nonDeployedShare()).toArray());
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = d[i] + nd[i];
    }
    int g = 0;
    while (!systems.get(g).t.canGrow()) {
      g++;
    }
    for (int i = 0; i < n && clamp; i++) {
      Sys s = systems.get(i);
      if (!s.t.canGrow() && l[i] > s.l()) {
        int c = l[i] - s.l();
        l[i] -= c;
        l[g] += c;
        if (d[i] > l[i]) {
          int e = d[i] - l[i];
          d[i] -= e;
          d[g] += e;
        }
      }
    }
    return new int[][] {d, l};
  }

  private static int[] shares(long total, int[] weights) {
    long sum = 0;
    for (int w : weights) {
      sum += w;
    }
    int[] out = new int[weights.length];
    long[] rem = new long[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      out[i] = (int) (total * weights[i] / sum);
      rem[i] = total * weights[i] % sum;
      given += out[i];
    }
    while (given < total) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (rem[i] > rem[best]) {
          best = i;
        }
      }
      out[best]++;
      rem[best] = -1;
      given++;
    }
    return out;
  }

  // ---- item changes (mirrored in the items and, when emitting, as notifications) ------------

  private String take(List<String> ids) {
    int i = rnd.nextInt(ids.size());
    String id = ids.get(i);
    ids.set(i, ids.get(ids.size() - 1));
    ids.remove(ids.size() - 1);
    return id;
  }

  private String nextBase(Sys sys) {
    List<Facility> bases = sys.t.bases();
    return bases.get(sys.baseTurn++ % bases.size()).id();
  }

  private String addBomber(Sys sys, String facility, String armament) {
    String id = String.format("%s-%s-%04d", party, sys.t.id(), sys.next++);
    Item it = new Item(id, sys.t.bomberKind(), facility, null, null, null, null, armament, null, null);
    items.put(id, it);
    op("item-added", id, null, null, null, it);
    return id;
  }

  private String newMissile(Sys sys, String facility, String launcher, int warheads) {
    String id = String.format("%s-%s-M%05d", party, sys.t.id(), sys.nextMissile++);
    Item it = new Item(id, sys.t.missileKind(), facility, launcher, null, warheads, null, null, null, null);
    items.put(id, it);
    op("item-added", id, null, null, null, it);
    return id;
  }

  private void move(String id, String facility) {
    items.put(id, items.get(id).withFacility(facility));
    op("item-moved", id, facility, null, null, null);
  }

  private void unload(Sys sys, String launcher) {
    String m = contents.remove(launcher);
    items.put(m, items.get(m).withLauncher(null).withFacility(forces.storage().id()));
    op("missile-unloaded", m, forces.storage().id(), null, null, null);
    sys.empty.add(launcher);
    sys.stored.add(m);
  }

  private void load(Sys sys, String launcher) {
    String m = sys.stored.isEmpty() ? newMissile(sys, forces.storage().id(), null, 1) : take(sys.stored);
    items.put(m, items.get(m).withLauncher(launcher).withFacility(items.get(launcher).facility()));
    contents.put(launcher, m);
    op("missile-loaded", m, null, launcher, null, null);
  }

  /** Bombers are converted to non-nuclear armaments (as 41 B-52H were), SLBM launchers converted,
   * other launchers eliminated. */
  private void retire(Sys sys, String id) {
    Item it = items.get(id);
    if (sys.t.bomber()) {
      items.put(id, it.withArmament("non-nuclear"));
      op("item-converted", id, null, null, null, null);
    } else if (sys.t.carried()) {
      items.put(id, it.withConverted(true));
      op("item-converted", id, null, null, null, null);
    } else {
      items.remove(id);
      op("item-eliminated", id, null, null, null, null);
    }
  }

  private void launches() {
    List<String> spares = new ArrayList<>();
    systems.forEach(s -> spares.addAll(s.stored));
    for (int i = 0; i < 2 && !spares.isEmpty(); i++) {
      op("launch", spares.get(rnd.nextInt(spares.size())), null, null, null, null);
    }
  }

  private void adjustWarheads(LocalDate day, long target) throws ScenarioException {
    long delta = target - aggregates(day).get(roles.warheads());
    List<String[]> deployed = new ArrayList<>(); // {missile, max}
    for (Sys s : systems) {
      for (String l : s.loaded) {
        if (!s.t.bomber()) {
          deployed.add(new String[] {contents.get(l), String.valueOf(s.t.maxWarheads())});
        }
      }
    }
    java.util.Collections.shuffle(deployed, rnd);
    for (String[] m : deployed) {
      if (delta == 0) {
        break;
      }
      Item it = items.get(m[0]);
      int w = it.warheadCount();
      int max = Integer.parseInt(m[1]);
      int nw = delta > 0 ? (int) Math.min(max, w + delta) : (int) Math.max(1, w + delta);
      if (nw != w) {
        delta -= nw - w;
        items.put(it.id(), it.withWarheads(nw));
        op("warheads-changed", it.id(), null, null, nw, null);
      }
    }
    if (delta != 0) {
      throw new ScenarioException(party + " " + day + ": cannot place " + target
          + " warheads on the deployed missiles of the force template (" + delta + " left over)");
    }
  }

  private void op(String type, String item, String facility, String launcher, Integer warheads, Item newItem) {
    if (emit) {
      ops.add(new Op(type, item, facility, launcher, warheads, newItem));
    }
  }

  /** Spreads the period's changes over the days strictly between the two exchanges. */
  private void stamp(LocalDate from, LocalDate to, List<Notification> out) {
    Instant start = from.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = to.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    long span = Duration.between(start, end).getSeconds();
    for (int i = 0; i < ops.size(); i++) {
      Op o = ops.get(i);
      Instant t = start.plusSeconds(span * (i + 1) / (ops.size() + 1));
      Instant received = o.type().equals("launch")
          ? t.minusSeconds(24 * 3600 + rnd.nextInt(24 * 3600)) // 1988 agreement: 24 h ahead
          : t.plusSeconds(600 + rnd.nextInt(4 * 24 * 3600)); // within the 5 days of Part Four
      out.add(new Notification(++number, party, o.type(), o.item(), t, received, o.facility(), o.launcher(), o.warheads(), o.newItem()));
    }
  }

  private Map<String, Long> aggregates(LocalDate day) throws ScenarioException {
    try {
      return Inventory.of(agreement, "generated " + party + " " + day, snapshot(day, null)).aggregates();
    } catch (DeclarationException e) {
      throw new IllegalStateException("generator produced an invalid inventory: " + e.getMessage(), e);
    }
  }

  private Declaration snapshot(LocalDate asOf, Instant receivedAt) {
    return new Declaration(agreement.id(), party, asOf, receivedAt,
        List.copyOf(facilities.values()), List.copyOf(items.values()));
  }

  private Declaration declaration(LocalDate asOf, Target t, Instant receivedAt) throws ScenarioException {
    Map<String, Long> a = aggregates(asOf);
    Target got = new Target(a.get(roles.deployed()), a.get(roles.warheads()), a.get(roles.launchers()));
    if (!got.equals(t)) {
      throw new IllegalStateException(party + " " + asOf + ": generated " + got + ", published " + t);
    }
    return snapshot(asOf, receivedAt);
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  String party() {
    return party;
  }
}
