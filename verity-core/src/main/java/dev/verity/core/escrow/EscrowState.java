package dev.verity.core.escrow;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Item;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.selection.Canonical;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every Party's escrowed declarations, the same on every node: the commitments, and each revealed
 * item checked against its commitment with {@link EscrowVerifier} as the entry is folded. A reveal
 * that does not check (altered item, item not in the commitment, index or identifier revealed
 * twice) stays in the record, marked with its problem; it never counts as revealed.
 */
public final class EscrowState {
  /** A commitment and the items revealed with a valid proof from it, in the order revealed. */
  public record Escrowed(EscrowCommitment commitment, EntryRef entry, List<Item> revealed) {}

  /** One revealed item: verified ({@code ok}, with its record) or not (with the problem). */
  public record Revealed(String item, long index, String root, EntryRef entry, boolean ok,
      String problem, Item record) {}

  /** A commitment and what has been revealed (with a valid proof) from it. */
  private static final class Committed {
    final EscrowCommitment commitment;
    final EntryRef entry;
    final List<Reveal> accepted = new ArrayList<>();
    final Map<String, Item> items = new LinkedHashMap<>();
    final Map<String, Long> entryOf = new HashMap<>();
    final Map<Long, String> byIndex = new HashMap<>();

    Committed(EscrowCommitment commitment, EntryRef entry) {
      this.commitment = commitment;
      this.entry = entry;
    }
  }

  private final Agreement agreement;
  private final Map<String, List<Committed>> commitments = new TreeMap<>();
  private final Map<String, List<Revealed>> reveals = new TreeMap<>();

  public EscrowState(Agreement agreement) {
    this.agreement = agreement;
  }

