package dev.verity.core.inventory;

import dev.verity.core.agreement.Aggregate;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Condition;
import dev.verity.core.agreement.ItemKind;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Party's inventory: a declaration folded with the notifications after it, one at a time.
 *
 * <p>The fold is incremental: besides the items it keeps each item's derived status and the
 * running value of every aggregate. Applying a notification touches only the items whose status
 * can change (the item, its launcher or the missile in it, the launchers on a submarine), takes
 * their old contribution out of the totals and puts the new one in: O(1) for a notification, not
 * a recomputation over the whole inventory.
 */
public final class Inventory {
  private final Agreement agreement;
  private final String party;
  private final Map<String, ItemKind> kinds;
  private final Map<String, MessageType> types;
  private final Map<String, Facility> facilities;
  private final Map<String, Item> items;
  private final Map<String, ItemStatus> status;
  /** launcher id → the missile in it. */
  private final Map<String, String> contents;
  /** submarine id → its launchers. */
  private final Map<String, Set<String>> onCarrier;
  /** eliminated id → the notification that eliminated it. */
  private final Map<String, Notification> eliminated;
  /** item id → the notification that last put it where it is (moved, loaded, unloaded). */
  private final Map<String, Notification> placed;
  private final List<Aggregate> aggregates;
  private final long[] totals;
  /** kind → status ordinal → per aggregate {fixed contribution, warheads multiplier}. */
  private final Map<String, long[][][]> coefficients;
  private Instant clock;

  private Inventory(Agreement agreement, String party, Instant start) {
    this.agreement = agreement;
    this.party = party;
    this.aggregates = agreement.aggregates();
    this.totals = new long[aggregates.size()];
    this.clock = start;
    this.kinds = new HashMap<>();
    this.types = new HashMap<>();
    this.coefficients = new HashMap<>();
    this.facilities = new LinkedHashMap<>();
    this.items = new LinkedHashMap<>();
    this.status = new HashMap<>();
    this.contents = new HashMap<>();
    this.onCarrier = new HashMap<>();
    this.eliminated = new HashMap<>();
    this.placed = new HashMap<>();
    agreement.itemKinds().forEach(k -> kinds.put(k.id(), k));
    agreement.messages().forEach(m -> types.put(m.id(), m));
    // the counting rules, turned once into numbers: contribution = fixed + multiplier * warheads
    for (ItemKind k : agreement.itemKinds()) {
      long[][][] c = new long[ItemStatus.values().length][aggregates.size()][2];
      for (ItemStatus st : ItemStatus.values()) {
        for (int a = 0; a < aggregates.size(); a++) {
          for (Aggregate.Term t : aggregates.get(a).terms()) {
            if (t.kinds().contains(k.id()) && t.status().contains(st.label())) {
              switch (t.measure()) {
                case COUNT -> c[st.ordinal()][a][0] += 1;
                case FIXED -> c[st.ordinal()][a][0] += t.perItem();
                case WARHEADS -> c[st.ordinal()][a][1] += 1;
              }
            }
          }
        }
      }
      coefficients.put(k.id(), c);
    }
  }

  /** A copy that folds on independently ({@link #copy}); the agreement's tables are shared. */
  private Inventory(Inventory o) {
    this.agreement = o.agreement;
    this.party = o.party;
    this.aggregates = o.aggregates;
    this.kinds = o.kinds;
    this.types = o.types;
    this.coefficients = o.coefficients;
    this.totals = o.totals.clone();
    this.clock = o.clock;
    this.facilities = new LinkedHashMap<>(o.facilities);
    this.items = new LinkedHashMap<>(o.items);
    this.status = new HashMap<>(o.status);
    this.contents = new HashMap<>(o.contents);
    this.onCarrier = new HashMap<>();
    o.onCarrier.forEach((k, v) -> onCarrier.put(k, new LinkedHashSet<>(v)));
    this.eliminated = new HashMap<>(o.eliminated);
    this.placed = new HashMap<>(o.placed);
  }

  /**
   * An independent copy of this inventory: items are immutable records, so the copy costs one
   * pass over the maps (a snapshot the ordered fold restarts from, {@link InventoryFold}).
   */
  public Inventory copy() {
    return new Inventory(this);
  }

