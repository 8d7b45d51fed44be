package dev.verity.node.projection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.compliance.ComplianceEvaluator;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.inventory.InventoryTimeline;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import dev.verity.core.obligation.Obligation;
import dev.verity.core.obligation.ObligationTracker;
import dev.verity.node.entry.Envelope;
import dev.verity.node.escrow.EscrowEntries;
import dev.verity.node.escrow.EscrowLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The live projections over every Party's entries: the treaty engine's inventory, compliance and
 * obligations, computed the same way on every node from the same entries, so that both sides see
 * the same figures. Entries are applied in log order, exactly once per (party, index).
 *
 * <p>For each Party the projection keeps a running inventory (the "head") so that checking a new
 * submission against the rules costs one notification's work, not a replay of the history.
 */
public final class Projections {
  private final Agreement agreement;
  /** Escrowed declarations: commitments and verified reveals (declarationMode: escrow). */
  private final EscrowLedger escrow;
  private final Map<String, PartyState> parties = new LinkedHashMap<>();
  /**
   * Inventories by day, valid until the next entry is applied: dashboards ask for the same days
   * over and over, and each answer replays a Party's history.
   */
  private final Map<LocalDate, Map<String, InventoryView>> inventoryCache = new java.util.HashMap<>();
  /** Inspection, exhibition and commission entries of every Party (issue 6), folded in their own projection. */
  private final InspectionProjection inspections = new InspectionProjection(this);
  /** Per Party, the inventory timeline the inspection projection last asked about, and what it was built from. */
  private final Map<String, Map.Entry<String, InventoryTimeline>> timelines = new java.util.HashMap<>();

  /** What a Party has said so far. */
  private static final class PartyState {
    long nextIndex;
    final List<Declaration> declarations = new ArrayList<>();
    final List<Notification> notifications = new ArrayList<>();
    /** The log index of each notification, in the same order. */
    final List<Long> notificationIndex = new ArrayList<>();
    final ProblemList problems = new ProblemList();
    /** Parts of a declaration still arriving (a declaration spans several entries). */
    final List<Declaration> parts = new ArrayList<>();
    Inventory head;
  }

  public Projections(Agreement agreement) {
    this.agreement = agreement;
    this.escrow = new EscrowLedger(agreement);
  }

  public EscrowLedger escrow() {
    return escrow;
  }

  public Agreement agreement() {
    return agreement;
  }

  private PartyState state(String party) {
    return parties.computeIfAbsent(party, p -> new PartyState());
  }

  /** The index the next entry of {@code party} must have. */
  public synchronized long nextIndex(String party) {
    return state(party).nextIndex;
  }

  /** The notification number the next notification of {@code party} must carry. */
  public synchronized long nextNumber(String party) {
    return state(party).notifications.size() + 1L;
  }

  public synchronized boolean hasDeclaration(String party) {
    return !state(party).declarations.isEmpty();
  }

  /** How many entries have been applied (or skipped) so far, all Parties together: grows with every change. */
  public synchronized long applied() {
    return parties.values().stream().mapToLong(s -> s.nextIndex).sum();
  }

  /** The as-of day of the earliest declaration of any Party, if there is one. */
  public synchronized Optional<LocalDate> firstDeclarationDay() {
    return parties.values().stream().flatMap(s -> s.declarations.stream()).map(Declaration::asOf)
        .min(LocalDate::compareTo);
  }

  /**
   * Checks an own notification against the rules of the Party's current inventory and, if it
   * passes, applies it as entry {@code index} in the same step: one notification's work, however
   * long the history. Returns the problem, if any, and then changes nothing.
   */
  public synchronized Optional<String> tryAccept(long index, Envelope e, Notification n) {
    PartyState s = state(n.party());
    if (index != s.nextIndex) {
      throw new IllegalStateException(n.party() + ": entry " + index + " accepted before " + s.nextIndex);
    }
    if (s.declarations.isEmpty() && escrow.asOf(n.party(), null).isPresent()) {
      return Optional.of(n.party() + "'s declaration is in escrow (declarationMode: escrow): notifications cannot be"
          + " checked against items that are not published, and are not supported under escrow yet");
    }
    if (s.declarations.isEmpty()) {
      return Optional.of("no declaration from " + n.party() + " yet: submit its data exchange first");
    }
    try {
      if (s.head == null) {
        s.head = rebuild(s, List.of());
      }
      s.head.apply(n);
    } catch (InventoryException | DeclarationException ex) {
      s.head = null; // may be half-changed; rebuilt from the accepted notifications next time
      return Optional.of(ex.getMessage());
    }
    s.nextIndex++;
    inventoryCache.clear();
    s.notifications.add(compact(n));
    s.notificationIndex.add(index);
    return Optional.empty();
  }

