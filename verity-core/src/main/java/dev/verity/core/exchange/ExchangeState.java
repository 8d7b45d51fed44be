package dev.verity.core.exchange;

import dev.verity.core.exchange.Arrangement.CategoryRule;
import dev.verity.core.exchange.ExchangeMessage.AttestConsent;
import dev.verity.core.exchange.ExchangeMessage.AttestStage;
import dev.verity.core.exchange.ExchangeMessage.Consent;
import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.HandOver;
import dev.verity.core.exchange.ExchangeMessage.ReportCounts;
import dev.verity.core.exchange.Pending.What;
import dev.verity.core.message.EntryRef;
import dev.verity.tlog.merkle.Hash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pcollections.TreePMap;

/**
 * One exchange as every node folds it from the entries of the Parties, the mediators and the
 * intermediary: the committed lists, the blinded values each Party put on the other's lists, the
 * intermediary's attestations, the persons handed over, and each stage's reports, with the entry
 * and time of each (what met an obligation, and when). Immutable to its readers: {@link
 * ExchangeRegime#apply} changes a copy and returns it. What a node shows (matches, consent
 * status, stages with their discrepancies, what each participant still owes) is read from it.
 */
public final class ExchangeState {
  private final Arrangement arrangement;
  private final Map<ListId, Listed> lists;
  private final Map<ListId, Assembly> assembling;
  private final Map<ListId, TreePMap<Integer, List<Blinded>>> blindingParts;
  private final Map<ListId, Stamp> committed;
  private final Map<ListId, List<Blinded>> reblinded;
  private final Map<ListId, Stamp> blindedIn;
  private final List<AttestConsent> attestations;
  private final Map<Hash, Consent> consent;
  private final Map<Hash, Stamp> attestedIn;
  private final Map<String, Set<Blinded>> handedPersons;
  private final List<Handed> handovers;
  private final Map<Integer, Map<String, ReportCounts>> reports;
  private final Map<Integer, Map<String, AttestStage>> stageAttestations;

  /** The entry that carried a step, and when it took effect. */
  public record Stamp(EntryRef entry, Instant at) {}

  /**
   * A list declared in parts ({@link ListParts}) with the parts in so far, by number; it becomes
   * a committed list when the last one is in.
   */
  record Assembly(DeclareList declared, TreePMap<Integer, List<ListEntry>> parts) {
    boolean complete() {
      return parts.size() == declared.parts().size();
    }

    /** The numbers of the parts not in yet. */
    List<Integer> missing() {
      List<Integer> out = new ArrayList<>();
      for (int p = 1; p <= declared.parts().size(); p++) {
        if (!parts.containsKey(p)) {
          out.add(p);
        }
      }
      return out;
    }

    /** The list as committed, its parts joined in order. */
    ListCommitment assembled() {
      List<ListEntry> all = new ArrayList<>(declared.count());
      parts.values().forEach(all::addAll);
      DeclareList d = declared;
      return new ListCommitment(d.exchange(), d.party(), d.kind(), d.category(), d.root(), all);
    }
  }

  /** A handover as sent: which Party, when, which entries. */
  public record Handed(String party, Instant at, HandOver handOver) {}

  /** A copy of {@code s} (each collection copied once) for the next step to change. */
  private ExchangeState(Arrangement a, ExchangeState s) {
    this.arrangement = a;
    this.lists = new LinkedHashMap<>(s == null ? Map.of() : s.lists);
    this.assembling = new LinkedHashMap<>(s == null ? Map.of() : s.assembling);
    this.blindingParts = new LinkedHashMap<>(s == null ? Map.of() : s.blindingParts);
    this.committed = new LinkedHashMap<>(s == null ? Map.of() : s.committed);
    this.reblinded = new LinkedHashMap<>(s == null ? Map.of() : s.reblinded);
    this.blindedIn = new LinkedHashMap<>(s == null ? Map.of() : s.blindedIn);
    this.attestations = new ArrayList<>(s == null ? List.of() : s.attestations);
    this.consent = new LinkedHashMap<>(s == null ? Map.of() : s.consent);
    this.attestedIn = new LinkedHashMap<>(s == null ? Map.of() : s.attestedIn);
    this.handedPersons = new TreeMap<>(s == null ? Map.of() : s.handedPersons);
    this.handovers = new ArrayList<>(s == null ? List.of() : s.handovers);
    this.reports = new TreeMap<>(s == null ? Map.of() : s.reports);
    this.stageAttestations = new TreeMap<>(s == null ? Map.of() : s.stageAttestations);
  }