  /**
   * The inventory a declaration describes, after checking it against the agreement.
   *
   * @param source names the declaration in error messages (usually its file)
   */
  public static Inventory of(Agreement agreement, String source, Declaration d) throws DeclarationException {
    if (agreement.party(d.party()).isEmpty()) {
      throw new DeclarationException(source + ": party: '" + d.party() + "' is not a Party of " + agreement.id());
    }
    Inventory inv = new Inventory(agreement, d.party(), d.asOf().atStartOfDay().toInstant(ZoneOffset.UTC));
    List<Facility> fs = d.facilities();
    for (int i = 0; i < fs.size(); i++) {
      Facility f = fs.get(i);
      String at = source + ": facilities[" + i + "]";
      if (f.id() == null || inv.facilities.containsKey(f.id())) {
        throw new DeclarationException(at + ".id: missing or duplicate '" + f.id() + "'");
      }
      if (!agreement.hasFacilityKind(f.kind())) {
        throw new DeclarationException(at + ".kind: unknown facility kind '" + f.kind() + "'");
      }
      inv.facilities.put(f.id(), f);
    }
    List<Item> is = d.items();
    for (int i = 0; i < is.size(); i++) {
      Item it = is.get(i);
      if (it.id() == null || inv.items.putIfAbsent(it.id(), it) != null) {
        throw new DeclarationException(source + ": items[" + i + "].id: missing or duplicate unique identifier '" + it.id() + "'");
      }
      String problem = inv.checkShape(it);
      if (problem != null) {
        throw new DeclarationException(source + ": items[" + i + "]." + problem);
      }
    }
    for (int i = 0; i < is.size(); i++) {
      Item it = is.get(i);
      String problem = inv.checkLinks(it);
      if (problem != null) {
        throw new DeclarationException(source + ": items[" + i + "]." + problem);
      }
      inv.link(it);
    }
    for (Item it : is) {
      inv.add(it.id());
    }
    return inv;
  }

  // ---- validation ---------------------------------------------------------------------------

  /** Problems with an item on its own, as "field: message", or null. */
  private String checkShape(Item it) {
    ItemKind k = kinds.get(it.kind());
    if (k == null) {
      return "kind: unknown item kind '" + it.kind() + "' (known: " + String.join(", ", kinds.keySet()) + ")";
    }
    if (it.facility() == null || !facilities.containsKey(it.facility())) {
      return "facility: unknown facility '" + it.facility() + "'";
    }
    if (it.warheads() != null && (it.warheads() < 0 || k.category() != ItemKind.Category.MISSILE)) {
      return "warheads: only a missile carries warheads, and never fewer than 0";
    }
    if (it.launcher() != null && k.category() != ItemKind.Category.MISSILE) {
      return "launcher: only a missile is in a launcher";
    }
    if (it.carrier() != null && k.category() != ItemKind.Category.LAUNCHER) {
      return "carrier: only a launcher has a carrier";
    }
    return null;
  }

  /** Problems with references to other items, or null. */
  private String checkLinks(Item it) {
    if (it.launcher() != null) {
      Item l = items.get(it.launcher());
      if (l == null) {
        return "launcher: unknown launcher '" + it.launcher() + "'";
      }
      if (!kinds.get(l.kind()).holds().contains(it.kind())) {
        return "launcher: a " + l.kind() + " cannot hold a " + it.kind();
      }
      String other = contents.get(l.id());
      if (other != null && !other.equals(it.id())) {
        return "launcher: '" + l.id() + "' already holds '" + other + "'";
      }
      contents.put(l.id(), it.id());
    }
    if (it.carrier() != null) {
      Item c = items.get(it.carrier());
      if (c == null || kinds.get(c.kind()).category() != ItemKind.Category.CARRIER) {
        return "carrier: unknown submarine '" + it.carrier() + "'";
      }
    }
    return null;
  }

  private void link(Item it) {
    if (it.launcher() != null) {
      contents.put(it.launcher(), it.id());
    }
    if (it.carrier() != null) {
      onCarrier.computeIfAbsent(it.carrier(), c -> new LinkedHashSet<>()).add(it.id());
    }
  }