  /**
   * The notification with its Party and type as the agreement's own strings: every notification
   * is kept for good (the inventory is refolded from them), and a million of them each with their
   * own copy of "RU" and "bomber-exercise" cost 100 MB more (verity bench startup).
   */
  private Notification compact(Notification n) {
    String party = agreement.parties().stream().map(Party::id).filter(p -> p.equals(n.party()))
        .findFirst().orElse(n.party());
    String type = agreement.messageType(n.type()).map(t -> t.id()).orElse(n.type());
    return new Notification(n.number(), party, type, n.item(), n.eventTime(), n.receivedAt(),
        n.facility(), n.launcher(), n.warheads(), n.newItem());
  }

  /**
   * Applies an entry at {@code index} of {@code party}'s log. Entries already applied are
   * ignored (exactly once); an entry that breaks the rules is still part of that Party's record
   * and is listed as a problem rather than dropped.
   */
  public synchronized void apply(String party, long index, Envelope e) {
    PartyState s = state(party);
    if (index < s.nextIndex) {
      return;
    }
    if (index > s.nextIndex) {
      throw new IllegalStateException(party + ": entry " + index + " applied before " + s.nextIndex);
    }
    s.nextIndex++;
    inventoryCache.clear();
    if (EscrowEntries.handles(e.type())) {
      escrow.apply(party, index, e.type(), e.body());
      return;
    }
    try {
      if (e.type().equals(DeclarationParts.TYPE)) {
        DeclarationParts.Part part = DeclarationParts.part(e.body());
        if (part.index() != s.parts.size()) {
          s.parts.clear();
          s.problems.add(party + "/" + index + ": declaration part " + part.index() + " out of order");
          return;
        }
        s.parts.add(part.declaration());
        if (s.parts.size() == part.count()) {
          s.declarations.add(DeclarationParts.join(s.parts));
          s.parts.clear();
          s.head = null;
        }
      } else if (InspectionProjection.handles(e.type())) {
        inspections.record(party, index, e);
      } else if (agreement.messageType(e.type()).isPresent()) {
        Notification n = DataExchangeJson.mapper().treeToValue(e.body(), Notification.class);
        s.notifications.add(compact(n));
        s.notificationIndex.add(index);
        if (s.head != null) {
          try {
            s.head.apply(n);
          } catch (InventoryException ex) {
            s.head = null;
            s.problems.add(party + "/" + index + ": " + ex.getMessage());
          }
        }
      }
    } catch (java.io.IOException ex) {
      s.problems.add(party + "/" + index + ": " + ex.getMessage());
    }
  }

  /**
   * Checks an own inspection, exhibition or commission step against the inspection projection
   * and, if it passes, applies it as entry {@code index}; returns the refusal otherwise, having
   * changed nothing.
   */
  public synchronized Optional<InspectionProjection.Refused> tryAcceptStep(long index, Envelope e) {
    PartyState s = state(e.party());
    if (index != s.nextIndex) {
      throw new IllegalStateException(e.party() + ": entry " + index + " accepted before " + s.nextIndex);
    }
    Optional<InspectionProjection.Refused> no = inspections.tryAccept(e.party(), index, e);
    if (no.isEmpty()) {
      s.nextIndex++;
    }
    return no;
  }

  /** The inspections, exhibitions and the commission, folded from every Party's entries. */
  public InspectionProjection inspections() {
    return inspections;
  }

