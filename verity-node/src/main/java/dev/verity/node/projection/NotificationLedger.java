package dev.verity.node.projection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.inventory.InventoryFold;
import dev.verity.core.message.Correction;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One Party's data exchanges and notifications as the node folds them: each data exchange opens a
 * period with its own {@link InventoryFold}, which takes the notifications whose events fall
 * before the next exchange, in event-time order whatever order they arrived in. Each notification
 * number keeps its history: the original entry, then any corrections ({@link Correction}); the
 * folds hold only the current version, so every figure uses the corrected history while the
 * originals stay on record.
 *
 * <p>Own messages are checked before they are appended ({@code try...}: the problem, and nothing
 * changed, or nothing); a peer's entries are applied whatever they hold, and what cannot be folded
 * is reported as a problem (its log is what it said).
 */
final class NotificationLedger {
  /** One version of a notification number: the entry that said it, and what it said. */
  record Version(long index, Notification notification, String reason, boolean folded) {
    Version folded(boolean f) {
      return new Version(index, notification, reason, f);
    }
  }

  private final Agreement agreement;
  private final String party;
  private final NavigableMap<LocalDate, InventoryFold> periods = new TreeMap<>();

  /** The entry that completed each data exchange (its last part). */
  private final Map<LocalDate, Long> declarationEntry = new HashMap<>();

  private final NavigableMap<Long, List<Version>> numbers = new TreeMap<>();

  /** Entry index to the notification number it speaks for (originals and corrections). */
  private final Map<Long, Long> numberAt = new HashMap<>();

  private long version;

  NotificationLedger(Agreement agreement, String party) {
    this.agreement = agreement;
    this.party = party;
  }

  /** Grows with every change (for caches). */
  long version() {
    return version;
  }

  long nextNumber() {
    return numbers.isEmpty() ? 1 : numbers.lastKey() + 1;
  }

  boolean hasDeclaration() {
    return !periods.isEmpty();
  }

  List<Declaration> declarations() {
    return periods.values().stream().map(InventoryFold::declaration).toList();
  }

  /** The entry index that completed the data exchange as of {@code asOf}. */
  Optional<Long> declarationEntry(LocalDate asOf) {
    return Optional.ofNullable(declarationEntry.get(asOf));
  }

  // ---- notifications ------------------------------------------------------------------------

  /** Checks and, if consistent, records an own notification; the problem otherwise. */
  Optional<String> tryNotify(long index, Notification n) {
    if (numbers.containsKey(n.number())) {
      return Optional.of("notification number " + n.number() + " is taken");
    }
    Optional<String> no = place(List.of(), List.of(n));
    if (no.isEmpty()) {
      record(index, n.number(), new Version(index, n, null, foldFor(n) != null));
    }
    return no;
  }

  /** Records a notification from the log, folding it if it fits; else a problem. */
  void notify(long index, Notification n, Consumer<String> problems) {
    if (numbers.containsKey(n.number())) {
      problems.accept(party + "/" + index + ": notification number " + n.number() + " used again");
      return;
    }
    Optional<String> no = place(List.of(), List.of(n));
    no.ifPresent(p -> problems.accept(party + "/" + index + ": " + p));
    record(index, n.number(), new Version(index, n, null, no.isEmpty() && foldFor(n) != null));
  }

  private void record(long index, long number, Version v) {
    numbers.computeIfAbsent(number, k -> new ArrayList<>()).add(v);
    numberAt.put(index, number);
    version++;
  }

  // ---- corrections --------------------------------------------------------------------------

  /** Checks and, if consistent, records an own correction; the problem otherwise. */
  Optional<String> tryCorrect(long index, Correction c) {
    Optional<String> target = target(c);
    if (target.isPresent()) {
      return target;
    }
    long number = numberAt.get(c.supersedes());
    Version current = current(number);
    Notification replacement = c.replacement();
    Optional<String> no =
        place(removed(current), replacement == null ? List.of() : List.of(replacement));
    if (no.isEmpty()) {
      record(
          index,
          number,
          new Version(
              index, replacement, c.reason(), replacement != null && foldFor(replacement) != null));
    }
    return no;
  }

  /** Records a correction from the log; what cannot be folded is a problem. */
  void correct(long index, Correction c, Consumer<String> problems) {
    Optional<String> target = target(c);
    if (target.isPresent()) {
      problems.accept(party + "/" + index + ": correction: " + target.get());
      return;
    }
    long number = numberAt.get(c.supersedes());
    Version current = current(number);
    Notification r = c.replacement();
    Optional<String> no = place(removed(current), r == null ? List.of() : List.of(r));
    boolean folded = no.isEmpty() && r != null && foldFor(r) != null;
    boolean stays = false;
    if (no.isPresent()) { // the replacement does not fit: at least take the superseded one out
      problems.accept(party + "/" + index + ": " + no.get());
      stays = place(removed(current), List.of()).isPresent();
    }
    record(index, number, new Version(index, r, c.reason(), folded));
    if (no.isPresent() && !stays) {
      List<Version> vs = numbers.get(number);
      vs.set(vs.size() - 2, vs.get(vs.size() - 2).folded(false));
    }
  }