  private void unlink(Item it) {
    if (it.launcher() != null) {
      contents.remove(it.launcher(), it.id());
    }
    if (it.carrier() != null) {
      Set<String> s = onCarrier.get(it.carrier());
      if (s != null) {
        s.remove(it.id());
      }
    }
  }

  // ---- status and totals --------------------------------------------------------------------

  private ItemStatus derive(Item it) {
    ItemKind k = kinds.get(it.kind());
    if (!holds(k.countedWhen(), it)) {
      return ItemStatus.NOT_COUNTED;
    }
    return holds(k.deployedWhen(), it) ? ItemStatus.DEPLOYED : ItemStatus.NON_DEPLOYED;
  }

  private boolean holds(Condition c, Item it) {
    if (Boolean.TRUE.equals(c.never())) {
      return false;
    }
    if (Boolean.TRUE.equals(c.loaded()) && !contents.containsKey(it.id())) {
      return false;
    }
    if (Boolean.TRUE.equals(c.notTest()) && it.testFlag()) {
      return false;
    }
    if (Boolean.TRUE.equals(c.notConverted()) && it.convertedFlag()) {
      return false;
    }
    if (Boolean.TRUE.equals(c.nuclearArmament()) && !it.nuclearArmed()) {
      return false;
    }
    if (Boolean.TRUE.equals(c.carrierLaunched())) {
      Item sub = it.carrier() == null ? null : items.get(it.carrier());
      if (sub == null || !Boolean.TRUE.equals(sub.launched())) {
        return false;
      }
    }
    if (Boolean.TRUE.equals(c.inDeployedLauncher())) {
      if (it.launcher() == null || status(it.launcher()) != ItemStatus.DEPLOYED) {
        return false;
      }
    }
    if (!c.notAtFacilityKinds().isEmpty()) {
      Facility f = facilities.get(it.facility());
      if (f != null && c.notAtFacilityKinds().contains(f.kind())) {
        return false;
      }
    }
    return true;
  }

  /** Adds an item's contribution; launchers before the missiles in them. */
  private void add(String id) {
    if (status.containsKey(id)) {
      return;
    }
    Item it = items.get(id);
    if (it.launcher() != null && !status.containsKey(it.launcher())) {
      add(it.launcher());
    }
    ItemStatus s = derive(it);
    status.put(id, s);
    contribute(it, s, +1);
  }

  private void remove(String id) {
    ItemStatus s = status.remove(id);
    if (s != null) {
      contribute(items.get(id), s, -1);
    }
  }

  private void contribute(Item it, ItemStatus s, int sign) {
    long[][] c = coefficients.get(it.kind())[s.ordinal()];
    for (int a = 0; a < totals.length; a++) {
      totals[a] += sign * (c[a][0] + c[a][1] * it.warheadCount());
    }
  }

  /** The items whose status may depend on item {@code id}: itself, its launcher or contents, the
   * launchers on it and their missiles. */
  private Set<String> neighbourhood(String id, String... extra) {
    Set<String> out = new LinkedHashSet<>();
    Collection<String> seeds = new ArrayList<>(java.util.Arrays.asList(extra));
    seeds.add(id);
    for (String s : seeds) {
      if (s == null || !items.containsKey(s)) {
        continue;
      }
      out.add(s);
      Item it = items.get(s);
      if (it.launcher() != null) {
        out.add(it.launcher());
      }
      String m = contents.get(s);
      if (m != null) {
        out.add(m);
      }
      for (String l : onCarrier.getOrDefault(s, Set.of())) {
        out.add(l);
        String lm = contents.get(l);
        if (lm != null) {
          out.add(lm);
        }
      }
    }
    return out;
  }

  // ---- applying notifications ---------------------------------------------------------------