  static ExchangeState empty(Arrangement a) {
    return new ExchangeState(a, null);
  }

  /**
   * The state the next step starts from: a copy, changed by {@link ExchangeRegime} through the
   * package-private methods below before it is returned, and never after.
   */
  ExchangeState next() {
    return new ExchangeState(arrangement, this);
  }

  public Arrangement arrangement() {
    return arrangement;
  }

  /** Every committed list, in the order committed. */
  public List<ListCommitment> lists() {
    return lists.values().stream().map(Listed::commitment).toList();
  }

  public Optional<ListCommitment> list(ListId id) {
    return Optional.ofNullable(lists.get(id)).map(Listed::commitment);
  }

  Listed listed(ListId id) {
    return lists.get(id);
  }

  /** A list declared in parts and not complete yet. */
  Optional<Assembly> assembling(ListId id) {
    return Optional.ofNullable(assembling.get(id));
  }

  /** Every list declared in parts and not complete yet, in the order declared. */
  List<Assembly> assembling() {
    return List.copyOf(assembling.values());
  }

  /** The parts of list {@code id} the other Party has blinded so far, by number. */
  TreePMap<Integer, List<Blinded>> blindingParts(ListId id) {
    return blindingParts.getOrDefault(id, TreePMap.empty());
  }

  /** The values the other Party put on top of list {@code id}'s, when it has. */
  public Optional<List<Blinded>> reblinded(ListId id) {
    return Optional.ofNullable(reblinded.get(id));
  }

  /** The intermediary's latest finding on entry {@code commitment}. */
  public Optional<Consent> consent(Hash commitment) {
    return Optional.ofNullable(consent.get(commitment));
  }

  /** Every attestation of consent or refusal, in order (a later one supersedes). */
  public List<AttestConsent> attestations() {
    return Collections.unmodifiableList(attestations);
  }

  public List<Handed> handovers() {
    return Collections.unmodifiableList(handovers);
  }

  boolean handedOver(String party, Blinded person) {
    return handedPersons.getOrDefault(party, Set.of()).contains(person);
  }

  /** The reports of stage {@code n} by Party, and the mediators' attestations by mediator. */
  public Map<String, ReportCounts> reports(int n) {
    return reports.getOrDefault(n, Map.of());
  }

  public Map<String, AttestStage> stageAttestations(int n) {
    return stageAttestations.getOrDefault(n, Map.of());
  }

  /** Stage {@code n}: who signed, and the discrepancies between their figures. */
  public StageRecord stage(int n) {
    return StageRecord.of(this, n);
  }

  /** Every category's match where both lists and both blindings are in, both directions. */
  public List<ListMatch> matches() {
    List<ListMatch> out = new ArrayList<>();
    for (Listed requested : lists.values()) {
      ListCommitment r = requested.commitment();
      ListId held = new ListId(arrangement.other(r.party()), ListKind.HELD, r.category());
      if (r.kind() == ListKind.REQUESTED && twice(r.id()) && twice(held)) {
        ListCommitment h = lists.get(held).commitment();
        out.add(ListMatch.of(r, reblinded.get(r.id()), h, reblinded.get(held)));
      }
    }
    return out;
  }

  /**
   * Persons on a requested list found on the other Party's held list of another category (the
   * two sides class them differently: 7 listed as civilians by one, as military by the other).
   */
  public List<CrossMatch> crossCategory() {
    List<CrossMatch> out = new ArrayList<>();
    for (Listed requested : lists.values()) {
      ListId r = requested.commitment().id();
      for (Listed held : lists.values()) {
        ListId h = held.commitment().id();
        if (r.kind() == ListKind.REQUESTED && h.kind() == ListKind.HELD
            && h.party().equals(arrangement.other(r.party()))
            && !h.category().equals(r.category()) && twice(r) && twice(h)) {
          int n = ListMatch.overlap(reblinded.get(r), new HashSet<>(reblinded.get(h)));
          if (n > 0) {
            out.add(new CrossMatch(r, h, n));
          }
        }
      }
    }
    return out;
  }

