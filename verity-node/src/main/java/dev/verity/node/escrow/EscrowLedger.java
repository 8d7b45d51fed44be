package dev.verity.node.escrow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.escrow.EscrowCommitment;
import dev.verity.core.escrow.EscrowVerifier;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.escrow.RevealProblem;
import dev.verity.core.message.Item;
import dev.verity.core.selection.Canonical;
import java.time.LocalDate;
import dev.verity.node.projection.ProblemList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The projection of every Party's escrow entries, the same on every node: the commitments, and
 * each revealed item checked against its commitment with {@link EscrowVerifier} as the entry is
 * applied (mirrored from a peer or appended by this node). A reveal that does not check (altered
 * item, item not in the commitment, index or identifier revealed twice) stays in the record,
 * marked with its problem, and is listed among the problems; it never counts as revealed.
 */
public final class EscrowLedger {
  private final Agreement agreement;
  private final Map<String, List<Committed>> commitments = new TreeMap<>();
  private final Map<String, List<RevealView>> reveals = new TreeMap<>();
  private final ProblemList problems = new ProblemList();

  /** A log entry: a Party's log and the index in it. */
  public record EntryRef(String party, long index) {}

  /** A commitment as the API shows it. */
  public record CommitmentView(LocalDate asOf, long size, String root, Map<String, Long> aggregates, EntryRef entry,
      int revealed) {}

  /** One revealed item: verified ({@code ok}, with its record) or not (with the problem). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RevealView(String item, long index, String root, EntryRef entry, boolean ok, String problem, Item record) {}

  /** A commitment and the items revealed from it so far, as the inventory needs them. */
  public record Escrowed(EscrowCommitment commitment, EntryRef entry, List<Item> revealed) {}

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

  public EscrowLedger(Agreement agreement) {
    this.agreement = agreement;
  }