  /**
   * Applies one notification, incrementally. Notifications must come in the order of their
   * event times.
   */
  public void apply(Notification n) throws InventoryException {
    if (!party.equals(n.party())) {
      throw new InventoryException(n.label() + ": from Party '" + n.party() + "', not '" + party + "'", n);
    }
    if (n.eventTime().isBefore(clock)) {
      throw new InventoryException(n.label() + ": dates out of order: event " + n.eventTime()
          + " is before " + clock + " (the declaration or the previous notification)", n);
    }
    MessageType type = types.get(n.type());
    if (type == null) {
      throw new InventoryException(n.label() + ": type: unknown message type '" + n.type() + "'", n);
    }
    String effect = type.effect();
    if (effect.equals("add")) {
      applyAdd(n);
      clock = n.eventTime();
      return;
    }
    if (n.item() == null) {
      if (effect.equals("none")) {
        clock = n.eventTime();
        return;
      }
      throw new InventoryException(n.label() + ": item: missing", n);
    }
    Item it = existing(n, effect);
    checkOnePlace(n, it, effect);
    Set<String> touched = neighbourhood(it.id(), n.launcher());
    Item next = switch (effect) {
      case "move" -> {
        Facility f = facility(n);
        if (it.launcher() != null) {
          throw new InventoryException(n.label() + ": item '" + it.id() + "' is in launcher '"
              + it.launcher() + "'; unload it before moving it", n);
        }
        String m = contents.get(it.id());
        if (m != null) { // a mobile launcher takes its missile with it
          items.put(m, items.get(m).withFacility(f.id()));
        }
        yield it.withFacility(f.id());
      }
      case "load" -> load(n, it);
      case "unload" -> {
        if (it.launcher() == null) {
          throw new InventoryException(n.label() + ": item '" + it.id() + "' is in no launcher", n);
        }
        Facility f = facility(n);
        contents.remove(it.launcher());
        yield it.withLauncher(null).withFacility(f.id());
      }
      case "convert" -> {
        if (contents.containsKey(it.id())) {
          throw new InventoryException(n.label() + ": launcher '" + it.id() + "' still holds a missile", n);
        }
        ItemKind k = kinds.get(it.kind());
        yield k.category() == ItemKind.Category.BOMBER ? it.withArmament("non-nuclear") : it.withConverted(true);
      }
      case "eliminate" -> {
        if (contents.containsKey(it.id())) {
          throw new InventoryException(n.label() + ": launcher '" + it.id() + "' still holds a missile", n);
        }
        yield null;
      }
      case "set-warheads" -> {
        if (n.warheads() == null || n.warheads() < 0 || kinds.get(it.kind()).category() != ItemKind.Category.MISSILE) {
          throw new InventoryException(n.label() + ": warheads: a count of 0 or more for a missile is required", n);
        }
        yield it.withWarheads(n.warheads());
      }
      default -> it; // "none": a launch or other message without effect on the inventory
    };
    // contributions come from the cached statuses, so the change is checked before anything moves
    touched.forEach(this::remove);
    if (next == null) {
      unlink(it);
      items.remove(it.id());
      eliminated.put(it.id(), n);
      touched.remove(it.id());
    } else {
      items.put(it.id(), next);
      if (next.launcher() != null) {
        contents.put(next.launcher(), next.id());
      }
      if (PLACING.contains(effect)) {
        placed.put(it.id(), n);
      }
    }
    touched.addAll(neighbourhood(it.id()));
    for (String id : touched) {
      if (items.containsKey(id)) {
        add(id);
      }
    }
    clock = n.eventTime();
  }

  /** Effects that put an item somewhere (a facility or a launcher). */
  private static final Set<String> PLACING = Set.of("move", "load", "unload");

  /**
   * One item cannot be in two places at one instant: a second notification placing the item at
   * the instant another one placed it elsewhere is inconsistent, and names the first.
   */
  private void checkOnePlace(Notification n, Item it, String effect) throws InventoryException {
    Notification before = placed.get(it.id());
    if (!PLACING.contains(effect) || before == null || !before.eventTime().equals(n.eventTime())) {
      return;
    }
    String there = where(it);
    String here = effect.equals("load") ? n.launcher() : n.facility();
    if (!there.equals(here)) {
      throw new InventoryException(n.label() + ": item '" + it.id() + "' cannot be at " + here
          + " at the instant " + before.label() + " put it at " + there
          + " (one item, two places at one instant)", n);
    }
  }

  private static String where(Item it) {
    return it.launcher() != null ? it.launcher() : String.valueOf(it.facility());
  }

  private Item existing(Notification n, String effect) throws InventoryException {
    Item it = items.get(n.item());
    if (it != null) {
      return it;
    }
    Notification gone = eliminated.get(n.item());
    if (gone != null) {
      throw new InventoryException(n.label() + ": item '" + n.item() + "' was eliminated by "
          + gone.label() + "; it cannot be " + pastTense(effect) + " after elimination", n);
    }
    throw new InventoryException(n.label() + ": item: unknown unique identifier '" + n.item() + "'", n);
  }