  /** Why {@code c} cannot correct what it names, or empty. */
  Optional<String> target(Correction c) {
    Long number = numberAt.get(c.supersedes());
    if (number == null) {
      return Optional.of(
          "entry "
              + c.supersedes()
              + " of "
              + party
              + " is not a notification or a correction of one (data exchanges and protocol steps"
              + " are not corrected this way)");
    }
    Version current = current(number);
    if (current.index() != c.supersedes()) {
      return Optional.of(
          "entry "
              + c.supersedes()
              + " was already superseded by entry "
              + current.index()
              + ": correct that one");
    }
    if (c.replacement() != null && c.replacement().number() != number) {
      return Optional.of(
          "the replacement must keep number "
              + number
              + ", the number of the"
              + " notification it corrects");
    }
    return Optional.empty();
  }

  private static List<Notification> removed(Version current) {
    return current.folded() ? List.of(current.notification()) : List.of();
  }

  /** The version in force of {@code number}. */
  Version current(long number) {
    List<Version> vs = numbers.get(number);
    return vs.get(vs.size() - 1);
  }

  /** The number entry {@code index} speaks for, if it is a notification or a correction. */
  Optional<Long> numberOf(long index) {
    return Optional.ofNullable(numberAt.get(index));
  }

  /** How entry {@code index} stands among the corrections, if it is a notification or one. */
  Optional<Supersession> supersession(long index) {
    Long number = numberAt.get(index);
    if (number == null) {
      return Optional.empty();
    }
    List<Version> vs = numbers.get(number);
    int at = 0;
    while (vs.get(at).index() != index) {
      at++;
    }
    Long before = at == 0 ? null : vs.get(at - 1).index();
    Long after = at + 1 < vs.size() ? vs.get(at + 1).index() : null;
    String reason = after != null ? vs.get(at + 1).reason() : vs.get(at).reason();
    return Optional.of(new Supersession(before, after, reason, number));
  }

  // ---- placing notifications in the folds ---------------------------------------------------

  /** The fold a notification's event falls in: the latest data exchange at or before it. */
  private InventoryFold foldFor(Notification n) {
    var e = periods.floorEntry(n.eventTime().atOffset(ZoneOffset.UTC).toLocalDate());
    return e == null ? null : e.getValue();
  }

  /**
   * Takes {@code remove} out of their folds and puts {@code add} into theirs, or, if any fold
   * refuses, changes nothing and says why. A notification naming an item needs an inventory to be
   * checked against: under an open declaration it is refused before the first data exchange.
   */
  private Optional<String> place(List<Notification> remove, List<Notification> add) {
    for (Notification n : add) {
      if (foldFor(n) == null && needsInventory(n) && (hasDeclaration() || openMode())) {
        return Optional.of(beforeFirst(n));
      }
    }
    List<Runnable> undo = new ArrayList<>();
    try {
      for (Notification n : remove) {
        change(foldFor(n), List.of(n), List.of(), undo);
      }
      for (Notification n : add) {
        change(foldFor(n), List.of(), List.of(n), undo);
      }
      return Optional.empty();
    } catch (InventoryException e) {
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
      return Optional.of(e.getMessage());
    }
  }

  private static void change(
      InventoryFold f, List<Notification> remove, List<Notification> add, List<Runnable> undo)
      throws InventoryException {
    if (f == null) {
      return;
    }
    f.change(remove, add);
    undo.add(
        () -> {
          try {
            f.change(add, remove); // back to a state the fold held a moment ago
          } catch (InventoryException impossible) {
            throw new IllegalStateException(impossible);
          }
        });
  }

  private boolean openMode() {
    return agreement.declarationMode() == DeclarationMode.OPEN;
  }

  private static boolean needsInventory(Notification n) {
    return n.item() != null || n.newItem() != null;
  }

  private String beforeFirst(Notification n) {
    if (!hasDeclaration()) {
      return "no declaration from "
          + party
          + " yet: submit its data exchange first (an item can"
          + " only be checked against a declared inventory)";
    }
    return n.label()
        + ": eventTime "
        + n.eventTime()
        + " is before "
        + party
        + "'s first data"
        + " exchange (as of "
        + periods.firstKey()
        + "): there is no inventory to check item '"
        + (n.item() != null ? n.item() : n.newItem().id())
        + "' against";
  }

  // ---- data exchanges -----------------------------------------------------------------------