  /** Applies entry {@code index} of {@code party}'s log, of an escrow type ({@link EscrowEntries#handles}). */
  public synchronized void apply(String party, long index, String type, JsonNode body) {
    String where = party + "/" + index + ": ";
    try {
      if (EscrowEntries.COMMITMENT.equals(type)) {
        commit(party, index, EscrowEntries.commitment(body)).ifPresent(p -> problems.add(where + p));
      } else {
        reveal(party, index, EscrowEntries.revealPart(body)).forEach(p -> problems.add(where + p));
      }
    } catch (JsonProcessingException e) {
      problems.add(where + "unreadable " + type + ": " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      // a peer's entry, however malformed, must never stop the mirror: it is recorded, not applied
      problems.add(where + type + " could not be checked: " + e);
    }
  }

  private Optional<String> commit(String party, long index, EscrowCommitment c) {
    if (agreement.declarationMode() != DeclarationMode.ESCROW) {
      return Optional.of("escrow commitment under " + agreement.id() + ", which publishes declarations in full");
    }
    String bad = !EscrowCommitment.FORMAT.equals(c.format()) ? "format is not " + EscrowCommitment.FORMAT
        : !agreement.id().equals(c.agreement()) ? "agreement is not " + agreement.id()
        : !party.equals(c.party()) ? "party is not " + party
        : c.asOf() == null ? "asOf is missing"
        : c.size() < 0 ? "size is negative"
        : !isHash(c.root()) ? "root is not a 32-byte hex hash"
        : c.aggregates() == null ? "aggregates are missing"
        : find(party, c.root()).isPresent() ? "root " + c.root() + " was committed before" : null;
    if (bad != null) {
      return Optional.of("escrow commitment not accepted: " + bad);
    }
    commitments.computeIfAbsent(party, p -> new ArrayList<>()).add(new Committed(c, new EntryRef(party, index)));
    return Optional.empty();
  }

  private static boolean isHash(String hex) {
    byte[] b = hex == null ? null : Canonical.unhex(hex);
    return b != null && b.length == 32;
  }

  private Optional<Committed> find(String party, String root) {
    return commitments.getOrDefault(party, List.of()).stream().filter(c -> c.commitment.root().equals(root)).findFirst();
  }

  /** Checks the reveals of one entry; returns the problems (each naming the item). */
  private List<String> reveal(String party, long index, EscrowEntries.RevealPart part) {
    Optional<Committed> found = find(party, part.root());
    EntryRef at = new EntryRef(party, index);
    List<RevealView> out = reveals.computeIfAbsent(party, p -> new ArrayList<>());
    if (found.isEmpty()) {
      part.reveals().forEach(r -> out.add(new RevealView(idOf(r), r.index(), part.root(), at, false,
          "no commitment with root " + part.root() + " in " + party + "'s log", null)));
      return List.of("escrow reveal of " + part.reveals().size() + " item(s) for root " + part.root()
          + ", which " + party + " never committed");
    }
    Committed c = found.get();
    List<RevealProblem> problems = new ArrayList<>();
    List<Reveal> fresh = new ArrayList<>();
    for (Reveal r : part.reveals()) {
      Long earlier = c.entryOf.get(idOf(r));
      String other = c.byIndex.get(r.index());
      if (earlier != null) {
        problems.add(new RevealProblem(idOf(r), "revealed more than once (already in " + party + "/" + earlier + ")"));
      } else if (other != null) {
        problems.add(new RevealProblem(idOf(r), "index " + r.index() + " was already revealed for " + other));
      } else {
        fresh.add(r);
      }
    }
    problems.addAll(verify(c, fresh));
    record(c, at, fresh, problems, out);
    return problems.stream().map(p -> "escrow reveal of " + p.item() + ": " + p.reason()).toList();
  }

  /**
   * Verifies {@code fresh} against the commitment. Only when one fails are the reveals accepted
   * before verified again with it: the adjacent verified leaves around a failing identifier are
   * what proves it absent (docs/formats/escrow.md), and re-checking them costs nothing when all is well.
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

  private static void record(Committed c, EntryRef at, List<Reveal> fresh, List<RevealProblem> problems,
      List<RevealView> out) {
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
        out.add(new RevealView(id, r.index(), c.commitment.root(), at, true, null, r.item()));
      }
    }
    problems.forEach(p -> out.add(new RevealView(p.item(), indexOf(fresh, p.item()), c.commitment.root(), at, false,
        p.reason(), null)));
  }

  private static long indexOf(List<Reveal> rs, String id) {
    return rs.stream().filter(r -> idOf(r).equals(id)).mapToLong(Reveal::index).findFirst().orElse(-1);
  }

  private static String idOf(Reveal r) {
    return r.item() == null || r.item().id() == null ? "(no identifier)" : r.item().id();
  }

  /** The commitment of {@code party} in force on {@code day} (the latest as of that day, else its first); empty if none. */
  public synchronized Optional<Escrowed> asOf(String party, LocalDate day) {
    Committed best = null;
    for (Committed c : commitments.getOrDefault(party, List.of())) {
      if ((day == null || !c.commitment.asOf().isAfter(day))
          && (best == null || !best.commitment.asOf().isAfter(c.commitment.asOf()))) { // a tie: the later entry
        best = c;
      }
    }
    List<Committed> all = commitments.getOrDefault(party, List.of());
    Committed c = best != null ? best : all.isEmpty() ? null : all.get(0);
    return c == null ? Optional.empty() : Optional.of(new Escrowed(c.commitment, c.entry, List.copyOf(c.items.values())));
  }

  /** Whether {@code party} committed {@code root} in its log. */
  public synchronized boolean committed(String party, String root) {
    return find(party, root).isPresent();
  }

  /** The identifiers revealed (with a valid proof) from {@code party}'s commitment {@code root}. */
  public synchronized List<String> revealedIds(String party, String root) {
    return find(party, root).map(c -> List.copyOf(c.items.keySet())).orElse(List.of());
  }

  /** The root of {@code party}'s latest commitment (by asOf, then log order), if any. */
  public synchronized Optional<String> latestRoot(String party) {
    return asOf(party, null).map(e -> e.commitment().root());
  }

  /** Per Party, its commitments and reveals (for {@code GET /api/v1/escrow}). */
  public synchronized Map<String, Object> view() {
    Map<String, Object> out = new TreeMap<>();
    for (String p : agreement.parties().stream().map(dev.verity.core.agreement.Party::id).toList()) {
      List<CommitmentView> cs = commitments.getOrDefault(p, List.of()).stream().map(c -> new CommitmentView(
          c.commitment.asOf(), c.commitment.size(), c.commitment.root(), new TreeMap<>(c.commitment.aggregates()),
          c.entry, c.items.size())).toList();
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("commitments", cs);
      v.put("reveals", List.copyOf(reveals.getOrDefault(p, List.of())));
      out.put(p, v);
    }
    return out;
  }

  /** Escrow entries that did not check, in the order applied. */
  public synchronized List<String> problems() {
    return List.copyOf(problems.kept());
  }

  /** How many problems were found, including those beyond what is kept. */
  public synchronized long problemCount() {
    return problems.total();
  }
}