  private static String pastTense(String effect) {
    return switch (effect) {
      case "move" -> "moved";
      case "load" -> "loaded";
      case "unload" -> "unloaded";
      case "convert" -> "converted";
      case "eliminate" -> "eliminated again";
      case "set-warheads" -> "changed";
      default -> "the subject of a notification";
    };
  }

  private Facility facility(Notification n) throws InventoryException {
    Facility f = n.facility() == null ? null : facilities.get(n.facility());
    if (f == null) {
      throw new InventoryException(n.label() + ": facility: unknown facility '" + n.facility() + "'", n);
    }
    return f;
  }

  private Item load(Notification n, Item missile) throws InventoryException {
    Item l = n.launcher() == null ? null : items.get(n.launcher());
    if (l == null) {
      throw new InventoryException(n.label() + ": launcher: unknown launcher '" + n.launcher() + "'", n);
    }
    if (missile.launcher() != null) {
      throw new InventoryException(n.label() + ": item '" + missile.id() + "' is already in '" + missile.launcher() + "'", n);
    }
    if (!kinds.get(l.kind()).holds().contains(missile.kind())) {
      throw new InventoryException(n.label() + ": launcher: a " + l.kind() + " cannot hold a " + missile.kind(), n);
    }
    if (contents.containsKey(l.id())) {
      throw new InventoryException(n.label() + ": launcher: '" + l.id() + "' already holds '" + contents.get(l.id()) + "'", n);
    }
    return missile.withLauncher(l.id()).withFacility(l.facility());
  }

  private void applyAdd(Notification n) throws InventoryException {
    Item it = n.newItem();
    if (it == null || it.id() == null) {
      throw new InventoryException(n.label() + ": newItem: missing", n);
    }
    if (items.containsKey(it.id()) || eliminated.containsKey(it.id())) {
      throw new InventoryException(n.label() + ": newItem.id: unique identifier '" + it.id() + "' is already used", n);
    }
    String problem = checkShape(it);
    if (problem == null) {
      problem = checkLinks(it);
    }
    if (problem != null) {
      throw new InventoryException(n.label() + ": newItem." + problem, n);
    }
    Set<String> touched = neighbourhood(it.launcher(), it.carrier());
    touched.forEach(this::remove);
    items.put(it.id(), it);
    link(it);
    placed.put(it.id(), n);
    touched.addAll(neighbourhood(it.id()));
    touched.forEach(this::add);
  }

  // ---- queries ------------------------------------------------------------------------------

  public Agreement agreement() {
    return agreement;
  }

  public String party() {
    return party;
  }

  /** The instant of the declaration or of the last notification applied. */
  public Instant clock() {
    return clock;
  }

  /** The current value of every aggregate, by aggregate id (running totals, not recomputed). */
  public Map<String, Long> aggregates() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int a = 0; a < totals.length; a++) {
      out.put(aggregates.get(a).id(), totals[a]);
    }
    return out;
  }

  /** Recomputes every aggregate from scratch (the baseline the running totals are checked and
   * benchmarked against). */
  public Map<String, Long> recomputeAggregates() {
    long[] saved = totals.clone();
    java.util.Arrays.fill(totals, 0);
    status.clear();
    items.keySet().forEach(this::add);
    Map<String, Long> out = aggregates();
    System.arraycopy(saved, 0, totals, 0, totals.length);
    // the recomputation leaves the same statuses; totals are restored to prove nothing drifted
    return out;
  }

  public ItemStatus status(String id) {
    ItemStatus s = status.get(id);
    return s != null ? s : items.containsKey(id) ? derive(items.get(id)) : null;
  }

  public Item item(String id) {
    return items.get(id);
  }

  public Map<String, Item> items() {
    return Collections.unmodifiableMap(items);
  }

  public Map<String, Facility> facilities() {
    return Collections.unmodifiableMap(facilities);
  }

  public boolean wasEliminated(String id) {
    return eliminated.containsKey(id);
  }

  public int size() {
    return items.size();
  }
}