  /**
   * Why the data exchange {@code d} cannot open a period: it fails the agreement's rules, or a
   * notification already recorded after its date does not apply to it (named).
   */
  Optional<String> checkDeclaration(Declaration d) {
    try {
      InventoryFold f = new InventoryFold(agreement, party, d);
      f.change(List.of(), members(d.asOf()));
      return Optional.empty();
    } catch (DeclarationException | InventoryException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Opens a period at {@code d}: the notifications from its date to the next data exchange move
   * into its fold (a later exchange of the same date replaces the earlier one). What does not
   * apply is reported.
   */
  void declare(long lastIndex, Declaration d, Consumer<String> problems) {
    InventoryFold f;
    try {
      f = new InventoryFold(agreement, party, d);
    } catch (DeclarationException e) {
      problems.accept(party + "/" + lastIndex + ": " + e.getMessage());
      return;
    }
    List<Notification> moving = members(d.asOf());
    var lower = periods.lowerEntry(d.asOf());
    if (lower != null && !periods.containsKey(d.asOf())) { // they leave the period before
      change(
          lower.getValue(), moving.stream().filter(this::isFolded).toList(), problems, lastIndex);
    }
    periods.put(d.asOf(), f);
    declarationEntry.put(d.asOf(), lastIndex);
    try {
      f.change(List.of(), moving);
      moving.forEach(n -> setFolded(n, true));
    } catch (InventoryException e) { // one at a time, to fold all that fit
      moving.forEach(n -> setFolded(n, fold(f, n, problems, lastIndex)));
    }
    version++;
  }

  /** The notifications in force with events in the period an exchange as of {@code asOf} opens. */
  private List<Notification> members(LocalDate asOf) {
    Instant start = asOf.atStartOfDay().toInstant(ZoneOffset.UTC);
    LocalDate next = periods.higherKey(asOf);
    Instant end = next == null ? Instant.MAX : next.atStartOfDay().toInstant(ZoneOffset.UTC);
    List<Notification> out = new ArrayList<>();
    for (long number : numbers.keySet()) {
      Notification n = current(number).notification();
      if (n != null && !n.eventTime().isBefore(start) && n.eventTime().isBefore(end)) {
        out.add(n);
      }
    }
    return out;
  }

  private boolean isFolded(Notification n) {
    return current(n.number()).folded();
  }

  private void setFolded(Notification n, boolean folded) {
    List<Version> vs = numbers.get(n.number());
    vs.set(vs.size() - 1, vs.get(vs.size() - 1).folded(folded));
  }

  private void change(
      InventoryFold f, List<Notification> remove, Consumer<String> problems, long at) {
    try {
      f.change(remove, List.of()); // taking off the tail of a period is always consistent
    } catch (InventoryException e) {
      problems.accept(party + "/" + at + ": " + e.getMessage());
    }
  }

  private static boolean fold(InventoryFold f, Notification n, Consumer<String> problems, long at) {
    try {
      f.add(n);
      return true;
    } catch (InventoryException e) {
      problems.accept(n.party() + "/" + at + ": " + e.getMessage());
      return false;
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  /**
   * The inventory as of {@code end} (events strictly before it), from the latest data exchange on
   * or before {@code day}; empty before the first data exchange.
   */
  Optional<Inventory> inventory(LocalDate day, Instant end) throws InventoryException {
    if (periods.isEmpty() || end.isBefore(periods.firstEntry().getValue().start())) {
      return Optional.empty(); // nothing was declared yet
    }
    var e = day == null ? periods.lastEntry() : periods.floorEntry(day);
    InventoryFold f = e != null ? e.getValue() : periods.firstEntry().getValue();
    return Optional.of(f.asOf(end));
  }

  /** The inventory just after the events of {@code at} (an instant's figures as reported). */
  Optional<Map<String, Long>> aggregatesJustAfter(Instant at) {
    Instant end = at.plusNanos(1);
    try {
      return inventory(at.atOffset(ZoneOffset.UTC).toLocalDate(), end).map(Inventory::aggregates);
    } catch (InventoryException e) {
      return Optional.empty();
    }
  }

  /** Every number's version in force (withdrawn ones left out), with the entry that said it. */
  List<Version> currentVersions() {
    List<Version> out = new ArrayList<>();
    for (long number : numbers.keySet()) {
      Version v = current(number);
      if (v.notification() != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** The numbers withdrawn by a correction with no replacement. */
  Set<Long> withdrawn() {
    Set<Long> out = new TreeSet<>();
    numbers.keySet().stream().filter(k -> current(k).notification() == null).forEach(out::add);
    return out;
  }

  /** Whether {@code number} was corrected (its version in force is not the original). */
  boolean corrected(long number) {
    return numbers.get(number).size() > 1;
  }
}