  /**
   * The inventory of {@code party} at {@code at} (notifications with an event before it), from its
   * latest declaration on or before that day; empty before any declaration. Queries that move
   * forward in time continue the last fold.
   */
  public synchronized Optional<Inventory> inventoryAt(String party, Instant at) throws DeclarationException, InventoryException {
    PartyState s = parties.get(party);
    Declaration d = s == null ? null : base(s, at.atOffset(ZoneOffset.UTC).toLocalDate());
    if (d == null) {
      return Optional.empty();
    }
    String key = inventoryInputs(party) + "@" + d.asOf();
    var t = timelines.get(party);
    if (t == null || !t.getKey().equals(key)) {
      t = Map.entry(key, new InventoryTimeline(agreement, party, d, s.notifications));
      timelines.put(party, t);
    }
    return Optional.of(t.getValue().asOf(at));
  }

  /** What the inventory of {@code party} is built from (changes whenever a declaration or notification arrives). */
  public synchronized String inventoryInputs(String party) {
    PartyState s = parties.get(party);
    return s == null ? "none"
        : s.declarations.size() + ":" + s.notifications.size() + ":" + s.problems.total();
  }

  /** Accounts for an entry of {@code party} that cannot be applied (not a Verity entry). */
  public synchronized void skip(String party, long index, String why) {
    PartyState s = state(party);
    if (index == s.nextIndex) {
      s.nextIndex++;
      inventoryCache.clear();
      s.problems.add(why);
    }
  }

  /** Inventory of {@code party} replayed to the end, with optionally one more notification. */
  private Inventory rebuild(PartyState s, List<Notification> extra) throws DeclarationException, InventoryException {
    Declaration d = s.declarations.get(0);
    List<Notification> all = new ArrayList<>(s.notifications);
    all.addAll(extra);
    return new InventoryTimeline(agreement, d.party(), d, all).latest();
  }

  /** Inventory of each Party with a declaration, as of the start of {@code day} + 1 (end of day). */
  public synchronized Map<String, InventoryView> inventory(LocalDate day) {
    if (inventoryCache.size() > 64) {
      inventoryCache.clear();
    }
    return inventoryCache.computeIfAbsent(day, d -> java.util.Collections.unmodifiableMap(computeInventory(d)));
  }

  private Map<String, InventoryView> computeInventory(LocalDate day) {
    Map<String, InventoryView> out = new TreeMap<>();
    Instant end = day == null ? Instant.MAX : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    for (var en : parties.entrySet()) {
      PartyState s = en.getValue();
      Declaration d = base(s, day);
      if (d == null) {
        // an escrowed declaration: the committed aggregates and the items revealed so far
        escrow.asOf(en.getKey(), day).ifPresent(x -> out.put(en.getKey(), InventoryView.escrowed(x)));
        continue;
      }
      try {
        Inventory inv = new InventoryTimeline(agreement, en.getKey(), d, s.notifications).asOf(end);
        out.put(en.getKey(), InventoryView.of(inv));
      } catch (DeclarationException | InventoryException ex) {
        out.put(en.getKey(), InventoryView.error(ex.getMessage()));
      }
    }
    return out;
  }

  /** One item as the inventory drill-down shows it. */
  public record ItemView(String id, String kind, String facility, String launcher, Integer warheads, String status) {}

  /** The items of {@code party} as of the end of {@code day}, optionally at one facility. */
  public synchronized List<ItemView> items(String party, LocalDate day, String facility)
      throws DeclarationException, InventoryException {
    Optional<Inventory> inv = inventoryAsOf(party, day);
    if (inv.isEmpty()) {
      return revealedItems(party, day, facility);
    }
    List<ItemView> out = new ArrayList<>();
    for (var it : inv.get().items().values()) {
      if (facility == null || facility.equals(it.facility())) {
        var st = inv.get().status(it.id());
        out.add(new ItemView(it.id(), it.kind(), it.facility(), it.launcher(), it.warheads(), st == null ? null : st.label()));
      }
    }
    return out;
  }