  /**
   * Records {@code party}'s commitment in its entry {@code index}; the refusal instead, with
   * nothing recorded, if it is not a valid commitment under the agreement.
   */
  public Optional<Refusal> commit(String party, long index, EscrowCommitment c) {
    if (agreement.declarationMode() != DeclarationMode.ESCROW) {
      return refuse(Kind.NOT_ALLOWED, "escrow-mode", "escrow commitment under " + agreement.id()
          + ", which publishes declarations in full");
    }
    String bad = !EscrowCommitment.FORMAT.equals(c.format()) ? "format is not "
        + EscrowCommitment.FORMAT
        : !agreement.id().equals(c.agreement()) ? "agreement is not " + agreement.id()
        : !party.equals(c.party()) ? "party is not " + party
        : c.asOf() == null ? "asOf is missing"
        : c.size() < 0 ? "size is negative"
        : !isHash(c.root()) ? "root is not a 32-byte hex hash"
        : c.aggregates() == null ? "aggregates are missing" : null;
    if (bad != null) {
      return refuse(Kind.MALFORMED, "commitment", "escrow commitment not accepted: " + bad);
    }
    if (find(party, c.root()).isPresent()) {
      return refuse(Kind.SUBJECT, "unique-root", "escrow commitment not accepted: root "
          + c.root() + " was committed before");
    }
    commitments.computeIfAbsent(party, p -> new ArrayList<>())
        .add(new Committed(c, new EntryRef(party, index)));
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(Kind kind, String rule, String reason) {
    return Optional.of(new Refusal(kind, rule, reason));
  }

  private static boolean isHash(String hex) {
    byte[] b = hex == null ? null : Canonical.unhex(hex);
    return b != null && b.length == 32;
  }

  private Optional<Committed> find(String party, String root) {
    return commitments.getOrDefault(party, List.of()).stream()
        .filter(c -> c.commitment.root().equals(root)).findFirst();
  }

  /**
   * Checks and records the reveals of {@code party}'s entry {@code index} for the commitment
   * {@code root}; returns the problems, each naming its item (empty when every reveal checks).
   */
  public List<RevealProblem> reveal(String party, long index, String root, List<Reveal> rs) {
    Optional<Committed> found = find(party, root);
    EntryRef at = new EntryRef(party, index);
    List<Revealed> out = reveals.computeIfAbsent(party, p -> new ArrayList<>());
    if (found.isEmpty()) {
      rs.forEach(r -> out.add(new Revealed(idOf(r), r.index(), root, at, false,
          "no commitment with root " + root + " in " + party + "'s log", null)));
      return List.of(new RevealProblem("(commitment)", "escrow reveal of " + rs.size()
          + " item(s) for root " + root + ", which " + party + " never committed"));
    }
    Committed c = found.get();
    List<RevealProblem> problems = new ArrayList<>();
    List<Reveal> fresh = new ArrayList<>();
    for (Reveal r : rs) {
      Long earlier = c.entryOf.get(idOf(r));
      String other = c.byIndex.get(r.index());
      if (earlier != null) {
        problems.add(new RevealProblem(idOf(r), "revealed more than once (already in " + party
            + "/" + earlier + ")"));
      } else if (other != null) {
        problems.add(new RevealProblem(idOf(r), "index " + r.index()
            + " was already revealed for " + other));
      } else {
        fresh.add(r);
      }
    }
    problems.addAll(verify(c, fresh));
    record(c, at, fresh, problems, out);
    return problems;
  }

  /**
   * Verifies {@code fresh} against the commitment. Only when one fails are the reveals accepted
   * before verified again with it: the adjacent verified leaves around a failing identifier are
   * what proves it absent (docs/formats/escrow.md), and re-checking them costs nothing when all is
   * well.
   */
  private static List<RevealProblem> verify(Committed c, List<Reveal> fresh) {
    EscrowVerifier.Result r = EscrowVerifier.verify(c.commitment, fresh, List.of());
    if (r.clean()) {
      return List.of();
    }
    List<Reveal> all = new ArrayList<>(c.accepted);
    all.addAll(fresh);
    return EscrowVerifier.verify(c.commitment, all, List.of()).problems();
  }

  private static void record(Committed c, EntryRef at, List<Reveal> fresh,
      List<RevealProblem> problems, List<Revealed> out) {
    Map<String, String> why = new HashMap<>();
    problems.forEach(p -> why.merge(p.item(), p.reason(), (a, b) -> a + "; " + b));
    Map<String, Boolean> taken = new HashMap<>();
    for (Reveal r : fresh) {
      String id = idOf(r);
      if (!why.containsKey(id) && taken.putIfAbsent(id, true) == null) {
        c.accepted.add(r);
        c.items.put(id, r.item());
        c.entryOf.put(id, at.index());
        c.byIndex.put(r.index(), id);
        out.add(new Revealed(id, r.index(), c.commitment.root(), at, true, null, r.item()));
      }
    }
    problems.forEach(p -> out.add(new Revealed(p.item(), indexOf(fresh, p.item()),
        c.commitment.root(), at, false, p.reason(), null)));
  }

  private static long indexOf(List<Reveal> rs, String id) {
    return rs.stream().filter(r -> idOf(r).equals(id)).mapToLong(Reveal::index).findFirst()
        .orElse(-1);
  }

  private static String idOf(Reveal r) {
    return r.item() == null || r.item().id() == null ? "(no identifier)" : r.item().id();
  }

  /**
   * The commitment of {@code party} in force on {@code day} (the latest as of that day, else its
   * first; all of them when {@code day} is null); empty if none.
   */
  public Optional<Escrowed> asOf(String party, LocalDate day) {
    Committed best = null;
    for (Committed c : commitments.getOrDefault(party, List.of())) {
      if ((day == null || !c.commitment.asOf().isAfter(day))
          && (best == null || !best.commitment.asOf().isAfter(c.commitment.asOf()))) {
        best = c; // a tie: the later entry
      }
    }
    List<Committed> all = commitments.getOrDefault(party, List.of());
    Committed c = best != null ? best : all.isEmpty() ? null : all.get(0);
    return c == null ? Optional.empty()
        : Optional.of(new Escrowed(c.commitment, c.entry, List.copyOf(c.items.values())));
  }

  /** Every commitment of {@code party}, with what has been revealed from each, in log order. */
  public List<Escrowed> commitments(String party) {
    return commitments.getOrDefault(party, List.of()).stream().map(c -> new Escrowed(
        c.commitment, c.entry, List.copyOf(c.items.values()))).toList();
  }

  /** Every reveal of {@code party}, checked or not, in the order folded. */
  public List<Revealed> reveals(String party) {
    return List.copyOf(reveals.getOrDefault(party, List.of()));
  }

  /** Whether {@code party} committed {@code root}. */
  public boolean committed(String party, String root) {
    return find(party, root).isPresent();
  }

  /** The identifiers revealed (with a valid proof) from {@code party}'s commitment {@code root}. */
  public List<String> revealedIds(String party, String root) {
    return find(party, root).map(c -> List.copyOf(c.items.keySet())).orElse(List.of());
  }
}