  /** What a participant still owes: a blinding of the other's list, or consent findings. */
  public List<Pending> pending() {
    List<Pending> out = new ArrayList<>();
    for (Listed l : lists.values()) {
      ListCommitment c = l.commitment();
      if (!reblinded.containsKey(c.id())) {
        int parts = ListParts.partsFor(c.count()) - blindingParts(c.id()).size();
        out.add(new Pending(arrangement.other(c.party()), What.BLIND_LIST, c.id(),
            parts));
      }
      boolean needsConsent = c.kind() == ListKind.HELD && arrangement.category(c.category())
          .map(CategoryRule::consentToReturn).orElse(false);
      long open = c.entries().stream().filter(e -> !consent.containsKey(e.commitment())).count();
      if (needsConsent && open > 0) {
        out.add(new Pending(arrangement.intermediary(), What.ATTEST_CONSENT, c.id(),
            (int) open));
      }
    }
    for (Assembly a : assembling.values()) {
      out.add(new Pending(a.declared().party(), What.LIST_PARTS, a.declared().id(),
          a.missing().size()));
    }
    return out;
  }

  private boolean twice(ListId id) {
    return lists.containsKey(id) && reblinded.containsKey(id);
  }

  /** When and in which entry list {@code id} was committed, and blinded by the other Party. */
  public Optional<Stamp> committed(ListId id) {
    return Optional.ofNullable(committed.get(id));
  }

  public Optional<Stamp> blinded(ListId id) {
    return Optional.ofNullable(blindedIn.get(id));
  }

  /** The entry of the intermediary's first finding on entry {@code commitment}. */
  public Optional<Stamp> attested(Hash commitment) {
    return Optional.ofNullable(attestedIn.get(commitment));
  }

  void putList(Listed l, Stamp s) {
    lists.put(l.commitment().id(), l);
    committed.put(l.commitment().id(), s);
  }

  void declare(DeclareList d) {
    assembling.put(d.id(), new Assembly(d, TreePMap.empty()));
  }

  /** Part {@code part} of a declared list; the list is committed when it is the last. */
  void putPart(ListId id, int part, List<ListEntry> entries, Stamp s) {
    Assembly a = assembling.get(id);
    Assembly next = new Assembly(a.declared(), a.parts().plus(part, entries));
    if (next.complete()) {
      assembling.remove(id);
      putList(Listed.of(next.assembled()), s);
    } else {
      assembling.put(id, next);
    }
  }

  /** Part {@code part} of the other Party's blinding; the blinding is in with the last part. */
  void putReblindedPart(ListId id, int part, List<Blinded> values, Stamp s) {
    TreePMap<Integer, List<Blinded>> parts = blindingParts(id).plus(part, values);
    if (parts.size() < ListParts.partsFor(lists.get(id).commitment().count())) {
      blindingParts.put(id, parts);
      return;
    }
    blindingParts.remove(id);
    List<Blinded> all = new ArrayList<>();
    parts.values().forEach(all::addAll);
    putReblinded(id, all, s);
  }

  void putReblinded(ListId id, List<Blinded> values, Stamp s) {
    reblinded.put(id, List.copyOf(values));
    blindedIn.put(id, s);
  }

  void attest(AttestConsent a, Stamp s) {
    attestations.add(a);
    consent.put(a.commitment(), a.decision());
    attestedIn.putIfAbsent(a.commitment(), s);
  }

  void handOver(String party, Instant at, HandOver h, Set<Blinded> persons) {
    Set<Blinded> all = new HashSet<>(handedPersons.getOrDefault(party, Set.of()));
    all.addAll(persons);
    handedPersons.put(party, Set.copyOf(all));
    handovers.add(new Handed(party, at, h));
  }

  void report(String party, ReportCounts r) {
    reports.put(r.stage(), with(reports.get(r.stage()), party, r));
  }

  void attestStage(String party, AttestStage a) {
    stageAttestations.put(a.stage(), with(stageAttestations.get(a.stage()), party, a));
  }

  private static <V> Map<String, V> with(Map<String, V> m, String k, V v) {
    Map<String, V> out = new TreeMap<>(m == null ? Map.of() : m);
    out.put(k, v);
    return Collections.unmodifiableMap(out);
  }
}
