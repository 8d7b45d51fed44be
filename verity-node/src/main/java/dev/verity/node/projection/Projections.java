package dev.verity.node.projection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.compliance.ComplianceEvaluator;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.message.Correction;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Notification;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Refusal;
import dev.verity.node.entry.Envelope;
import dev.verity.node.entry.KeyAnnouncement;
import dev.verity.node.projection.DeclarationParts.Part;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.projection.EscrowLedger.CommitmentView;
import dev.verity.node.projection.InspectionProjection.Refused;
import dev.verity.node.projection.NotificationLedger.Version;
import dev.verity.node.projection.Reconciliations.Result;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The live projections over every Party's entries: the treaty engine's inventory, compliance and
 * obligations, computed the same way on every node from the same entries, so that both sides see
 * the same figures. Entries are applied in log order, exactly once per (party, index).
 *
 * <p>Each Party's data exchanges and notifications are kept by a {@link NotificationLedger}:
 * notifications fold in event-time order whatever order they arrive in, corrections replace the
 * version in force, and checking a new submission costs one notification's work when it comes
 * after everything folded (a refold from the nearest snapshot when it does not).
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
  private final Map<LocalDate, Map<String, InventoryView>> inventoryCache = new HashMap<>();
  /** Inspection, exhibition and commission entries of every Party (issue 6), folded in their own projection. */
  private final InspectionProjection inspections = new InspectionProjection(this);
  /** Declared protocols and code regimes, folded by the core's evaluator (issue 12). */
  private final ProvisionProjection provisions;

  /** Told of what the node should alarm about as entries are applied; null while rebuilding. */
  private ProjectionAlarms alarms;
  private final Reconciliations reconciliations = new Reconciliations(this);
  private final List<Announced> keys = new ArrayList<>();
  private KeyListener keyListener;

  /** What a Party has said so far. */
  private static final class PartyState {
    long nextIndex;
    final NotificationLedger ledger;
    final ProblemList problems = new ProblemList();
    /** Parts of a declaration still arriving (a declaration spans several entries). */
    final List<Declaration> parts = new ArrayList<>();

    PartyState(Agreement agreement, String party) {
      this.ledger = new NotificationLedger(agreement, party);
    }
  }

  public Projections(Agreement agreement) {
    this.agreement = agreement;
    this.escrow = new EscrowLedger(agreement);
    this.provisions = new ProvisionProjection(agreement);
  }

  public EscrowLedger escrow() {
    return escrow;
  }

  public Agreement agreement() {
    return agreement;
  }

  private PartyState state(String party) {
    return parties.computeIfAbsent(party, p -> new PartyState(agreement, p));
  }

  /** The index the next entry of {@code party} must have. */
  public synchronized long nextIndex(String party) {
    return state(party).nextIndex;
  }

  /** The notification number the next notification of {@code party} must carry. */
  public synchronized long nextNumber(String party) {
    return state(party).ledger.nextNumber();
  }

  public synchronized boolean hasDeclaration(String party) {
    return state(party).ledger.hasDeclaration();
  }

  /**
   * From now on, tells {@code a} of what the node should alarm about as entries are applied: a
   * correction that changes a figure already reported, a data exchange with items missing or
   * unexplained. Set after the projections are rebuilt at start, so nothing is alarmed twice.
   */
  public synchronized void watch(ProjectionAlarms a) {
    this.alarms = a;
  }

  /**
   * From now on, tells {@code l} of each key announcement applied (own and peers'), and at once
   * of those applied so far, in log order: how a node learns its peers' next keys.
   */
  public synchronized void onKeyAnnouncement(KeyListener l) {
    keyListener = l;
    keys.forEach(k -> l.announced(k.party(), k.index(), k.announcement()));
  }

  /** Told of a key announcement of {@code party}'s entry {@code index}. */
  public interface KeyListener {
    void announced(String party, long index, KeyAnnouncement a);
  }

  /** A key announcement read from a Party's entry. */
  public record Announced(String party, long index, KeyAnnouncement announcement) {}

  /** The key announcements of every Party so far, in the order applied. */
  public synchronized List<Announced> keyAnnouncements() {
    return List.copyOf(keys);
  }

  private void announced(String party, long index, Envelope e) {
    Optional<KeyAnnouncement> a = KeyAnnouncement.of(e.body());
    if (a.isEmpty()) {
      state(party).problems.add(party + "/" + index + ": not a key announcement (key: witness,"
          + " newKey, effectiveAt expected)");
      return;
    }
    keys.add(new Announced(party, index, a.get()));
    if (keyListener != null) {
      keyListener.announced(party, index, a.get());
    }
  }

  /** How many entries have been applied (or skipped) so far, all Parties together: grows with every change. */
  public synchronized long applied() {
    return parties.values().stream().mapToLong(s -> s.nextIndex).sum();
  }

  /** The as-of day of the earliest declaration of any Party, if there is one. */
  public synchronized Optional<LocalDate> firstDeclarationDay() {
    return parties.values().stream().flatMap(s -> s.ledger.declarations().stream())
        .map(Declaration::asOf).min(LocalDate::compareTo);
  }

  /**
   * Checks an own notification against the rules of the Party's inventory, in its place in time,
   * and, if it passes, applies it as entry {@code index} in the same step (one notification's
   * work when it comes after everything folded). Returns the problem, if any, naming the
   * notification it conflicts with, and then changes nothing.
   */
  public synchronized Optional<String> tryAccept(long index, Envelope e, Notification n) {
    PartyState s = expecting(n.party(), index);
    Optional<String> no = s.ledger.tryNotify(index, compact(n));
    if (no.isEmpty()) {
      accepted(s);
    }
    return no;
  }

  /**
   * Checks an own correction (the entry it supersedes is the version in force of one of the
   * Party's notifications; the corrected history still folds) and, if it passes, applies it as
   * entry {@code index}; returns the problem otherwise, having changed nothing.
   */
  public synchronized Optional<String> tryCorrect(long index, Envelope e, Correction c) {
    PartyState s = expecting(e.party(), index);
    Optional<String> no = s.ledger.tryCorrect(index, c);
    if (no.isEmpty()) {
      accepted(s);
    }
    return no;
  }

  /**
   * Why {@code party}'s data exchange {@code d} cannot be accepted: a notification it already
   * sent about an event after the exchange's date does not apply to it (named). Empty if none.
   */
  public synchronized Optional<String> checkDeclaration(String party, Declaration d) {
    return state(party).ledger.checkDeclaration(d);
  }

  private PartyState expecting(String party, long index) {
    PartyState s = state(party);
    if (index != s.nextIndex) {
      throw new IllegalStateException(
          party + ": entry " + index + " accepted before " + s.nextIndex);
    }
    return s;
  }

  private void accepted(PartyState s) {
    s.nextIndex++;
    inventoryCache.clear();
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
    if (e.type().equals(KeyAnnouncement.TYPE)) {
      announced(party, index, e);
      return;
    }
    try {
      if (e.type().equals(DeclarationParts.TYPE)) {
        part(s, party, index, DeclarationParts.part(e.body()));
      } else if (InspectionProjection.handles(e.type())) {
        inspections.record(party, index, e);
      } else if (provisions.handles(e.type())) {
        provisions.record(party, index, e).ifPresent(r -> s.problems.add(party + "/" + index
            + ": " + r));
      } else if (e.type().equals(Correction.TYPE)) {
        correct(s, party, index, DataExchangeJson.mapper().treeToValue(e.body(), Correction.class));
      } else if (agreement.messageType(e.type()).isPresent()) {
        Notification n = DataExchangeJson.mapper().treeToValue(e.body(), Notification.class);
        s.ledger.notify(index, compact(n), s.problems::add);
      }
    } catch (IOException ex) {
      s.problems.add(party + "/" + index + ": " + ex.getMessage());
    }
  }

  /** One part of a data exchange; the last one opens the exchange's period. */
  private void part(PartyState s, String party, long index, Part part) {
    if (part.index() != s.parts.size()) {
      s.parts.clear();
      s.problems.add(party + "/" + index + ": declaration part " + part.index() + " out of order");
      return;
    }
    s.parts.add(part.declaration());
    if (s.parts.size() == part.count()) {
      Declaration d = DeclarationParts.join(s.parts);
      s.parts.clear();
      s.ledger.declare(index, d, s.problems::add);
      if (alarms != null) {
        reconciliations.alarm(party, d, alarms);
      }
    }
  }

  /**
   * A correction from the log. Watched, one that changes a figure of the Party already reported
   * (its aggregates just after the original event, the corrected event, or now) is alarmed.
   */
  private void correct(PartyState s, String party, long index, Correction c) {
    List<Instant> at = alarms == null ? List.of() : reported(s.ledger, c, alarms.now());
    List<Optional<Map<String, Long>>> before = figures(s.ledger, at);
    s.ledger.correct(index, c, s.problems::add);
    List<Optional<Map<String, Long>>> after = figures(s.ledger, at);
    for (int i = 0; i < at.size(); i++) {
      String change = FigureChange.describe(before.get(i), after.get(i));
      if (change != null) {
        alarms.raise(party, ProjectionAlarms.FIGURE_CHANGED, party + " entry " + index
            + " corrects entry " + c.supersedes() + " (" + c.reason() + "): as of " + at.get(i)
            + " " + change);
        return;
      }
    }
  }

  /** The instants whose figures a correction may change, already reported by {@code now}. */
  private static List<Instant> reported(NotificationLedger ledger, Correction c, Instant now) {
    List<Instant> out = new ArrayList<>();
    ledger.numberOf(c.supersedes()).map(ledger::current)
        .map(Version::notification).ifPresent(n -> out.add(n.eventTime()));
    if (c.replacement() != null) {
      out.add(c.replacement().eventTime());
    }
    out.removeIf(t -> t.isAfter(now));
    out.add(now);
    return out;
  }

  private static List<Optional<Map<String, Long>>> figures(NotificationLedger l, List<Instant> at) {
    return at.stream().map(l::aggregatesJustAfter).toList();
  }

  /**
   * Checks an own inspection, exhibition or commission step against the inspection projection
   * and, if it passes, applies it as entry {@code index}; returns the refusal otherwise, having
   * changed nothing.
   */
  public synchronized Optional<Refused> tryAcceptStep(long index, Envelope e) {
    PartyState s = state(e.party());
    if (index != s.nextIndex) {
      throw new IllegalStateException(e.party() + ": entry " + index + " accepted before " + s.nextIndex);
    }
    Optional<Refused> no = inspections.tryAccept(e.party(), index, e);
    if (no.isEmpty()) {
      s.nextIndex++;
    }
    return no;
  }

  /**
   * Checks an own step of a declared protocol or code regime against the state folded from every
   * Party's entries and, if the evaluator accepts it, applies it as entry {@code index}; returns
   * the typed refusal otherwise, having changed nothing.
   */
  public synchronized Optional<Refusal> tryAcceptProvision(long index, Envelope e) {
    PartyState s = state(e.party());
    if (index != s.nextIndex) {
      throw new IllegalStateException(e.party() + ": entry " + index + " accepted before "
          + s.nextIndex);
    }
    Optional<Refusal> no = provisions.tryAccept(e.party(), index, e);
    if (no.isEmpty()) {
      s.nextIndex++;
      inventoryCache.clear();
    }
    return no;
  }

  /** The declared protocols and code regimes, folded from every Party's entries. */
  public ProvisionProjection provisions() {
    return provisions;
  }

  /** The inspections, exhibitions and the commission, folded from every Party's entries. */
  public InspectionProjection inspections() {
    return inspections;
  }

  /**
   * The inventory of {@code party} at {@code at} (notifications with an event before it), from its
   * latest declaration on or before that day; empty before any declaration. A copy.
   */
  public synchronized Optional<Inventory> inventoryAt(String party, Instant at)
      throws DeclarationException, InventoryException {
    PartyState s = parties.get(party);
    return s == null ? Optional.empty()
        : s.ledger.inventory(at.atOffset(ZoneOffset.UTC).toLocalDate(), at);
  }

  /** What the inventory of {@code party} is built from (changes whenever a declaration or notification arrives). */
  public synchronized String inventoryInputs(String party) {
    PartyState s = parties.get(party);
    return s == null ? "none" : s.ledger.declarations().size() + ":" + s.ledger.version() + ":"
        + s.problems.total();
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

  /** Inventory of each Party with a declaration, as of the start of {@code day} + 1 (end of day). */
  public synchronized Map<String, InventoryView> inventory(LocalDate day) {
    if (inventoryCache.size() > 64) {
      inventoryCache.clear();
    }
    return inventoryCache.computeIfAbsent(day,
        d -> Collections.unmodifiableMap(computeInventory(d)));
  }

  private Map<String, InventoryView> computeInventory(LocalDate day) {
    Map<String, InventoryView> out = new TreeMap<>();
    Instant end = day == null ? Instant.MAX : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    for (var en : parties.entrySet()) {
      try {
        Optional<Inventory> inv = en.getValue().ledger.inventory(day, end);
        if (inv.isPresent()) {
          out.put(en.getKey(), InventoryView.of(inv.get()));
        } else { // an escrowed declaration: the committed aggregates and the items revealed so far
          escrow.asOf(en.getKey(), day)
              .ifPresent(x -> out.put(en.getKey(), InventoryView.escrowed(x)));
        }
      } catch (InventoryException ex) {
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
    Instant end = day == null ? Instant.MAX : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return s == null ? Optional.empty() : s.ledger.inventory(day, end);
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
   * Obligations owed by each Party's notifications and data exchanges, typed and dated by receipt,
   * as seen at {@code asOf}: {@code received} gives, per Party, the first cosignature time (POSIX
   * seconds) of each checkpoint size of its log. A corrected notification is judged in its
   * corrected form, by the receipt of the correction (a late correction is late); a withdrawn one
   * owes nothing. Judged against the agreement's life ({@link ProvisionProjection#judged}).
   * Listed in {@link Obligation#ORDER}.
   */
  public synchronized List<Owed> obligations(Map<String, NavigableMap<Long, Long>> received,
      Instant asOf) {
    InventoryObligations judge = new InventoryObligations(agreement, asOf);
    List<Owed> out = new ArrayList<>();
    for (var en : parties.entrySet()) {
      NotificationLedger l = en.getValue().ledger;
      NavigableMap<Long, Long> times = received.getOrDefault(en.getKey(), new TreeMap<>());
      for (Version v : l.currentVersions()) {
        Notification n = v.notification();
        Owed o = judge.notification(n, new EntryRef(en.getKey(), v.index()),
            receivedAt(times, v.index()), l.corrected(n.number()));
        if (o != null) {
          out.add(o);
        }
      }
    }
    out.addAll(exchanges(judge, received, asOf.atOffset(ZoneOffset.UTC).toLocalDate()));
    out.sort(Comparator.comparing(Owed::obligation, Obligation.ORDER));
    return provisions.judged(out, asOf); // not missed while suspended (the agreement's life)
  }

  /** When entry {@code index} was received: the first cosignature covering it; null if none yet. */
  static Instant receivedAt(NavigableMap<Long, Long> times, long index) {
    var first = times.ceilingEntry(index + 1);
    return first == null ? null : Instant.ofEpochSecond(first.getValue());
  }

  /**
   * The data exchanges owed by each bound Party up to {@code today} (from the first one made),
   * each met by its declaration, open or in escrow, dated by its receipt.
   */
  private List<Owed> exchanges(InventoryObligations judge,
      Map<String, NavigableMap<Long, Long>> received, LocalDate today) {
    List<Owed> out = new ArrayList<>();
    if (agreement.dataExchange() == null) {
      return out;
    }
    LocalDate since = exchangesSince(today);
    for (Party p : agreement.boundParties()) {
      NavigableMap<Long, Long> times = received.getOrDefault(p.id(), new TreeMap<>());
      for (LocalDate day : agreement.exchangeDates(today)) {
        if (!day.isBefore(since)) {
          EntryRef e = exchangeEntry(p.id(), day).orElse(null);
          out.add(judge.exchange(p.id(), day, e,
              e == null ? null : receivedAt(times, e.index())));
        }
      }
    }
    return out;
  }

  /** The entry that made {@code party}'s data exchange as of {@code day}: open, or in escrow. */
  private Optional<EntryRef> exchangeEntry(String party, LocalDate day) {
    PartyState s = parties.get(party);
    Optional<Long> open = s == null ? Optional.empty() : s.ledger.declarationEntry(day);
    if (open.isPresent()) {
      return open.map(i -> new EntryRef(party, i));
    }
    return escrow.commitments(party).stream().filter(c -> c.asOf().equals(day))
        .map(c -> new EntryRef(party, c.entry().index())).findFirst();
  }

  /**
   * Data exchanges are owed from the first one in any Party's log; before there is any, the one
   * due now (the first day's declaration).
   */
  private LocalDate exchangesSince(LocalDate today) {
    Optional<LocalDate> first = firstDeclarationDay();
    Optional<LocalDate> committed = parties.keySet().stream()
        .flatMap(p -> escrow.commitments(p).stream()).map(CommitmentView::asOf)
        .min(LocalDate::compareTo);
    if (first.isPresent() || committed.isPresent()) {
      return Stream.of(first, committed).flatMap(Optional::stream)
          .min(LocalDate::compareTo).orElseThrow();
    }
    List<LocalDate> due = agreement.exchangeDates(today);
    return due.isEmpty() ? today : due.get(due.size() - 1);
  }

  /** Each Party's data exchanges reconciled with the one before plus the notifications between. */
  public synchronized List<Result> reconciliations(
      Map<String, NavigableMap<Long, Long>> received) {
    return reconciliations.all(received);
  }

  /** How entry {@code index} of {@code party} stands among corrections (if a notification). */
  public synchronized Optional<Supersession> supersession(String party, long index) {
    PartyState s = parties.get(party);
    return s == null ? Optional.empty() : s.ledger.supersession(index);
  }

  /**
   * What a correction of entry {@code index} of {@code party} would correct: the notification
   * number, and the type of the version in force (null when it was withdrawn); or why it cannot.
   */
  public record Correctable(Long number, String type, String problem) {}

  public synchronized Correctable correctable(String party, long index) {
    NotificationLedger l = state(party).ledger;
    Optional<String> no = l.target(new Correction(index, "?", null));
    if (no.isPresent()) {
      return new Correctable(null, null, no.get());
    }
    long number = l.numberOf(index).orElseThrow();
    Notification n = l.current(number).notification();
    return new Correctable(number, n == null ? null : n.type(), null);
  }

  /** The ledger of {@code party}, for the reconciliations (under this object's lock). */
  NotificationLedger ledger(String party) {
    return state(party).ledger;
  }

  /** The Parties with a record so far. */
  Set<String> recorded() {
    return parties.keySet();
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