  /** Under escrow: the items revealed with a valid proof (the others are committed, not shown). */
  private List<ItemView> revealedItems(String party, LocalDate day, String facility) {
    return escrow.asOf(party, day).map(x -> x.revealed().stream()
        .filter(it -> facility == null || facility.equals(it.facility()))
        .map(it -> new ItemView(it.id(), it.kind(), it.facility(), it.launcher(), it.warheads(), "revealed")).toList())
        .orElse(List.of());
  }

  /**
   * The inventory of {@code party} as of the end of {@code day} (all entries when null), folded
   * from its latest declaration on or before that day; empty before any declaration.
   */
  public synchronized Optional<Inventory> inventoryAsOf(String party, LocalDate day)
      throws DeclarationException, InventoryException {
    PartyState s = parties.get(party);
    Declaration d = s == null ? null : base(s, day);
    if (d == null) {
      return Optional.empty();
    }
    Instant end = day == null ? Instant.MAX : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return Optional.of(new InventoryTimeline(agreement, party, d, s.notifications).asOf(end));
  }

  /** The latest declaration on or before {@code day} (the first one if none). */
  private static Declaration base(PartyState s, LocalDate day) {
    Declaration best = null;
    for (Declaration d : s.declarations) {
      if (day == null || !d.asOf().isAfter(day)) {
        if (best == null || d.asOf().isAfter(best.asOf())) {
          best = d;
        }
      }
    }
    return best != null ? best : s.declarations.isEmpty() ? null : s.declarations.get(0);
  }

  /** Compliance of each Party against the limits as of {@code day}. */
  public synchronized List<PartyCompliance> compliance(LocalDate day) {
    ComplianceEvaluator ev = new ComplianceEvaluator(agreement);
    List<PartyCompliance> out = new ArrayList<>();
    for (var en : inventory(day).entrySet()) {
      if (en.getValue().aggregates() != null) {
        out.add(ev.evaluate(day, en.getKey(), en.getValue().aggregates()));
      }
    }
    return out;
  }

  /**
   * Obligations owed by each Party's notifications, dated by receipt: {@code received} gives, per
   * Party, the first cosignature time (POSIX seconds) of each checkpoint size of its log.
   */
  public synchronized List<Obligation> obligations(Map<String, NavigableMap<Long, Long>> received, Instant now) {
    ObligationTracker t = new ObligationTracker(agreement);
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    Instant nextDue = agreement.dataExchange() == null ? null
        : t.exchangeDue(agreement.exchangeDates(today.plusYears(1)).stream().filter(x -> x.isAfter(today))
            .findFirst().orElse(today.plusMonths(6)));
    List<Obligation> out = new ArrayList<>();
    for (var en : parties.entrySet()) {
      PartyState s = en.getValue();
      NavigableMap<Long, Long> times = received.getOrDefault(en.getKey(), new TreeMap<>());
      List<Notification> dated = new ArrayList<>();
      for (int i = 0; i < s.notifications.size(); i++) {
        var first = times.ceilingEntry(s.notificationIndex.get(i) + 1);
        dated.add(first == null ? s.notifications.get(i)
            : s.notifications.get(i).withReceivedAt(Instant.ofEpochSecond(first.getValue())));
      }
      out.addAll(t.notifications(dated, nextDue, now));
    }
    return out;
  }

  /** Entries that broke the rules when applied, per Party. */
  public synchronized List<String> problems() {
    List<String> out = new ArrayList<>(escrow.problems());
    parties.values().forEach(s -> out.addAll(s.problems.kept()));
    out.addAll(inspections.problems());
    return out;
  }

  /** How many problems were found, including those not kept ({@link ProblemList}). */
  public synchronized long problemCount() {
    long folded = parties.values().stream().mapToLong(s -> s.problems.total()).sum();
    return escrow.problemCount() + folded + inspections.problemCount();
  }

  /** A page of {@link #problems()}. */
  public synchronized List<String> problems(int offset, int limit) {
    List<String> all = problems();
    int from = Math.min(all.size(), Math.max(0, offset));
    int to = (int) Math.min(all.size(), (long) from + Math.max(0, limit));
    return List.copyOf(all.subList(from, to));
  }

  public synchronized List<String> parties() {
    return agreement.parties().stream().map(Party::id).toList();
  }
}
