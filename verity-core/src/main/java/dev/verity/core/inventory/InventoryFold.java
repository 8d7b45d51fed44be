package dev.verity.core.inventory;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A Party's inventory from one data exchange on, with its notifications folded in event-time
 * order whatever the order they arrived in: an advance notice for next month and a change
 * reported five days late both take their place in time (New START Protocol Part Four: the
 * database is updated by notifications of changes; the 1988 and 1989 agreements notify launches
 * and exercises ahead). Ties are broken by the notification number, so every node that holds the
 * same notifications folds them in the same order and reaches the same inventory.
 *
 * <p>The fold keeps the inventory after the last notification (the head) and a copy every
 * {@value #SNAPSHOT_EVERY} notifications, or one per {@value #ITEMS_PER_NOTIFICATION} items of
 * the inventory when that is more (at most {@value #MAX_SNAPSHOTS} copies: past that the spacing
 * doubles). A change after everything folded is applied to the head: one notification's work.
 * A change earlier in time (a late report, a correction) refolds from the last snapshot before
 * it: the notifications after that snapshot, never the whole history. A change that leaves some
 * notification unable to apply (an item moved after it was eliminated, one item in two places at
 * one instant) is refused with that notification named, and the fold is left as it was.
 */
public final class InventoryFold {
  /** How many notifications apart the snapshots are. */
  static final int SNAPSHOT_EVERY = 64;
  /**
   * A snapshot is a pass over the whole inventory, so a large one is spaced by its size: a
   * notification then pays about half an item's copy for the snapshots, however many items there
   * are. Every 64, the copies of a 1,500-item inventory were about half of each notification's
   * fold (`verity bench treaty`, D94). A late report replays at most one spacing more.
   */
  static final int ITEMS_PER_NOTIFICATION = 2;
  /**
   * At most this many snapshots are kept: past it every other one is dropped, so memory stays
   * within this many copies of the inventory however long the period (a refold then replays up to
   * twice as far).
   */
  static final int MAX_SNAPSHOTS = 64;

  /** A notification's place in the fold: event time, then number. */
  private record Key(Instant time, long number) implements Comparable<Key> {
    static Key of(Notification n) {
      return new Key(n.eventTime(), n.number());
    }

    @Override
    public int compareTo(Key o) {
      int c = time.compareTo(o.time);
      return c != 0 ? c : Long.compare(number, o.number);
    }
  }

  private static final Key FIRST = new Key(Instant.MIN, Long.MIN_VALUE);

  private final Declaration declaration;
  private final Instant start;
  private final Inventory base;
  private final NavigableMap<Key, Notification> folded = new TreeMap<>();

  /** The inventory after every notification up to and including the key. */
  private final NavigableMap<Key, Inventory> snapshots = new TreeMap<>();

  private Inventory head;
  private int sinceSnapshot;

  /** The declaration's inventory, checked against the agreement, with no notification yet. */
  public InventoryFold(Agreement agreement, String source, Declaration declaration)
      throws DeclarationException {
    this.declaration = declaration;
    this.start = declaration.asOf().atStartOfDay().toInstant(ZoneOffset.UTC);
    this.base = Inventory.of(agreement, source, declaration);
    this.head = base.copy();
  }

  public Declaration declaration() {
    return declaration;
  }

  /** When the declaration's data hold: 00:00 UTC on its as-of day. Notifications start here. */
  public Instant start() {
    return start;
  }

  /** How many notifications are folded. */
  public int size() {
    return folded.size();
  }

  /** The notifications folded, in fold order. */
  public List<Notification> notifications() {
    return List.copyOf(folded.values());
  }

  /**
   * Takes {@code remove} out of the fold and puts {@code add} in, as one change: applied to the
   * head when it comes after everything folded, else refolded from the nearest snapshot before
   * it. Throws, naming the notification that no longer applies, and changes nothing, if the
   * result is inconsistent.
   */
  public void change(Collection<Notification> remove, Collection<Notification> add)
      throws InventoryException {
    for (Notification n : add) {
      if (n.eventTime().isBefore(start)) {
        throw new IllegalArgumentException(n.label() + " is before the fold's start " + start);
      }
    }
    if (remove.isEmpty() && add.size() == 1 && after(Key.of(add.iterator().next()))) {
      extend(add.iterator().next());
      return;
    }
    Key low = lowest(remove, add);
    if (low == null) {
      return;
    }
    refold(low, remove, add);
  }

  /** Adds one notification: {@link #change} with nothing removed. */
  public void add(Notification n) throws InventoryException {
    change(List.of(), List.of(n));
  }

  private boolean after(Key k) {
    return folded.isEmpty() || k.compareTo(folded.lastKey()) > 0;
  }

  /** The fast path: one notification after everything folded, applied to the head. */
  private void extend(Notification n) throws InventoryException {
    head.apply(n); // Inventory.apply checks before it changes anything
    Key k = Key.of(n);
    folded.put(k, n);
    if (++sinceSnapshot >= spacing(head)) {
      snapshots.put(k, head.copy());
      sinceSnapshot = 0;
      thin();
    }
  }

  /** Notifications between two snapshots of {@code inventory}. */
  private static int spacing(Inventory inventory) {
    return Math.max(SNAPSHOT_EVERY, inventory.size() / ITEMS_PER_NOTIFICATION);
  }

  /** How many snapshots are kept (tests). */
  int snapshotCount() {
    return snapshots.size();
  }

  /** Drops every other snapshot once there are more than {@link #MAX_SNAPSHOTS}. */
  private void thin() {
    if (snapshots.size() <= MAX_SNAPSHOTS) {
      return;
    }
    boolean drop = false;
    for (var it = snapshots.keySet().iterator(); it.hasNext(); drop = !drop) {
      it.next();
      if (drop) {
        it.remove();
      }
    }
  }

  private static Key lowest(Collection<Notification> remove, Collection<Notification> add) {
    Key low = null;
    for (Notification n : concat(remove, add)) {
      Key k = Key.of(n);
      low = low == null || k.compareTo(low) < 0 ? k : low;
    }
    return low;
  }

  private static List<Notification> concat(Collection<Notification> a, Collection<Notification> b) {
    List<Notification> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Refolds every notification after the last snapshot before {@code low}, with the change. */
  private void refold(Key low, Collection<Notification> remove, Collection<Notification> add)
      throws InventoryException {
    Map.Entry<Key, Inventory> from = snapshots.lowerEntry(low);
    Key fromKey = from == null ? FIRST : from.getKey();
    NavigableMap<Key, Notification> tail = new TreeMap<>(folded.tailMap(fromKey, false));
    remove.forEach(n -> tail.remove(Key.of(n)));
    add.forEach(n -> tail.put(Key.of(n), n));
    Inventory work = (from == null ? base : from.getValue()).copy();
    NavigableMap<Key, Inventory> taken = new TreeMap<>();
    int since = 0;
    for (var e : tail.entrySet()) {
      work.apply(e.getValue());
      if (++since >= spacing(work)) {
        taken.put(e.getKey(), work.copy());
        since = 0;
      }
    }
    folded.tailMap(fromKey, false).clear();
    folded.putAll(tail);
    snapshots.tailMap(fromKey, false).clear();
    snapshots.putAll(taken);
    thin();
    head = work;
    sinceSnapshot = since;
  }

  /**
   * The inventory as of {@code instant} (the notifications with an event strictly before it), as
   * a copy the caller may keep: from the last snapshot before the instant, plus what follows.
   */
  public Inventory asOf(Instant instant) throws InventoryException {
    Key end = new Key(instant, Long.MIN_VALUE);
    if (after(end)) {
      return head.copy();
    }
    Map.Entry<Key, Inventory> from = snapshots.lowerEntry(end);
    Inventory inv = (from == null ? base : from.getValue()).copy();
    Key fromKey = from == null ? FIRST : from.getKey();
    for (Notification n : folded.subMap(fromKey, false, end, false).values()) {
      inv.apply(n);
    }
    return inv;
  }

  /** The inventory after every notification (a copy). */
  public Inventory latest() {
    return head.copy();
  }

  /** The running totals after every notification, by aggregate id (no copy made). */
  public Map<String, Long> latestAggregates() {
    return head.aggregates();
  }
}
